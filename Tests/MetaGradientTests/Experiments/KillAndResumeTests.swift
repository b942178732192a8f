import Foundation
import Testing

/// The robustness bar: a run killed at any moment — SIGKILL at several points,
/// including in the middle of writing a checkpoint — and then rerun with the same
/// command writes data files byte-identical to a run that was never interrupted.
/// Real subprocesses of the debug build, checkpointing after every rollout.
@Suite(.serialized) struct KillAndResumeTests {
  /// Two environments × two seeds, so kills land inside units, between units and
  /// between environments.
  static let arguments = ["--env", "cartpole,catch", "--steps", "4000", "--seeds", "2", "--quiet", "--checkpoint-minutes", "0"]
  static let environment = ["METAGRADIENT_COMMIT": "test"]

  /// The files under `folder` whose names end with `suffix` (the units' checkpoints live in `.sweep/`).
  static func find(_ folder: URL, suffix: String) -> [URL] {
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    return (enumerator?.allObjects as? [URL] ?? []).filter { $0.lastPathComponent.hasSuffix(suffix) }.sorted { $0.path < $1.path }
  }

  /// Every file under `folder` (relative path → bytes).
  static func files(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])!
    for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
      let path = String(url.path.dropFirst(folder.path.count + 1))
      if path.hasPrefix(".sweep/") { continue }  // the folder lock: it names its last holder's PID
      result[path] = try Data(contentsOf: url)
    }
    return result
  }

  /// Starts `target`, sends `signal` after `seconds` — or, with `whenExists`, as soon
  /// as that file appears — if it is still running, and waits; returns whether the
  /// signal ended it, its exit status and its stderr.
  static func run(_ target: String, _ arguments: [String], extra: [String: String] = [:], signal: Int32? = nil,
                  after seconds: Double = 0, whenExists file: URL? = nil) throws -> (killed: Bool, status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = ExperimentRunner.executable(target)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(extra) { $1 }) { $1 }
    process.standardOutput = FileHandle.nullDevice
    let err = Pipe()
    process.standardError = err
    try process.run()
    if let signal {
      let deadline = Date().addingTimeInterval(seconds)
      while process.isRunning,
            file.map({ !FileManager.default.fileExists(atPath: $0.path) }) ?? (Date() < deadline) { usleep(2_000) }
      if process.isRunning { kill(process.processIdentifier, signal) }
    }
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationReason == .uncaughtSignal, process.terminationStatus, stderr)
  }

  /// The uninterrupted run's files, written in `folder` (then moved away, so the
  /// interrupted runs use the same --out and hence the same command line).
  static func reference(_ target: String, in folder: URL) throws -> [String: Data] {
    let args = arguments + ["--out", folder.path]
    let r = try run(target, args)
    #expect(r.status == 0, "\(r.stderr)")
    defer { try? FileManager.default.removeItem(at: folder) }
    return try files(folder)
  }

  @Test(arguments: ["meta-gamma-lambda", "baseline"])
  func sigkillAnywhereThenResumeIsByteIdentical(target: String) throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    let expected = try Self.reference(target, in: out)
    #expect(expected["COMPLETE"] != nil && expected["CHECKPOINT"] == nil)

    let args = Self.arguments + ["--out", out.path]
    var crashes = 0
    // Killed in the middle of writing its 3rd, 9th and 20th checkpoint (each process
    // counts its own writes, so these are the 3rd, 12th and 32nd of the run).
    for n in [3, 9, 20] {
      let r = try Self.run(target, args, extra: ["METAGRADIENT_KILL_DURING_CHECKPOINT": "\(n)"])
      #expect(r.killed, "the run was not killed during checkpoint write \(n): \(r.stderr)")
      if r.killed { crashes += 1 }
      #expect(!Self.find(out, suffix: ".checkpoint.partial").isEmpty)
    }
    // Killed from outside at several moments of the resumed runs.
    for seconds in [0.3, 0.6, 0.9] {
      let r = try Self.run(target, args, signal: SIGKILL, after: seconds)
      if r.killed { crashes += 1 } else { #expect(r.status == 0, "\(r.stderr)") }
    }
    #expect(crashes >= 4)
    // Then to the end.
    var finishing = 0
    while !FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path) && finishing < 3 {
      let r = try Self.run(target, args)
      #expect(r.status == 0, "\(r.stderr)")
      finishing += 1
    }
    let resumed = try Self.files(out).filter { !$0.key.hasPrefix(".") && !$0.key.contains("/.") }
    #expect(resumed.keys.sorted() == expected.keys.sorted())
    for (path, bytes) in expected {
      #expect(resumed[path] == bytes, "\(path) differs after kill and resume")
    }
  }

  /// SIGTERM (and SIGINT alike) stops a run cleanly at a rollout boundary: a checkpoint
  /// is written, the exit status is 128 + 15 with a message saying how to resume, and
  /// the resumed run writes the same bytes — also for `approximation-order`, whose
  /// checkpoint carries the traces z and the accuracy probe's shadow traces (its
  /// wall-clock timing files aside).
  @Test(arguments: ["meta-gamma", "approximation-order"])
  func sigtermStopsCleanlyAndResumes(target: String) throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    let extra = target == "approximation-order" ? ["--approximations", "first-order,exact-3", "--measured", "first-order,exact-3", "--measurements", "3"] : []
    let expected = try {
      let r = try Self.run(target, Self.arguments + extra + ["--out", out.path])
      #expect(r.status == 0, "\(r.stderr)")
      defer { try? FileManager.default.removeItem(at: out) }
      return try Self.files(out)
    }()
    let args = Self.arguments + extra + ["--out", out.path]
    // SIGTERM once the first checkpoint exists (after the first rollout).
    let checkpoint = out.appendingPathComponent(".sweep/random/cartpole.checkpoint")
    let stopped = try Self.run(target, args, signal: SIGTERM, whenExists: checkpoint)
    #expect(!stopped.killed, "SIGTERM must not kill the run outright")
    #expect(stopped.status == 128 + SIGTERM)
    #expect(stopped.stderr.contains("SIGTERM") && stopped.stderr.contains("Rerun the same command to resume"), "\(stopped.stderr)")
    #expect(FileManager.default.fileExists(atPath: checkpoint.path))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    let resumed = try Self.run(target, args)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    let files = try Self.files(out).filter { !$0.key.hasPrefix(".") && !$0.key.contains("/.") }
    // Wall-clock timings are the one thing a rerun cannot reproduce.
    for (path, bytes) in expected where !path.contains("timing") && !path.hasSuffix("cost.dat") && path != "COMPLETE" {
      #expect(files[path] == bytes, "\(path) differs after SIGTERM and resume")
    }
    #expect(files.keys.sorted() == expected.keys.sorted())
  }

  /// A garbled checkpoint stops the run before any work (exit 64), naming the file,
  /// and leaves the folder as it was.
  @Test func garbledCheckpointIsRefused() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    let args = Self.arguments + ["--out", out.path]
    let first = try Self.run("baseline", args, extra: ["METAGRADIENT_KILL_DURING_CHECKPOINT": "4"])
    #expect(first.killed)
    let checkpoint = try #require(Self.find(out, suffix: ".checkpoint").last)
    var bytes = try Data(contentsOf: checkpoint)
    bytes[bytes.count / 2] ^= 0x20
    try bytes.write(to: checkpoint)
    let before = try Self.files(out)
    let r = try Self.run("baseline", args)
    #expect(r.status == 64)
    #expect(r.stderr.contains(checkpoint.path) && r.stderr.contains("garbled"), "\(r.stderr)")
    #expect(try Self.files(out) == before)
    // --fresh starts over and completes.
    let fresh = try Self.run("baseline", args + ["--fresh"])
    #expect(fresh.status == 0, "\(fresh.stderr)")
    #expect(!FileManager.default.fileExists(atPath: checkpoint.path))
  }
}
