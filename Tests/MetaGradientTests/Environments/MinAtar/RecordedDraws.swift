import Testing
@testable import MetaGradient

/// The random draws MinAtar's Python game made in a recorded episode, handed back to a
/// Swift game in the same order (a test-side ``MinAtarRandomSource``).
///
/// The recording script (`Fixtures/minatar/record_trajectories.py`) logs every call on
/// the game's numpy `RandomState` as elementary draws: `u<hex>` for one `rand()` value
/// (exactly `k / 2^53`, `k` in hex) and `i<n>:<v>` for one `randint` value `v` in
/// `0..<n`. A Swift ``MinAtarRandomSource/uniform()`` or
/// ``MinAtarRandomSource/bernoulli(_:)`` takes the next `u` draw, and
/// ``MinAtarRandomSource/index(_:)`` the next `i` draw of the same `n`. Asking for a
/// draw of another kind or range than recorded, or for more draws than recorded, is a
/// test failure (recorded once, at the first such draw; the game then gets zeros).
struct RecordedDraws: MinAtarRandomSource {
  enum Draw: Equatable, CustomStringConvertible {
    case uniform(Double)
    case index(n: Int, value: Int)

    /// Parses one `u<hex>` or `i<n>:<v>` token.
    init?(_ token: Substring) {
      switch token.first {
      case "u":
        guard let k = UInt64(token.dropFirst(), radix: 16), k < 1 << 53 else { return nil }
        self = .uniform(Double(k) * 0x1p-53)
      case "i":
        let parts = token.dropFirst().split(separator: ":")
        guard parts.count == 2, let n = Int(parts[0]), let v = Int(parts[1]), (0..<n).contains(v) else { return nil }
        self = .index(n: n, value: v)
      default: return nil
      }
    }

    var description: String {
      switch self {
      case .uniform(let u): "rand() = \(u)"
      case .index(let n, let v): "randint over 0..<\(n) = \(v)"
      }
    }
  }

  let draws: [Draw]
  /// Names the record in failure messages.
  let label: String
  /// How many draws the game has taken.
  private(set) var position = 0
  /// The game asked for a draw that was not recorded.
  private(set) var failed = false

  init(_ draws: [Draw], label: String) {
    self.draws = draws
    self.label = label
  }

  /// The draws the game has not taken.
  var remaining: Int { draws.count - position }

  /// The next draw, or nil (a failure, recorded once) when none is left.
  private mutating func next(_ asked: String) -> Draw? {
    guard !failed else { return nil }
    guard position < draws.count else {
      fail("the game asked for \(asked) after all \(draws.count) recorded draws")
      return nil
    }
    position += 1
    return draws[position - 1]
  }

  private mutating func fail(_ message: String) {
    failed = true
    Issue.record("\(label): \(message)")
  }

  mutating func uniform() -> Double {
    switch next("rand()") {
    case .uniform(let u): return u
    case let other?:
      fail("draw \(position - 1): the game asked for rand(), MinAtar drew \(other)")
      return 0
    case nil: return 0
    }
  }

  mutating func index(_ n: Int) -> Int {
    switch next("randint over 0..<\(n)") {
    case .index(n, let value): return value
    case let other?:
      fail("draw \(position - 1): the game asked for randint over 0..<\(n), MinAtar drew \(other)")
      return 0
    case nil: return 0
    }
  }
}
