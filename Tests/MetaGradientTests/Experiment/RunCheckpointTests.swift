import Foundation
import Testing
@testable import MetaGradient

@Suite struct RunCheckpointTests {
  /// A unit's result is written as soon as it finishes and comes back on resume without
  /// running its body again; a result `keep` rejects (a diverged run) is not recorded.
  @Test func finishedUnitIsRecordedAndRestored() throws {
    let folder = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let manifest = RunManifest([("experiment", "test")])
    let a = folder.appendingPathComponent("a.checkpoint"), b = folder.appendingPathComponent("b.checkpoint")

    let first = try RunCheckpoint(url: a, unit: "a", manifest: manifest, interval: 3600)
    #expect(try first.run { _ in [1.5, 2.5] } == [1.5, 2.5])
    #expect(FileManager.default.fileExists(atPath: a.path))
    let diverged = try RunCheckpoint(url: b, unit: "b", manifest: manifest, interval: 0)
    #expect(try diverged.run(keep: { (_: [Double]) in false }) { _ in [Double.nan] }.count == 1)
    #expect(!FileManager.default.fileExists(atPath: b.path))

    let resumed = try RunCheckpoint(url: a, unit: "a", manifest: manifest, interval: 0)
    #expect(resumed.isFinished)
    var ran = false
    #expect(try resumed.run { _ -> [Double] in ran = true; return [] } == [1.5, 2.5])
    #expect(!ran, "a finished unit ran again")

    // Another configuration's checkpoint, or another unit's, is refused.
    #expect(throws: (any Error).self) { try RunCheckpoint(url: a, unit: "a", manifest: RunManifest([("experiment", "other")]), interval: 0) }
    #expect(throws: (any Error).self) { try RunCheckpoint(url: a, unit: "z", manifest: manifest, interval: 0) }
  }
}
