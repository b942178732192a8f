import Foundation
import Testing

/// A run that diverges stops with a message naming what diverged and where, keeps
/// its data so far (marked `# diverged = …`) and its last good checkpoint, gets no
/// COMPLETE, and `compare` leaves it out as diverged. Rerun, it resumes from that
/// checkpoint and diverges at the same step, writing the same bytes.
@Suite struct DivergenceTests {
  @Test func divergedRunIsStoppedMarkedAndLeftOutByCompare() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("baseline")
    let arguments = [
      "--env", "cartpole", "--steps", "3200", "--seeds", "1", "--gammas", "0.99", "--lambdas", "1",
      "--optimizer", "adam", "--learning-rate", "1e30", "--quiet", "--out", out.path, "--checkpoint-minutes", "0",
    ]
    let r = try ExperimentRunner.run("baseline", arguments)
    #expect(r.status == 1)
    #expect(r.stderr.contains("diverged") && r.stderr.contains("environment step"))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".sweep/cartpole/gamma0.99-lambda1/seed00.checkpoint").path))
    let seedFile = out.appendingPathComponent("cartpole/gamma0.99-lambda1/seed00.dat")
    let file = try ParsedDataFile(contentsOf: seedFile)
    #expect(file.header.contains { $0.hasPrefix("# diverged = training diverged: NaN/Inf in") })
    #expect(file.rows.count < 10)  // stopped early: the data up to the divergence
    let bytes = try Data(contentsOf: seedFile)
    let again = try ExperimentRunner.run("baseline", arguments)
    // The rerun says it resumes from the last good checkpoint, then diverges the same way.
    #expect(again.status == 1 && again.stderr.hasPrefix("resuming cartpole/gamma0.99-lambda1/seed00 from its checkpoint"), "\(again.stderr)")
    #expect(again.stderr.hasSuffix(r.stderr), "\(again.stderr)")
    #expect(try Data(contentsOf: seedFile) == bytes)
  }
}
