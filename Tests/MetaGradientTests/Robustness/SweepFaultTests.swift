import Foundation
import Testing
@testable import MetaGradient

/// A sweep's faults: its death (SIGKILL, SIGHUP) reaches every worker, which
/// checkpoints and exits instead of running on as an orphan; a unit another live
/// process holds is waited for (`--no-wait`: refused); two sweeps at once on one tree
/// share the work, no unit running twice. Every time the files are a clean run's.
@Suite(.serialized) struct SweepFaultTests {
  /// Units of a few seconds in the debug build, so that signals land inside them.
  static let long = "--env catch --seeds 2 --steps 60000 --checkpoint-minutes 0"
  /// Units of well under a second.
  static let short = "--env cartpole,catch --seeds 2 --steps 4000 --checkpoint-minutes 0"
  static let environment = ["METAGRADIENT_COMMIT": "test"]

  static func arguments(_ data: URL, _ options: String, extra: [String] = []) -> [String] {
    let bin = ExperimentRunner.executable("sweep").deletingLastPathComponent().path
    return ["run", "--jobs", "2", "--quiet", "--profile", "quick", "--data", data.path, "--bin", bin] + extra
      + ["meta-gamma", "--experiment-options", options]
  }

  /// Starts `sweep run` without waiting for it.
  static func start(_ data: URL, _ options: String, extra: [String] = []) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = ExperimentRunner.executable("sweep")
    process.arguments = arguments(data, options, extra: extra)
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    let err = Pipe()
    process.standardError = err
    try process.run()
    return (process, err)
  }

  static func sweep(_ data: URL, _ options: String, extra: [String] = []) throws -> ExperimentRunner.Result {
    try ExperimentRunner.run("sweep", arguments(data, options, extra: extra), environment: environment)
  }

  /// The experiment's files but its logs (they name PIDs).
  static func files(_ data: URL) throws -> [String: Data] {
    try KillAndResumeTests.files(data.appendingPathComponent("meta-gamma")).filter { !$0.key.hasPrefix("logs/") }
  }

  /// A clean run's files, made in `data` and then moved out of the way (the headers
  /// name the output folder, so every run of a test uses the same one).
  static func reference(_ data: URL, _ options: String) throws -> [String: Data] {
    let r = try sweep(data, options)
    #expect(r.status == 0, "\(r.stderr)")
    defer { try? FileManager.default.removeItem(at: data) }
    return try files(data)
  }

  static func expectSame(_ files: [String: Data], _ expected: [String: Data], _ context: String) {
    #expect(files.keys.sorted() == expected.keys.sorted(), "\(context)")
    for (path, bytes) in expected { #expect(files[path] == bytes, "\(path) differs from the clean run (\(context))") }
  }

  /// The units' logs, by unit.
  static func logs(_ data: URL) -> [String: String] {
    let folder = data.appendingPathComponent("meta-gamma/logs")
    var logs: [String: String] = [:]
    for url in KillAndResumeTests.find(folder, suffix: ".log") {
      logs[String(url.path.dropFirst(folder.path.count + 1).dropLast(4))] = try? String(contentsOf: url, encoding: .utf8)
    }
    return logs
  }

  /// Waits until `count` units have started training (their logs say so).
  static func waitForRunning(_ data: URL, count: Int, seconds: Double = 120) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if logs(data).values.filter({ $0.contains(": running in PID") }).count >= count { return true }
      usleep(20_000)
    }
    return false
  }

  /// The scenario of a crashed sweep: SIGKILL to the sweep alone (its workers are in
  /// their own process groups). Each worker gets SIGTERM from the kernel, checkpoints and
  /// exits, and nothing is left running. The rerun — after they are gone, or at once, as a
  /// user would, waiting for the units the dying workers still hold — completes the
  /// sweep with no manual step and the clean run's bytes.
  @Test(arguments: [false, true]) func workersDieWithTheirKilledSweep(rerunAtOnce: Bool) throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data")
    let expected = try Self.reference(data, Self.long)
    let (sweep, _) = try Self.start(data, Self.long)
    #expect(Self.waitForRunning(data, count: 2), "two workers never started")
    kill(sweep.processIdentifier, SIGKILL)
    sweep.waitUntilExit()
    if !rerunAtOnce {
      let orphans = ProcessTree.waitForNone(containing: data.path, seconds: 60)
      #expect(orphans.isEmpty, "orphans left running: \(orphans.map(\.command))")
      let stopped = Self.logs(data).filter { $0.value.contains("SIGTERM: \($0.key) stopped between two updates") }
      #expect(stopped.count == 2, "the workers did not checkpoint on their sweep's death: \(Self.logs(data))")
    }
    let rerun = try Self.sweep(data, Self.long)
    #expect(rerun.status == 0, "\(rerun.stderr)")
    Self.expectSame(try Self.files(data), expected, "after the sweep was killed")
    #expect(ProcessTree.running(containing: data.path).isEmpty)
  }

  /// Ctrl-C (SIGINT), SIGTERM and SIGHUP (a closed terminal or session) to the sweep
  /// reach every worker: each checkpoints, the sweep exits 128 + the signal, and the
  /// rerun resumes.
  @Test(arguments: [SIGINT, SIGTERM, SIGHUP]) func aSignalToTheSweepReachesEveryWorker(signal: Int32) throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data")
    let (sweep, err) = try Self.start(data, Self.long)
    #expect(Self.waitForRunning(data, count: 2), "two workers never started")
    kill(sweep.processIdentifier, signal)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    sweep.waitUntilExit()
    #expect(sweep.terminationStatus == 128 + signal, "\(stderr)")
    #expect(ProcessTree.waitForNone(containing: data.path, seconds: 30).isEmpty)
    #expect(Self.logs(data).values.filter { $0.contains("stopped between two updates") }.count == 2, "\(Self.logs(data))")
    let rerun = try Self.sweep(data, Self.long)
    #expect(rerun.status == 0, "\(rerun.stderr)")
  }

  /// A unit locked by another live process — here this test, its lock file naming a
  /// process on another host, as on a shared file system — is waited for with one line
  /// naming the holder; the other units run meanwhile; once the lock is free the sweep
  /// runs the unit and finishes. `--no-wait` refuses it instead.
  @Test func aHeldUnitIsWaitedForUnlessNoWait() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data")
    let expected = try Self.reference(data, Self.short)
    let unit = "catch/meta-gamma/seed01"
    let lock = FileLock(url: SweepFolder(out: data.appendingPathComponent("meta-gamma")).lock(unit))
    try lock.acquire(.exclusive, what: unit)
    try Data("PID 4242 on elsewhere".utf8).write(to: lock.url)

    let refused = try Self.sweep(data, Self.short, extra: ["--no-wait"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("\(unit) is already running in another process: PID 4242 on elsewhere"), "\(refused.stderr)")

    let (sweep, err) = try Self.start(data, Self.short)
    // The other units finish while the held one waits.
    let others = data.appendingPathComponent("meta-gamma/cartpole/meta-gamma/seed01.dat")
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: others.path) && Date() < deadline { usleep(20_000) }
    #expect(sweep.isRunning, "the sweep did not wait for the held unit")
    #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("meta-gamma/\(unit).dat").path))
    lock.release()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    sweep.waitUntilExit()
    #expect(sweep.terminationStatus == 0, "\(stderr)")
    let waitLines = stderr.split(separator: "\n").filter { $0.contains("waiting for") }
    #expect(waitLines.count == 1 && waitLines[0].contains("\(unit) (PID 4242 on elsewhere)"), "\(stderr)")
    Self.expectSame(try Self.files(data), expected, "after waiting for a held unit")
  }

  /// Two sweeps started at once on one tree: both end when the plan is done, every unit
  /// ran once (one "running in" line in its log), and the files are a single run's.
  @Test func twoSweepsAtOnceShareTheWork() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data")
    let expected = try Self.reference(data, Self.short)
    let (a, errA) = try Self.start(data, Self.short), (b, errB) = try Self.start(data, Self.short)
    let stderrA = String(decoding: errA.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderrB = String(decoding: errB.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    a.waitUntilExit(); b.waitUntilExit()
    #expect(a.terminationStatus == 0, "\(stderrA)")
    #expect(b.terminationStatus == 0, "\(stderrB)")
    let logs = Self.logs(data).filter { !$0.key.hasPrefix("random/") && $0.key != "finish" }
    #expect(logs.count == 4)
    for (unit, log) in logs {
      #expect(log.components(separatedBy: ": running in PID").count - 1 == 1, "\(unit) ran other than once:\n\(log)")
    }
    Self.expectSame(try Self.files(data), expected, "two sweeps at once")
  }
}
