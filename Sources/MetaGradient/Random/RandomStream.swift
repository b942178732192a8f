import Foundation

/// A seeded, splittable pseudo-random stream: xoshiro256** (Blackman & Vigna, 2018),
/// seeded through SplitMix64.
///
/// Every run owns one stream built from its seed. Independent sub-streams for each
/// environment copy, each seed and each purpose are derived with ``split(_:)``, which
/// depends only on the parent's seed material and the label, never on how much the
/// parent has been used. The same seed therefore gives the same numbers on every run,
/// which is what makes data files byte-identical.
///
/// The state is `Codable`, so a checkpoint captures exactly where the stream is.
public struct RandomStream: RandomNumberGenerator, Codable, Hashable, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
  /// The 64-bit key this stream was derived from; ``split(_:)`` derives children from it.
  public let key: UInt64

  /// A stream for `seed`. Distinct seeds give unrelated streams.
  public init(seed: UInt64) {
    key = seed
    var sm = SplitMix64(state: seed)
    s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // xoshiro's one forbidden state
  }

  /// A child stream identified by `label` (an environment index, a seed, a purpose).
  /// Children with different labels are unrelated; the same label always gives the
  /// same child.
  public func split(_ label: UInt64) -> RandomStream {
    var sm = SplitMix64(state: key ^ (label &* 0xD1B5_4A32_D192_ED03))
    _ = sm.next()
    return RandomStream(seed: sm.next() ^ label)
  }

  /// A child stream identified by a string, hashed with FNV-1a (stable across runs,
  /// unlike Swift's `Hasher`).
  public func split(_ label: String) -> RandomStream {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in label.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return split(h)
  }

  @inlinable @inline(__always)
  static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// The next 64 random bits.
  @inline(__always)
  public mutating func next() -> UInt64 {
    let result = RandomStream.rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t
    s3 = RandomStream.rotl(s3, 45)
    return result
  }

  /// Uniform in [0, 1) with 53 random bits.
  @inline(__always)
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Uniform in [0, 1) with 24 random bits.
  @inline(__always)
  public mutating func uniformFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

  /// Uniform in [low, high).
  @inline(__always)
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A uniform integer in 0..<n, without modulo bias (Lemire's method).
  @inline(__always)
  public mutating func index(_ n: Int) -> Int {
    precondition(n > 0, "index(n) needs n > 0")
    let bound = UInt64(n)
    var m = next().multipliedFullWidth(by: bound)
    if m.low < bound {
      let threshold = (0 &- bound) % bound
      while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
    }
    return Int(m.high)
  }

  /// True with probability `p`.
  @inline(__always)
  public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

  /// A standard normal draw (Box–Muller; one of the pair is discarded so that the
  /// stream's position never depends on hidden cached state).
  public mutating func normal() -> Double {
    let u1 = 1.0 - uniform()  // (0, 1]
    let u2 = uniform()
    return (-2.0 * Foundation.log(u1)).squareRoot() * Foundation.cos(2.0 * Double.pi * u2)
  }

  /// A normal draw with the given mean and standard deviation.
  public mutating func normal(mean: Double, std: Double) -> Double { mean + std * normal() }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): expands a 64-bit seed into well-mixed words.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
