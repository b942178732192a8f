import Foundation
import GoldenFixtures
import Testing
@testable import MetaGradient

/// The corrupted-data table: damaged inputs to every reader the program has, each fed
/// to the program as a user would meet it. Every case must end in one message naming
/// the file and what is wrong, the documented exit status (64: a checkpoint or MANIFEST
/// is refused before any work; 1: `compare`'s data problems), nothing overwritten, and
/// no crash. (Unreadable permissions cannot be tested here: the suite runs as root in
/// CI, and root reads any file; a folder where a file is expected stands in for them.)
@Suite(.serialized) struct CorruptedDataTests {
  /// A damage applied to a file's bytes, and what the message must say.
  struct Damage: CustomStringConvertible, Sendable {
    var name: String
    var apply: @Sendable (Data) -> Data
    var says: String
    var description: String { name }
  }

  static func flip(_ data: Data, at offset: Int) -> Data {
    var d = data
    d[d.startIndex + offset] ^= 0x04
    return d
  }
  /// The hex digit at `offset` replaced by another hex digit (flipping a bit of one can
  /// leave the hex digits, which is another damage: "malformed header line").
  static func changeDigit(_ data: Data, at offset: Int) -> Data {
    var d = data
    let i = d.startIndex + offset
    d[i] = d[i] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
    return d
  }
  static func lineEnds(_ data: Data) -> [Int] { data.indices.filter { data[$0] == UInt8(ascii: "\n") } }

  // MARK: Checkpoints (resumed by an experiment: exit 64, the unit untouched)

  static let unit = "catch/meta-gamma/seed00"
  static let run = ["--env", "catch", "--seeds", "1", "--steps", "200000", "--checkpoint-minutes", "0", "--quiet"]

  /// Damages of the envelope `magic \n bytes N fnv1a64 H \n payload`.
  static let envelopeDamages: [Damage] = [
    Damage(name: "empty", apply: { _ in Data() }, says: "truncated header"),
    Damage(name: "truncated after the magic line", apply: { $0.prefix(lineEnds($0)[0] + 1) }, says: "truncated header"),
    Damage(name: "truncated after the header", apply: { $0.prefix(lineEnds($0)[1] + 1) }, says: "payload bytes, the header says"),
    Damage(name: "truncated mid-payload", apply: { $0.prefix(lineEnds($0)[1] + 1 + ($0.count - lineEnds($0)[1]) / 2) }, says: "truncated"),
    Damage(name: "bit flipped in the magic line", apply: { flip($0, at: 3) }, says: "not a checkpoint of this format"),
    Damage(name: "bit flipped in the payload", apply: { flip($0, at: $0.count - 20) }, says: "checksum mismatch"),
    Damage(name: "a digit of the checksum changed", apply: { changeDigit($0, at: lineEnds($0)[1] - 2) }, says: "checksum mismatch"),
    Damage(name: "huge byte count", apply: { data in
      let text = String(decoding: data, as: UTF8.self)
      let header = text.split(separator: "\n")[1]
      return Data(text.replacingOccurrences(of: String(header), with: "bytes 99999999999999999999999 fnv1a64 0000000000000000").utf8)
    }, says: "malformed header line"),
  ]

  /// A checkpoint whose envelope is intact but whose contents were rewritten by `edit`
  /// (the checksum recomputed), for damage a checksum cannot catch.
  static func rewrite(_ data: Data, _ edit: (inout [String: Any]) throws -> Void) throws -> Data {
    let payload = try CheckpointFile.payload(of: data, path: "x")
    var json = try JSONSerialization.jsonObject(with: payload) as! [String: Any]
    try edit(&json)
    return CheckpointFile.envelope(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
  }

  /// Edits the agent state inside the checkpoint's `state` (base64 JSON).
  static func rewriteState(_ data: Data, _ edit: @escaping @Sendable (inout [String: Any]) -> Void) throws -> Data {
    try rewrite(data) { json in
      let state = Data(base64Encoded: json["state"] as! String)!
      var saved = try JSONSerialization.jsonObject(with: state) as! [String: Any]
      var agent = saved["agent"] as! [String: Any]
      edit(&agent)
      saved["agent"] = agent
      json["state"] = try JSONSerialization.data(withJSONObject: saved, options: [.sortedKeys]).base64EncodedString()
    }
  }

  static let contentDamages: [Damage] = [
    Damage(name: "another version", apply: { try! rewrite($0) { $0["commit"] = "0123abc" } }, says: "was written by version"),
    Damage(name: "another experiment's unit", apply: { try! rewrite($0) { $0["unit"] = "catch/meta-gamma/seed07" } }, says: "belongs to unit catch/meta-gamma/seed07"),
    Damage(name: "another configuration", apply: { try! rewrite($0) { $0["manifest"] = ["experiment = baseline"] } }, says: "different configuration"),
    Damage(name: "a packed array of the wrong length", apply: { try! rewriteState($0) { agent in
      var trainer = agent["trainer"] as! [String: Any]
      trainer["parameters"] = Data(count: 12).base64EncodedString()
      agent["trainer"] = trainer
    } }, says: "parameter count: saved 3"),
    Damage(name: "a packed array of a fractional length", apply: { try! rewriteState($0) { agent in
      var trainer = agent["trainer"] as! [String: Any]
      trainer["direction"] = Data(count: 13).base64EncodedString()
      agent["trainer"] = trainer
    } }, says: "13 bytes is not a whole number of Floats"),
    Damage(name: "an environment off its board", apply: { try! rewriteState($0) { agent in
      var trainer = agent["trainer"] as! [String: Any], envs = trainer["environments"] as! [String: Any]
      var copies = envs["environments"] as! [[String: Any]]
      copies[0]["ballColumn"] = 1 << 40
      envs["environments"] = copies; trainer["environments"] = envs; agent["trainer"] = trainer
    } }, says: "Catch state: the ball at row"),
    Damage(name: "a huge queue capacity", apply: { try! rewriteState($0) { agent in
      var trainer = agent["trainer"] as! [String: Any], envs = trainer["environments"] as! [String: Any]
      var queue = envs["completedEpisodes"] as! [String: Any]
      queue["capacity"] = Int.max
      envs["completedEpisodes"] = queue; trainer["environments"] = envs; agent["trainer"] = trainer
    } }, says: "completed-episode queue: capacity"),
    Damage(name: "NaN where a count is read", apply: { try! rewriteState($0) { agent in
      var trainer = agent["trainer"] as! [String: Any]
      trainer["updateCount"] = "nan"
      agent["trainer"] = trainer
    } }, says: "does not decode"),
  ]

  /// A unit stopped by SIGTERM mid-run: its checkpoint holds the agent's state.
  static func interruptedUnit() throws -> (out: URL, checkpoint: URL) {
    let out = try ExperimentRunner.temporaryFolder()
    let checkpoint = out.appendingPathComponent(".sweep/\(unit).checkpoint")
    let r = try KillAndResumeTests.run("meta-gamma", run + ["--out", out.path, "--unit", unit], signal: SIGTERM, whenExists: checkpoint)
    #expect(r.status == 128 + SIGTERM || r.killed, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: checkpoint.path))
    return (out, checkpoint)
  }

  @Test func damagedCheckpointsAreRefusedNamingTheFile() throws {
    let (out, checkpoint) = try Self.interruptedUnit()
    defer { try? FileManager.default.removeItem(at: out) }
    let good = try Data(contentsOf: checkpoint)
    for damage in Self.envelopeDamages + Self.contentDamages {
      let bad = damage.apply(good)
      try bad.write(to: checkpoint)
      let before = try KillAndResumeTests.files(out).merging([".sweep": bad]) { $1 }
      let r = try ExperimentRunner.run("meta-gamma", Self.run + ["--out", out.path, "--unit", Self.unit],
                                       environment: KillAndResumeTests.environment)
      #expect(r.status == 64, "\(damage): exit \(r.status)")
      let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
      #expect(lines.count == 1 && lines[0].contains(checkpoint.path) && lines[0].contains(damage.says), "\(damage): \(r.stderr)")
      #expect(try Data(contentsOf: checkpoint) == bad, "\(damage): the checkpoint was overwritten")
      #expect(try KillAndResumeTests.files(out).merging([".sweep": bad]) { $1 } == before, "\(damage): files changed")
    }
    // A folder where the checkpoint goes.
    try FileManager.default.removeItem(at: checkpoint)
    try FileManager.default.createDirectory(at: checkpoint, withIntermediateDirectories: false)
    let r = try ExperimentRunner.run("meta-gamma", Self.run + ["--out", out.path, "--unit", Self.unit], environment: KillAndResumeTests.environment)
    #expect(r.status == 64 && r.stderr.contains(checkpoint.path) && r.stderr.contains("cannot read it"), "\(r.stderr)")
  }

  // MARK: MANIFEST (checked before a run writes anything: exit 64)

  static let manifestDamages: [Damage] = [
    Damage(name: "empty", apply: { _ in Data() }, says: "holds data of a different configuration"),
    Damage(name: "truncated mid-line", apply: { $0.prefix(lineEnds($0)[1] + 4) }, says: "is not `key = value`"),
    Damage(name: "truncated at a line end", apply: { $0.prefix(lineEnds($0)[2] + 1) }, says: "holds data of a different configuration"),
    Damage(name: "bit flipped in a value", apply: { flip($0, at: lineEnds($0)[0] - 1) }, says: "holds data of a different configuration"),
    Damage(name: "not UTF-8", apply: { $0 + Data([0xff, 0xfe, 0x0a]) }, says: "is not UTF-8 text"),
    Damage(name: "another experiment", apply: { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "experiment = meta-gamma", with: "experiment = baseline").utf8) },
           says: "it has 'experiment = baseline'"),
    Damage(name: "huge", apply: { _ in Data(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1) }, says: "more than a manifest's"),
  ]

  @Test func damagedManifestsAreRefusedNamingTheFolder() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let args = ["--env", "catch", "--seeds", "1", "--steps", "640", "--quiet", "--out", out.path]
    let first = try ExperimentRunner.run("meta-gamma", args, environment: KillAndResumeTests.environment)
    #expect(first.status == 0, "\(first.stderr)")
    let manifest = out.appendingPathComponent("MANIFEST"), good = try Data(contentsOf: manifest)
    try FileManager.default.removeItem(at: out.appendingPathComponent("COMPLETE"))  // so a rerun reads the manifest
    for damage in Self.manifestDamages {
      let bad = damage.apply(good)
      try bad.write(to: manifest)
      let before = try KillAndResumeTests.files(out)
      let r = try ExperimentRunner.run("meta-gamma", args, environment: KillAndResumeTests.environment)
      #expect(r.status == 64, "\(damage): exit \(r.status) \(r.stderr)")
      let line = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
      #expect(line.contains(out.path) && line.contains(damage.says), "\(damage): \(r.stderr)")
      #expect(try KillAndResumeTests.files(out) == before, "\(damage): files changed")
    }
    try FileManager.default.removeItem(at: manifest)
    try FileManager.default.createDirectory(at: manifest, withIntermediateDirectories: false)
    let r = try ExperimentRunner.run("meta-gamma", args, environment: KillAndResumeTests.environment)
    #expect(r.status == 64 && r.stderr.contains("\(manifest.path) is a folder"), "\(r.stderr)")
  }

  // MARK: Data files read by compare (exit 1, every problem named with its file and line)

  static let dataDamages: [Damage] = [
    Damage(name: "empty", apply: { _ in Data() }, says: "no `# env = …` header line"),
    Damage(name: "truncated inside the header", apply: { $0.prefix(lineEnds($0)[3] + 1) }, says: "no `#"),
    Damage(name: "truncated mid-row", apply: { $0.prefix($0.count - 5) }, says: "values for the"),
    Damage(name: "bit flipped in a number", apply: { d in flip(d, at: d.count - 3) }, says: "is not a number"),
    Damage(name: "NaN steps", apply: { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "# total_env_steps = 1000", with: "# total_env_steps = nan").utf8) },
           says: "`# total_env_steps = nan` is not an integer"),
    Damage(name: "infinite seed", apply: { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "# seed = 1", with: "# seed = inf").utf8) },
           says: "`# seed = inf` is not an integer"),
    Damage(name: "huge count", apply: { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "# total_env_steps = 1000", with: "# total_env_steps = 999999999999999999999999").utf8) },
           says: "is not an integer"),
    Damage(name: "not UTF-8", apply: { $0 + Data([0xc3, 0x28]) }, says: "not UTF-8 text"),
  ]

  @Test func damagedDataFilesAreNamedWithTheirLine() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let out = root.appendingPathComponent("compare")
    let ok = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path, "--resamples", "200"])
    #expect(ok.status == 0, "\(ok.stderr)")
    let before = try KillAndResumeTests.files(out)
    let file = meta.appendingPathComponent("cartpole/meta-gamma/seed01.dat"), good = try Data(contentsOf: file)
    for damage in Self.dataDamages {
      try damage.apply(good).write(to: file)
      let r = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path, "--resamples", "200"])
      #expect(r.status == 1, "\(damage): exit \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(file.path) && r.stderr.contains(damage.says), "\(damage): \(r.stderr)")
      #expect(try KillAndResumeTests.files(out) == before, "\(damage): the comparison was overwritten")
    }
    try FileManager.default.removeItem(at: file)
    try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
    let r = try ExperimentRunner.run("compare", [baseline.path, meta.path, "--out", out.path, "--resamples", "200"])
    #expect(r.status == 1 && r.stderr.contains(file.path), "\(r.stderr)")
    #expect(try KillAndResumeTests.files(out) == before)
  }

  // MARK: Golden fixtures (read in-process: a thrown error naming the fixture and key)

  @Test func damagedGoldenFixturesThrowNamingTheKey() throws {
    let good = try Data(contentsOf: GoldenFile.url("lambda_return_golden.json"))
    let cases: [(String, Data, String)] = [
      ("empty", Data(), "is not JSON"),
      ("truncated", good.prefix(good.count / 2), "is not JSON"),
      ("an array", Data("[1, 2]".utf8), "is not a JSON object"),
      ("deep nesting", Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), "nests 100000 levels"),
    ]
    for (name, data, says) in cases {
      #expect(throws: GoldenFixture.Invalid.self, "\(name)") { try GoldenFixture(data: data, name: "lambda_return_golden.json") }
      do { _ = try GoldenFixture(data: data, name: "lambda_return_golden.json") } catch {
        #expect("\(error)".contains("golden fixture lambda_return_golden.json") && "\(error)".contains(says), "\(name): \(error)")
      }
    }
    let text = String(decoding: good, as: UTF8.self)
    let fixtures: [(String, String, String)] = [
      ("NaN where a number is read", text.replacingOccurrences(of: "\"gamma\": 0.99,", with: "\"gamma\": \"nan\","), "`cases[0].gamma` is not a number"),
      ("a string for an array", text.replacingOccurrences(of: "\"format_version\": 1,", with: "\"format_version\": \"one\","), "`format_version` is not a number"),
      ("a huge count", text.replacingOccurrences(of: "\"T\": 20,", with: "\"T\": 1e300,"), "`cases[0].T` is not an integer"),
    ]
    for (name, damaged, says) in fixtures {
      let golden = try GoldenFixture(data: Data(damaged.utf8), name: "lambda_return_golden.json")
      do {
        let c = try golden.dicts("cases")[0]
        _ = try golden.int("format_version"); _ = try c.double("gamma"); _ = try c.int("T")
        Issue.record("\(name): accepted")
      } catch { #expect("\(error)".contains(says), "\(name): \(error)") }
    }
  }
}
