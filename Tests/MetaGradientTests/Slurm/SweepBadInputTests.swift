import Foundation
import Testing
@testable import MetaGradient

/// Bad input to `sweep` (what `make data JOBS=…` and `make slurm` call): one error
/// line on stderr, a non-zero exit, and nothing written.
@Suite struct SweepBadInputTests {
  /// Runs `sweep <arguments> --profile quick --data <root>/data meta-gamma …` with
  /// `environment`; expects one error line containing `message` and no data folder.
  static func expectRefused(_ arguments: [String], environment: [String: String] = [:], status: Int32 = 1,
                            _ message: String) throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data")
    let bin = ExperimentRunner.executable("sweep").deletingLastPathComponent().path
    let r = try ExperimentRunner.run(
      "sweep", arguments + ["--profile", "quick", "--data", data.path, "--bin", bin, "meta-gamma",
                            "--experiment-options", "--env catch --seeds 1 --steps 4000"],
      environment: environment)
    #expect(r.status == status, "\(r.stderr)")
    let lines = r.stderr.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    // A usage error (64) is ArgumentParser's: the error line, then the usage.
    #expect((lines.count == 1 || status == 64) && lines.first?.contains(message) == true, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: data.path), "something was written")
  }

  @Test func zeroJobs() throws {
    try Self.expectRefused(["run", "--jobs", "0"], status: 64, "--jobs (JOBS) must be a positive integer, got 0")
  }

  @Test func slurmWithoutSbatchOnPath() throws {
    let empty = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    try Self.expectRefused(["slurm"], environment: ["PATH": empty.path], "sbatch not found on PATH")
  }

  /// No path around the manifest: a sweep into a folder of another configuration stops
  /// before any unit runs (the experiment's own refusal, relayed), and writes nothing.
  @Test func sweepIntoAnotherConfigurationsFolderIsRefused() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("data/meta-gamma")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try "experiment = baseline\n".write(to: out.appendingPathComponent("MANIFEST"), atomically: true, encoding: .utf8)
    let before = try KillAndResumeTests.files(out)
    let bin = ExperimentRunner.executable("sweep").deletingLastPathComponent().path
    let r = try ExperimentRunner.run("sweep", ["run", "--jobs", "2", "--profile", "quick", "--data", root.appendingPathComponent("data").path,
                                               "--bin", bin, "meta-gamma", "--experiment-options", "--env catch --seeds 1 --steps 640"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("holds data of a different configuration"), "\(r.stderr)")
    #expect(try KillAndResumeTests.files(out) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["MANIFEST"])
  }

  /// A controller that does not answer: a configuration naming a port nobody listens on.
  @Test(.enabled(if: SlurmCluster.command("sinfo") != nil || SlurmCluster.required, "needs the Slurm client commands"))
  func clusterThatDoesNotAnswer() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let conf = root.appendingPathComponent("slurm.conf")
    try """
      ClusterName=dead
      SlurmctldHost=localhost(127.0.0.1)
      SlurmctldPort=9
      MessageTimeout=2
      AuthType=auth/none
      NodeName=n CPUs=1
      PartitionName=p Nodes=n

      """.write(to: conf, atomically: true, encoding: .utf8)
    try Self.expectRefused(["slurm"], environment: ["SLURM_CONF": conf.path], "the Slurm cluster does not answer")
  }
}

/// The batch scripts quote every argument so that bash gives the program back exactly
/// the argument list it was given (an empty one included).
@Suite struct SlurmScriptQuotingTests {
  @Test func bashReadsBackEveryArgument() throws {
    let arguments = ["", "plain/path-1.0", "two words", "it's", "--experiment-options", "--env cartpole,catch --seeds 2", "$HOME", "a\"b"]
    let line = arguments.map(Shell.quote).joined(separator: " ")
    let r = try SlurmCluster.run(URL(fileURLWithPath: "/bin/bash"), ["-c", "for a in \(line); do printf '[%s]\\n' \"$a\"; done"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == arguments.map { "[\($0)]\n" }.joined(), "\(line)")
  }
}
