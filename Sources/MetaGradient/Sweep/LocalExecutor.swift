import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the units of several experiments on one machine, `jobs` processes at a time
/// (one single-threaded OpenBLAS process per core), longest units first; each
/// experiment's finishing step runs as soon as its last unit is done.
///
/// - Units already finished (a resumed sweep) are skipped, interrupted ones resume
///   from their checkpoints; experiments with `COMPLETE` are left alone.
/// - Each unit's output goes to `<out>/logs/<unit>.log`.
/// - A failing unit does not stop the others; at the end the sweep fails, naming it,
///   and its experiment is not finished.
/// - SIGINT/SIGTERM: the workers are asked to checkpoint and stop; rerunning resumes.
/// - Progress on stderr: units done/total, environment steps/s over all workers, ETA
///   (a line per finished unit when stderr is not a terminal).
public struct LocalExecutor {
  public var jobs: Int
  public var quiet: Bool

  public init(jobs: Int, quiet: Bool = false) {
    precondition(jobs > 0, "jobs must be positive")
    self.jobs = jobs; self.quiet = quiet
  }

  struct Pending { var job: Int; var unit: SweepUnit }
  struct Running { var job: Int; var unit: SweepUnit; var process: Process; var started: Date; var log: FileHandle }

  /// Runs every unfinished unit of `sweep`; throws a ``SweepError`` naming the units
  /// (or finishing steps) that failed.
  public func run(_ sweep: [SweepJob]) throws {
    Interruption.install()
    var queue: [Pending] = [], remaining = [Int](repeating: 0, count: sweep.count)
    var total = 0, done = 0, workDone = 0.0, costDone = 0.0, costTotal = 0.0
    for (j, job) in sweep.enumerated() {
      if job.folder.isComplete { say("\(job.experiment): COMPLETE, nothing to do"); continue }
      for listed in try job.listUnits() {
        total += 1
        costTotal += listed.unit.cost
        if listed.state == "finished" { done += 1; costDone += listed.unit.cost; continue }
        if listed.state == "running" {
          throw SweepError("\(job.experiment) unit \(listed.unit.name) is already running in another process: \(FileLock.holder(of: job.folder.lock(listed.unit.name)) ?? "unknown"); stop it or wait for it")
        }
        queue.append(Pending(job: j, unit: listed.unit))
        remaining[j] += 1
      }
    }
    // Round by round; within a round longest first (LPT): the last units to start are the
    // short ones, so the workers end together.
    queue.sort { ($0.unit.round, -$0.unit.cost) < ($1.unit.round, -$1.unit.cost) }
    let costAtStart = costDone
    var running: [Running] = [], failures: [String] = []
    let start = Date()
    var lastDraw = Date.distantPast
    let tty = Terminal.isLive(quiet: quiet)
    let exited = DispatchSemaphore(value: 0)

    func finishIfDone(_ j: Int) {
      guard remaining[j] == 0, !sweep[j].folder.isComplete else { return }
      let job = sweep[j]
      guard !failures.contains(where: { $0.hasPrefix(job.experiment + " ") }) else { return }
      do {
        let summary = try job.finish()
        say("\(job.experiment): COMPLETE\n" + summary.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
      } catch { failures.append("\(error)") }
    }
    for j in sweep.indices where remaining[j] == 0 && !sweep[j].folder.isComplete { finishIfDone(j) }

    while !queue.isEmpty || !running.isEmpty {
      if Interruption.requested != nil {
        for r in running where r.process.isRunning { kill(r.process.processIdentifier, SIGTERM) }
        for r in running { r.process.waitUntilExit() }
        say("\ninterrupted: \(running.count) running unit\(running.count == 1 ? "" : "s") checkpointed; \(done)/\(total) units done. Rerun the same command to resume.")
        throw SweepInterrupted(signal: Interruption.requested!)
      }
      while running.count < jobs, !queue.isEmpty {
        let next = queue.removeFirst(), job = sweep[next.job]
        let logURL = job.folder.log(next.unit.name)
        try FileManager.default.createDirectory(at: logURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: logURL.path) { FileManager.default.createFile(atPath: logURL.path, contents: nil) }
        let log = try FileHandle(forWritingTo: logURL)
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = job.executable
        process.arguments = job.unitArguments(next.unit.name)
        process.environment = SweepJob.workerEnvironment()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        running.append(Running(job: next.job, unit: next.unit, process: process, started: Date(), log: log))
      }
      // Wake when a worker exits (no polling delay between units), else to redraw.
      _ = exited.wait(timeout: .now() + 0.25)
      var still: [Running] = []
      for r in running {
        if r.process.isRunning { still.append(r); continue }
        try? r.log.close()
        let job = sweep[r.job], seconds = Date().timeIntervalSince(r.started)
        remaining[r.job] -= 1
        if r.process.terminationStatus == 0 {
          done += 1; costDone += r.unit.cost; workDone += Double(r.unit.work)
          if !tty { say("[\(done)/\(total)] \(job.experiment) \(r.unit.name) (\(String(format: "%.1f", seconds)) s)") }
        } else {
          let log = job.folder.log(r.unit.name).path
          failures.append("\(job.experiment) \(r.unit.name) (exit \(r.process.terminationStatus); \(log))")
          say("\(tty ? "\r\u{1B}[K" : "")FAILED \(job.experiment) \(r.unit.name): exit \(r.process.terminationStatus); last lines of \(log):\n" + Self.tail(log))
        }
        finishIfDone(r.job)
      }
      running = still
      if tty, Date().timeIntervalSince(lastDraw) > 0.5 {
        lastDraw = Date()
        // In-flight work from the workers' progress files.
        var flightWork = 0.0, flightCost = 0.0
        for r in running {
          guard let text = try? String(contentsOf: sweep[r.job].folder.progress(r.unit.name), encoding: .utf8) else { continue }
          let f = text.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
          if f.count == 2, f[1] > 0 { flightWork += f[0]; flightCost += r.unit.cost * f[0] / f[1] }
        }
        let elapsed = max(Date().timeIntervalSince(start), 1e-3)
        let rate = (workDone + flightWork) / elapsed, costRate = (costDone - costAtStart + flightCost) / elapsed
        let eta = costRate > 0 ? (costTotal - costDone - flightCost) / costRate : 0
        let line = "sweep \(done)/\(total) units  \(running.count) running  \(Self.si(rate)) steps/s  ETA \(Progress.duration(eta))"
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
      }
    }
    if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    say("sweep: \(done)/\(total) units done in \(Progress.duration(Date().timeIntervalSince(start)))")
    guard failures.isEmpty else {
      throw SweepError("\(failures.count) failed: " + failures.joined(separator: "; "))
    }
  }

  func say(_ line: String) {
    guard !quiet else { return }
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  static func si(_ x: Double) -> String {
    x >= 1e6 ? String(format: "%.2fM", x / 1e6) : x >= 1e3 ? String(format: "%.1fk", x / 1e3) : String(format: "%.0f", x)
  }

  /// The last lines of a log, indented.
  static func tail(_ path: String, lines: Int = 5) -> String {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").suffix(lines).map { "  " + $0 }.joined(separator: "\n")
  }
}

/// A sweep stopped by SIGINT/SIGTERM after checkpointing its workers.
public struct SweepInterrupted: Error, CustomStringConvertible {
  public var signal: Int32
  public var description: String { "stopped by \(Interruption.name(signal))" }
}
