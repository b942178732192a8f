import Foundation
import Testing

/// Units of work run as separate, concurrent processes give the same files as the
/// whole experiment in one process; a unit in use is refused at once.
@Suite(.serialized) struct SweepUnitTests {
  static let arguments = ["--env", "cartpole,catch", "--steps", "4000", "--seeds", "2", "--quiet"]
  static let environment = ["METAGRADIENT_COMMIT": "test"]

  static func start(_ target: String, _ arguments: [String]) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = ExperimentRunner.executable(target)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = FileHandle.nullDevice
    let err = Pipe()
    process.standardError = err
    try process.run()
    return (process, err)
  }

  @Test func unitsInTwoProcessesMatchTheWholeRun() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // Both runs use the same --out (the header names it): the whole run's files are moved aside.
    let out = root.appendingPathComponent("out")
    let whole = try ExperimentRunner.run("meta-gamma", Self.arguments + ["--out", out.path], environment: Self.environment)
    #expect(whole.status == 0, "\(whole.stderr)")
    let expected = try KillAndResumeTests.files(out)
    try FileManager.default.removeItem(at: out)

    let list = try ExperimentRunner.run("meta-gamma", Self.arguments + ["--out", out.path, "--list-units"], environment: Self.environment)
    let units = list.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: " ")[0]) }
    #expect(units.count == 2 * (1 + 2))  // per environment: the random policy and two seeds
    // Two workers at a time, in reverse order.
    var pending = Array(units.reversed())
    while !pending.isEmpty {
      let batch = pending.prefix(2); pending.removeFirst(batch.count)
      let running = try batch.map { try Self.start("meta-gamma", Self.arguments + ["--out", out.path, "--unit", $0]) }
      for (p, _) in running { p.waitUntilExit(); #expect(p.terminationStatus == 0) }
    }
    let finish = try ExperimentRunner.run("meta-gamma", Self.arguments + ["--out", out.path, "--finish"], environment: Self.environment)
    #expect(finish.status == 0, "\(finish.stderr)")
    let files = try KillAndResumeTests.files(out).filter { !$0.key.hasPrefix("logs/") }
    #expect(files.keys.sorted() == expected.keys.sorted())
    for (path, bytes) in expected { #expect(files[path] == bytes, "\(path) differs") }
  }

  @Test func unitInUseIsRefusedAndALockOfADeadProcessIsTakenOver() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let args = ["--env", "cartpole", "--steps", "400000", "--seeds", "1", "--quiet", "--out", out.path]
    let unit = "cartpole/meta-gamma/seed00"
    let (first, _) = try Self.start("meta-gamma", args + ["--unit", unit])
    let lock = out.appendingPathComponent(".sweep/\(unit).lock")
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: lock.path) && Date() < deadline { usleep(10_000) }
    usleep(200_000)
    let before = try KillAndResumeTests.files(out)
    let second = try ExperimentRunner.run("meta-gamma", args + ["--unit", unit], environment: Self.environment)
    #expect(second.status != 0)
    #expect(second.stderr.contains("in use by PID \(first.processIdentifier) on "), "\(second.stderr)")
    // The whole-experiment run is refused too (the folder is in use by the unit's worker).
    let whole = try ExperimentRunner.run("meta-gamma", args, environment: Self.environment)
    #expect(whole.status != 0 && whole.stderr.contains("in use by"), "\(whole.stderr)")
    #expect(try KillAndResumeTests.files(out).keys.sorted() == before.keys.sorted())
    // A dead holder's lock is free: after SIGKILL the unit runs again.
    kill(first.processIdentifier, SIGKILL)
    first.waitUntilExit()
    let (third, _) = try Self.start("meta-gamma", args + ["--unit", unit])
    usleep(1_500_000)
    #expect(third.isRunning, "the lock of a dead process was not taken over")
    kill(third.processIdentifier, SIGKILL)
    third.waitUntilExit()
  }

  @Test func unknownUnitIsAUsageError() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("meta-gamma", Self.arguments + ["--out", out.path, "--unit", "nosuch/unit"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("unknown unit 'nosuch/unit'"), "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }
}
