import Foundation
import Testing

/// A Slurm cluster for the tests: the one `SLURM_CONF` names, if `sinfo` answers.
/// `.ci/run` starts one on loopback (`eval "$(.ci/slurm-up)"`); on a machine without
/// one the Slurm tests are skipped, except under `CI=true`, where they must run.
enum SlurmCluster {
  static let environment = ProcessInfo.processInfo.environment

  static let available: Bool = {
    guard environment["SLURM_CONF"] != nil, let sinfo = command("sinfo") else { return false }
    return (try? run(sinfo, ["-h", "-o", "%T"]))?.status == 0
  }()

  /// CI promises a cluster: there a missing one is a failure, not a skip.
  static let required = environment["CI"] == "true"

  static func command(_ name: String) -> URL? {
    (environment["PATH"] ?? "").split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  static func run(_ executable: URL, _ arguments: [String]) throws -> ExperimentRunner.Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return .init(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }

  /// `scontrol …`
  static func scontrol(_ arguments: [String]) throws -> ExperimentRunner.Result {
    try run(command("scontrol")!, arguments)
  }

  /// Whether job `id` is still known to the controller as pending or running.
  static func isQueued(_ id: String) throws -> Bool {
    let r = try run(command("squeue")!, ["-h", "-j", id, "-o", "%T"])
    return r.status == 0 && !r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
  }
}

/// `sweep slurm` on a real cluster gives the same bytes as `sweep run` on this machine,
/// also when a task is requeued mid-run; a failed unit makes the finishing job fail,
/// naming it.
@Suite(.serialized, .enabled(if: SlurmCluster.available || SlurmCluster.required, "no Slurm cluster: eval \"$(.ci/slurm-up)\" starts one"))
struct SlurmSweepTests {
  static let environment = ["METAGRADIENT_COMMIT": "test"]

  /// `sweep <command> --profile quick --data <data> meta-gamma --experiment-options "…"`.
  static func sweep(_ command: [String], data: URL, options: String) throws -> ExperimentRunner.Result {
    let bin = ExperimentRunner.executable("sweep").deletingLastPathComponent().path
    return try ExperimentRunner.run(
      "sweep", command + ["--profile", "quick", "--data", data.path, "--bin", bin, "meta-gamma", "--experiment-options", options],
      environment: Self.environment)
  }

  /// The experiment's data files, without the logs (they name job IDs and hosts).
  static func dataFiles(_ data: URL) throws -> [String: Data] {
    try KillAndResumeTests.files(data.appendingPathComponent("meta-gamma")).filter { !$0.key.hasPrefix("logs/") }
  }

  /// Runs the sweep locally into `<root>/data`, keeps its files and clears the folder
  /// for the Slurm run (the header names the output folder, so both use the same one).
  static func localRun(_ root: URL, options: String) throws -> [String: Data] {
    let data = root.appendingPathComponent("data")
    let local = try sweep(["run", "--jobs", "2", "--quiet"], data: data, options: options)
    #expect(local.status == 0, "\(local.stderr)")
    let files = try dataFiles(data)
    try FileManager.default.removeItem(at: data)
    return files
  }

  static func expectSame(_ files: [String: Data], _ expected: [String: Data]) {
    #expect(files.keys.sorted() == expected.keys.sorted())
    for (path, bytes) in expected { #expect(files[path] == bytes, "\(path) differs from the local run") }
  }

  @Test func clusterAnswers() {
    #expect(SlurmCluster.available, "SLURM_CONF=\(SlurmCluster.environment["SLURM_CONF"] ?? "unset"): sinfo does not answer")
  }

  /// Two environments × two seeds (plus the random-policy units), tiny budget.
  @Test(.enabled(if: SlurmCluster.available)) func sweepMatchesTheLocalRun() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let options = "--env cartpole,catch --seeds 2 --steps 4000"
    let expected = try Self.localRun(root, options: options)
    #expect(expected.keys.contains("COMPLETE"))
    let data = root.appendingPathComponent("data")
    let slurm = try Self.sweep(["slurm", "--wait"], data: data, options: options)
    #expect(slurm.status == 0, "\(slurm.stdout)\(slurm.stderr)")
    #expect(slurm.stdout.contains("meta-gamma: job array"), "\(slurm.stdout)")
    Self.expectSame(try Self.dataFiles(data), expected)
    // Each task's log is under the data folder.
    let logs = data.appendingPathComponent("meta-gamma/logs")
    #expect(FileManager.default.fileExists(atPath: logs.appendingPathComponent("catch/meta-gamma/seed01.log").path))
  }

  /// `scontrol requeue` of a running task: it checkpoints on Slurm's SIGTERM, comes
  /// back, resumes from the checkpoint, and the files are still the local run's.
  @Test(.enabled(if: SlurmCluster.available)) func requeuedTaskResumesFromItsCheckpoint() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // Long enough (seconds) that the task is mid-run when it is requeued.
    let options = "--env cartpole --seeds 1 --steps 150000 --checkpoint-minutes 0"
    let expected = try Self.localRun(root, options: options)
    let data = root.appendingPathComponent("data")
    let submitted = try Self.sweep(["slurm"], data: data, options: options)
    #expect(submitted.status == 0, "\(submitted.stderr)")
    // "meta-gamma: job array A (n units)", then "finishing job F (…)".
    let lines = submitted.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let array = try #require(lines.first { $0.count > 3 && $0[1] == "job" }?[3], "\(submitted.stdout)")
    let finishID = try #require(lines.first { $0.first == "finishing" }?[2], "\(submitted.stdout)")

    // The task of the seed's unit: its line in the array's unit list.
    let unit = "cartpole/meta-gamma/seed00"
    let list = try String(contentsOf: data.appendingPathComponent(".slurm/meta-gamma.units"), encoding: .utf8)
    let task = try #require(list.split(separator: "\n").firstIndex(of: Substring(unit)))
    let checkpoint = data.appendingPathComponent("meta-gamma/.sweep/\(unit).checkpoint")
    let log = data.appendingPathComponent("meta-gamma/logs/\(unit).log")
    // Requeue once the unit has written a checkpoint, i.e. is mid-run.
    var deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: checkpoint.path) && Date() < deadline { usleep(50_000) }
    #expect(FileManager.default.fileExists(atPath: checkpoint.path), "the unit never started")
    let requeue = try SlurmCluster.scontrol(["requeue", "\(array)_\(task)"])
    #expect(requeue.status == 0, "\(requeue.stderr)")

    deadline = Date().addingTimeInterval(300)
    while try SlurmCluster.isQueued(finishID), Date() < deadline { sleep(1) }
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    #expect(text.contains("restart 1: \(unit)"), "the task was not restarted:\n\(text)")
    #expect(text.contains("resuming \(unit) from its checkpoint"), "the task did not resume:\n\(text)")
    Self.expectSame(try Self.dataFiles(data), expected)
  }

  @Test(.enabled(if: SlurmCluster.available)) func unknownPartitionIsOneLineAndWritesNothing() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data")
    let r = try Self.sweep(["slurm", "--partition", "nosuch"], data: data, options: "--env catch --seeds 1 --steps 4000")
    #expect(r.status == 1)
    #expect(r.stderr.contains("partition 'nosuch' does not exist"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: data.path))
  }

  /// A unit that fails leaves its experiment unfinished: the finishing job fails (so
  /// `--wait` exits non-zero) and names the unit.
  @Test(.enabled(if: SlurmCluster.available)) func failedUnitFailsTheFinishingJobNamingIt() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data")
    let unit = "catch/meta-gamma/seed01"
    // The unit's data file cannot be written: a folder stands where it goes.
    let blocker = data.appendingPathComponent("meta-gamma/\(unit).dat/x")
    try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
    let slurm = try Self.sweep(["slurm", "--wait"], data: data, options: "--env cartpole,catch --seeds 2 --steps 4000")
    #expect(slurm.status != 0)
    #expect(slurm.stderr.contains("failed") && slurm.stderr.contains(unit), "\(slurm.stderr)")
    let finishLog = try FileManager.default.contentsOfDirectory(atPath: data.appendingPathComponent(".slurm").path)
      .filter { $0.hasPrefix("finish-") && $0.hasSuffix(".out") }
    let text = try finishLog.map { try String(contentsOf: data.appendingPathComponent(".slurm/\($0)"), encoding: .utf8) }.joined()
    #expect(text.contains(unit), "the finishing job's log does not name \(unit):\n\(text)")
    #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("meta-gamma/COMPLETE").path))
    // The other units finished.
    #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("meta-gamma/catch/meta-gamma/seed00.dat").path))
  }
}
