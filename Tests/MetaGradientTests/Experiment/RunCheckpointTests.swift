import Foundation
import Testing
@testable import MetaGradient

@Suite struct RunCheckpointTests {
  /// Finished units are kept in memory and written when a checkpoint is due (so runs of
  /// many short seeds do not rewrite the file after each), and come back on resume
  /// without running their body again.
  @Test func finishedUnitsAreWrittenWhenDueAndRestored() throws {
    let folder = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let manifest = RunManifest([("experiment", "test")])
    let file = folder.appendingPathComponent(RunCheckpoint.fileName)

    let patient = try RunCheckpoint(folder: folder, manifest: manifest, interval: 3600)
    #expect(try patient.unit("a") { _ in [1.5, 2.5] } == [1.5, 2.5])
    #expect(!FileManager.default.fileExists(atPath: file.path), "written before it was due")

    let eager = try RunCheckpoint(folder: folder, manifest: manifest, interval: 0)
    #expect(try eager.unit("a") { _ in [1.5, 2.5] } == [1.5, 2.5])
    #expect(try eager.unit("b", keep: { _ in false }) { _ in [Double.nan] }.count == 1)
    #expect(FileManager.default.fileExists(atPath: file.path))

    let resumed = try RunCheckpoint(folder: folder, manifest: manifest, interval: 0)
    #expect(resumed.resumeNote?.contains("1 finished runs") == true)
    var ran = false
    #expect(try resumed.unit("a") { _ -> [Double] in ran = true; return [] } == [1.5, 2.5])
    #expect(!ran, "a finished unit ran again")
    // The unit left out by `keep` (a diverged run) is not restored.
    _ = try resumed.unit("b") { _ -> [Double] in ran = true; return [] }
    #expect(ran)

    // Another configuration's checkpoint is refused, naming the difference.
    #expect(throws: (any Error).self) { try RunCheckpoint(folder: folder, manifest: RunManifest([("experiment", "other")]), interval: 0) }
  }
}
