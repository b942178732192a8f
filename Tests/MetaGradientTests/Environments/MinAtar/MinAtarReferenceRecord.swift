import Foundation
@testable import MetaGradient

/// One recorded episode of a MinAtar 1.0.15 Python game, read from
/// `Tests/MetaGradientTests/Fixtures/minatar/<game>.txt` (shipped with the test target as
/// a SwiftPM resource, like the golden fixtures). The format is documented at the top of
/// `Fixtures/minatar/record_trajectories.py`, which writes these files.
struct MinAtarReferenceRecord: CustomStringConvertible {
  /// Why a fixture file could not be read.
  struct Invalid: Error, CustomStringConvertible {
    var description: String
  }

  let game: String
  let name: String
  /// What the episode reaches (difficulty ramps, crossings, ...), for messages.
  let reaches: String
  /// The applied MinAtar actions, one per step.
  let actions: [MinAtarAction]
  /// Each step's reward.
  let rewards: [Int]
  /// Whether the last step ended the game.
  let terminal: Bool
  /// Per step, the low 6 bits of the running observation hash.
  let checks: [UInt8]
  /// The running observation hash after the last step.
  let hash: UInt64
  /// The Python game's scalar state after the last step, in MinAtar's names.
  let final: [String: Int]
  let draws: [RecordedDraws.Draw]

  var description: String { "\(game) \(name)" }

  /// The alphabet of the `checks` line: index = the hash's low 6 bits.
  static let checkAlphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

  /// Every record of `game`'s fixture file.
  static func load(_ game: String) throws -> [MinAtarReferenceRecord] {
    guard let url = Bundle.module.url(forResource: game, withExtension: "txt", subdirectory: "Fixtures/minatar") else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/minatar/\(game).txt"])
    }
    return try parse(String(contentsOf: url, encoding: .utf8), game: game)
  }

  /// The records of a fixture file's text: blocks of `key value` lines split by blank
  /// lines; `#` lines are comments.
  static func parse(_ text: String, game: String) throws -> [MinAtarReferenceRecord] {
    var records: [MinAtarReferenceRecord] = []
    var fields: [Substring: Substring] = [:]
    func flush() throws {
      if !fields.isEmpty { records.append(try MinAtarReferenceRecord(game: game, fields: fields)) }
      fields = [:]
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("#") { continue }
      if line.isEmpty { try flush(); continue }
      let key = line.prefix { $0 != " " }
      fields[key] = line.dropFirst(key.count + 1)
    }
    try flush()
    return records
  }

  private init(game: String, fields: [Substring: Substring]) throws {
    func field(_ key: Substring) throws -> Substring {
      guard let value = fields[key] else { throw Invalid(description: "\(game): a record has no `\(key)` line") }
      return value
    }
    self.game = game
    name = String(try field("record"))
    let label = "\(game) \(name)"
    func invalid(_ what: String) -> Invalid { Invalid(description: "\(label): \(what)") }
    reaches = String(try field("reaches"))
    actions = try field("actions").map {
      guard let code = $0.wholeNumberValue, let action = MinAtarAction(rawValue: code) else { throw invalid("action \($0)") }
      return action
    }
    rewards = try field("rewards").map {
      guard let value = Int(String($0), radix: 36) else { throw invalid("reward \($0)") }
      return value
    }
    terminal = try field("terminal") == "1"
    checks = try field("checks").utf8.map {
      guard let bits = Self.checkAlphabet.firstIndex(of: $0) else { throw invalid("check \($0)") }
      return UInt8(bits)
    }
    guard let hash = UInt64(try field("hash"), radix: 16) else { throw invalid("hash") }
    self.hash = hash
    var final: [String: Int] = [:]
    for pair in try field("final").split(separator: " ") {
      let parts = pair.split(separator: "=")
      guard parts.count == 2, let value = Int(parts[1]) else { throw invalid("final \(pair)") }
      final[String(parts[0])] = value
    }
    self.final = final
    draws = try field("draws").split(separator: " ").map {
      guard let draw = RecordedDraws.Draw($0) else { throw invalid("draw \($0)") }
      return draw
    }
    guard rewards.count == actions.count, checks.count == actions.count, !actions.isEmpty else {
      throw invalid("\(actions.count) actions, \(rewards.count) rewards, \(checks.count) checks")
    }
  }
}
