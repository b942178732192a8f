import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Chaos: a sweep's whole process tree killed with SIGKILL at random moments and
/// restarted each time, then run to its end; its files must be those of a serial run
/// that was never interrupted (wall-clock timing files aside), and no kill may leave a
/// process running. Kills alternate between the whole tree (make or sweep, and every
/// worker) and the tree without its workers (which must then stop by themselves:
/// ``SweepWorker``).
///
/// `make test` runs the short form: 5 kills over two experiments. `make chaos` runs
/// the long form (`METAGRADIENT_CHAOS=full`): 100 kills, 0.5–40 s apart, over
/// `make data PROFILE=quick JOBS=2`, against `make data PROFILE=quick JOBS=1`. A sweep
/// that finishes before its kills are spent is compared and started again from an
/// empty folder (a round), until every kill has landed.
@Suite(.serialized) struct ChaosTests {
  /// What a chaos run did.
  struct Report: CustomStringConvertible {
    var rounds = 0, kills = 0, treeKills = 0, resumes = 0, orphans = 0, filesCompared = 0, differences = 0
    var description: String {
      "chaos: \(kills) kills (\(treeKills) of the whole tree, \(kills - treeKills) sparing the workers) over \(rounds) round\(rounds == 1 ? "" : "s"), \(resumes) resumes, \(filesCompared) files compared, \(differences) differences, \(orphans) orphans"
    }
  }

  /// A plan: the command that starts (and resumes) the sweep, the clean serial one, and
  /// the kills.
  struct Plan {
    var command: [String], serial: [String], kills: Int, interval: ClosedRange<Double>
    var environment = ["METAGRADIENT_COMMIT": "chaos"]
  }

  /// A line on the test's stderr.
  static func note(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

  static var isFull: Bool { ProcessInfo.processInfo.environment["METAGRADIENT_CHAOS"] == "full" }

  /// SplitMix64, seeded, for reproducible kill times.
  struct Moments {
    var state: UInt64
    mutating func next(in range: ClosedRange<Double>) -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      return range.lowerBound + (range.upperBound - range.lowerBound) * Double(z >> 11) / Double(1 << 53)
    }
  }

  /// Starts `command` with its output appended to `log`.
  static func start(_ command: [String], environment: [String: String], log: URL) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = ExperimentRunner.packageRoot
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardInput = FileHandle.nullDevice
    if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
    let handle = try FileHandle(forWritingTo: log)
    handle.seekToEndOfFile()
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
  }

  /// Runs `plan` in `data` (the clean serial run first, in the same folder, since the
  /// headers name it) and returns what happened; `marker` finds the sweep's processes.
  static func run(_ plan: Plan, data: URL, log: URL) throws -> Report {
    var report = Report()
    let serial = try start(plan.serial, environment: plan.environment, log: log)
    serial.waitUntilExit()
    #expect(serial.terminationStatus == 0, "the serial run failed: see \(log.path)")
    let expected = try files(data)
    try FileManager.default.removeItem(at: data)

    // Round after round (each from an empty folder, compared at its end) until every
    // kill has landed: a sweep may finish before its share of kills.
    var moments = Moments(state: 2018)
    while report.kills < plan.kills || report.rounds == 0 {
      if report.rounds > 0 { try? FileManager.default.removeItem(at: data) }
      report.rounds += 1
      try round(plan, data: data, log: log, moments: &moments, report: &report)
      let got = try files(data)
      report.filesCompared += expected.count
      report.differences += Set(expected.keys).symmetricDifference(got.keys).count
        + expected.filter { got[$0.key] != nil && got[$0.key] != $0.value }.count
      for (path, bytes) in expected where got[path] != bytes { Issue.record("round \(report.rounds): \(path) differs from the serial run") }
    }
    return report
  }

  /// One round: the sweep started, killed while kills remain, restarted, until it ends.
  static func round(_ plan: Plan, data: URL, log: URL, moments: inout Moments, report: inout Report) throws {
    var started = false
    while true {
      let process = try start(plan.command, environment: plan.environment, log: log)
      if started { report.resumes += 1 }
      started = true
      let deadline = Date().addingTimeInterval(report.kills < plan.kills ? moments.next(in: plan.interval) : .infinity)
      while process.isRunning && Date() < deadline { usleep(10_000) }
      guard process.isRunning else {
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the sweep failed after \(report.kills) kills: see \(log.path)")
        return
      }
      // Every other kill spares the workers, which must then stop on their own.
      let wholeTree = report.kills % 2 == 0
      let tree = ProcessTree.descendants(of: process.processIdentifier)
      let table = ProcessTree.table()
      for pid in tree where wholeTree || !(table[pid]?.command.contains(" --unit ") ?? false) { kill(pid, SIGKILL) }
      process.waitUntilExit()
      report.kills += 1
      if wholeTree { report.treeKills += 1 }
      let left = ProcessTree.waitForNone(containing: data.path, seconds: 120)
      report.orphans += left.count
      for orphan in left { kill(orphan.pid, SIGKILL) }
      if report.kills % 10 == 0 || !left.isEmpty {
        ChaosTests.note("chaos: \(report.kills) kills, \(left.count) orphans after the last")
      }
    }
  }

  /// The data files under `data`, but logs, sweep state, figures and wall-clock timings.
  static func files(_ data: URL) throws -> [String: Data] {
    try KillAndResumeTests.files(data).filter { path, _ in
      let parts = path.split(separator: "/")
      return !parts.contains { $0 == "logs" || $0 == "figures" || $0.hasPrefix(".") }
        && !path.contains("timing") && !path.hasSuffix("cost.dat") && !path.hasSuffix("COMPLETE")
    }
  }

  @Test func killedAtRandomThenResumedIsTheSerialRun() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let data = root.appendingPathComponent("data"), log = root.appendingPathComponent("chaos.log")
    let plan: Plan
    if Self.isFull {
      let make = ["/usr/bin/make", "--no-print-directory", "-C", ExperimentRunner.packageRoot.path, "data", "PROFILE=quick", "DATA=\(data.path)"]
      plan = Plan(command: make + ["JOBS=2"], serial: make + ["JOBS=1"], kills: 100, interval: 0.5...40)
    } else {
      let sweep = [ExperimentRunner.executable("sweep").path, "run", "--quiet", "--profile", "quick", "--data", data.path,
                   "--bin", ExperimentRunner.executable("sweep").deletingLastPathComponent().path]
      let experiments = ["meta-gamma", "baseline", "--experiment-options", "--env cartpole,catch --seeds 2 --steps 20000 --checkpoint-minutes 0"]
      plan = Plan(command: sweep + ["--jobs", "2"] + experiments, serial: sweep + ["--jobs", "1"] + experiments, kills: 5, interval: 0.5...2.5)
    }
    let report = try Self.run(plan, data: data, log: log)
    ChaosTests.note(report.description)
    #expect(report.kills == plan.kills, "\(report)")
    #expect(report.orphans == 0, "\(report)")
    #expect(report.differences == 0 && report.filesCompared > 0, "\(report)")
    if Self.isFull, let summary = ProcessInfo.processInfo.environment["METAGRADIENT_CHAOS_REPORT"] {
      try Data((report.description + "\n").utf8).write(to: URL(fileURLWithPath: summary))
    }
  }
}

