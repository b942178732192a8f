import Foundation
import FuzzHarnesses
import Testing

/// Every fuzz target's committed seeds (`Fuzz/corpus/<target>/`) and past findings
/// (`Fuzz/regressions/<target>/`) replayed through the same harness `make fuzz` drives:
/// a regression crashes this test.
@Suite struct FuzzCorpusReplayTests {
  static let fuzz = ExperimentRunner.packageRoot.appendingPathComponent("Fuzz")

  static func inputs(_ target: String) throws -> [URL] {
    try ["corpus", "regressions"].flatMap { kind -> [URL] in
      let folder = fuzz.appendingPathComponent("\(kind)/\(target)")
      return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.lastPathComponent != ".gitkeep" }
    }
  }

  @Test(arguments: FuzzHarnesses.all.map { $0.name })
  func replaysSeedsAndRegressions(_ target: String) throws {
    let harness = try #require(FuzzHarnesses.all.first { $0.name == target })
    let files = try Self.inputs(target)
    #expect(!files.isEmpty, "no seeds for \(target)")
    for file in files { harness.exercise(try Data(contentsOf: file)) }
  }

  /// The checkpoint states that once reached unchecked code (a buffer shorter than its
  /// copies, a position off the board, a queue of capacity 0) are refused now.
  @Test func checkpointRegressionsAreRefused() throws {
    let folder = Self.fuzz.appendingPathComponent("regressions/\(CheckpointHarness.name)")
    let states = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "state" }
    #expect(states.count >= 3)
    for file in states { #expect(!CheckpointHarness.restores(try Data(contentsOf: file)), "\(file.lastPathComponent) was restored") }
  }

  /// The checkpoint seeds are what the agents write today: they decode and restore (a
  /// format change that left them stale would leave the fuzzer starting from garbage).
  @Test func checkpointSeedsAreCurrent() throws {
    let committed = Set(try Self.inputs(CheckpointHarness.name).map(\.lastPathComponent))
    for (name, _) in CheckpointHarness.seeds() { #expect(committed.contains(name), "Fuzz/corpus/fuzz-checkpoint/\(name) missing") }
    for (name, data) in CheckpointHarness.seeds() where name.hasSuffix(".state") {
      #expect(CheckpointHarness.restores(data), "\(name): a fresh seed does not restore")
      let file = Self.fuzz.appendingPathComponent("corpus/fuzz-checkpoint/\(name)")
      #expect(CheckpointHarness.restores(try Data(contentsOf: file)), "\(name): the committed seed does not restore; regenerate it (Fuzz/README.md)")
    }
  }
}
