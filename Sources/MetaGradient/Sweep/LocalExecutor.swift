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
/// - A unit another live process holds — a second sweep over the same folders, on this
///   host or another sharing the file system — is waited for, with one line naming
///   it, while the other units run; once its lock is free it is run here if it has not
///   finished (a worker that finds it finished or the folder complete exits at once).
///   So two sweeps started at once on one tree share the work, no unit runs twice,
///   and both end when the plan is done. `waits` false: such a unit is refused at once.
/// - SIGINT/SIGTERM/SIGHUP: the workers are asked to checkpoint and stop; rerunning
///   resumes. Each worker also dies with the sweep (``SweepWorker``): killed outright,
///   the sweep leaves no orphans.
/// - Progress on stderr: units done/total, environment steps/s over all workers, ETA
///   (a line per finished unit when stderr is not a terminal).
public struct LocalExecutor {
  public var jobs: Int
  public var quiet: Bool
  /// Wait for units held by other processes (else refuse them, as `sweep run --no-wait`).
  public var waits: Bool
  /// Seconds between two looks at a held unit's lock.
  static let retrySeconds = 1.0

  public init(jobs: Int, quiet: Bool = false, waits: Bool = true) {
    precondition(jobs > 0, "jobs must be positive")
    self.jobs = jobs; self.quiet = quiet; self.waits = waits
  }

  struct Pending { var job: Int; var unit: SweepUnit }
  /// A unit, or a finishing step (`unit` nil), held by another process; looked at again from `retry` on.
  struct Held { var job: Int; var unit: SweepUnit?; var retry: Date }
  struct Running { var job: Int; var unit: SweepUnit; var process: Process; var started: Date; var log: FileHandle }

  /// Runs every unfinished unit of `sweep`; throws a ``SweepError`` naming the units
  /// (or finishing steps) that failed.
  public func run(_ sweep: [SweepJob]) throws {
    Interruption.install()
    var queue: [Pending] = [], remaining = [Int](repeating: 0, count: sweep.count)
    var held: [Held] = [], heldNames: [String] = [], noticed = Set<String>()
    var total = 0, done = 0, workDone = 0.0, costDone = 0.0, costTotal = 0.0
    for (j, job) in sweep.enumerated() {
      if job.folder.isComplete { say("\(job.experiment): COMPLETE, nothing to do"); continue }
      for listed in try job.listUnits() {
        total += 1
        costTotal += listed.unit.cost
        if listed.state == "finished" { done += 1; costDone += listed.unit.cost; continue }
        remaining[j] += 1
        guard listed.state == "running" else { queue.append(Pending(job: j, unit: listed.unit)); continue }
        let holder = FileLock.holder(of: job.folder.lock(listed.unit.name)) ?? "another process"
        guard waits else {
          throw SweepError("\(job.experiment) unit \(listed.unit.name) is already running in another process: \(holder); stop it or wait for it")
        }
        held.append(Held(job: j, unit: listed.unit, retry: Date()))
        heldNames.append("\(job.experiment) \(listed.unit.name) (\(holder))")
        noticed.insert("\(j) \(listed.unit.name)")
      }
    }
    if !heldNames.isEmpty {
      notice("sweep: waiting for \(heldNames.count) unit\(heldNames.count == 1 ? "" : "s") held by another process, running the others meanwhile: \(heldNames.prefix(3).joined(separator: ", "))\(heldNames.count > 3 ? ", …" : "")")
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
      } catch is SweepJob.Held {
        held.append(Held(job: j, unit: nil, retry: Date().addingTimeInterval(Self.retrySeconds)))
      } catch { failures.append("\(error)") }
    }
    for j in sweep.indices where remaining[j] == 0 && !sweep[j].folder.isComplete { finishIfDone(j) }

    while !queue.isEmpty || !running.isEmpty || !held.isEmpty {
      // Held units whose lock is free go to the front of the queue; held finishing steps are tried again.
      let now = Date()
      let ready = held.filter { h in h.retry <= now && (h.unit.map { !FileLock.isHeld(sweep[h.job].folder.lock($0.name)) } ?? true) }
      held.removeAll { h in ready.contains { $0.job == h.job && $0.unit == h.unit } }
      queue.insert(contentsOf: ready.compactMap { h in h.unit.map { Pending(job: h.job, unit: $0) } }, at: 0)
      for h in ready where h.unit == nil { finishIfDone(h.job) }
      if Interruption.requested != nil {
        for r in running where r.process.isRunning { kill(r.process.processIdentifier, SIGTERM) }
        for r in running { r.process.waitUntilExit() }
        say("\ninterrupted: \(running.count) running unit\(running.count == 1 ? "" : "s") checkpointed; \(done)/\(total) units done. Rerun the same command to resume.")
        throw SweepInterrupted(signal: Interruption.requested!)
      }
      while running.count < jobs, !queue.isEmpty {
        let next = queue.removeFirst()
        let (process, log) = try Self.spawn(next.unit, of: sweep[next.job], signalling: exited)
        running.append(Running(job: next.job, unit: next.unit, process: process, started: Date(), log: log))
      }
      // Wake when a worker exits (no polling delay between units), else to redraw.
      _ = exited.wait(timeout: .now() + 0.25)
      var still: [Running] = []
      for r in running {
        if r.process.isRunning { still.append(r); continue }
        try? r.log.close()
        let job = sweep[r.job], seconds = Date().timeIntervalSince(r.started)
        if r.process.terminationStatus == SweepWorker.heldStatus {
          // Another process took the unit (or its folder) between our listing and this worker's start.
          held.append(Held(job: r.job, unit: r.unit, retry: Date().addingTimeInterval(Self.retrySeconds)))
          guard noticed.insert("\(r.job) \(r.unit.name)").inserted else { continue }
          notice("\(tty ? "\r\u{1B}[K" : "")sweep: \(job.experiment) \(r.unit.name) is held by another process: \(FileLock.holder(of: job.folder.lock(r.unit.name)) ?? "unknown"); waiting for it")
          continue
        }
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
        let tally = Tally(done: done, total: total, workDone: workDone, costDone: costDone, costTotal: costTotal, costAtStart: costAtStart)
        let line = tally.line(running: running.map { (sweep[$0.job].folder.progress($0.unit.name), $0.unit.cost) }, since: start)
        Terminal.write("\r\u{1B}[K" + line)
      }
    }
    if tty { Terminal.write("\r\u{1B}[K") }
    say("sweep: \(done)/\(total) units done in \(Progress.duration(Date().timeIntervalSince(start)))")
    guard failures.isEmpty else {
      throw SweepError("\(failures.count) failed: " + failures.joined(separator: "; "))
    }
  }

  /// Starts a worker on `unit`, its output appended to the unit's log (O_APPEND: a
  /// second sweep's worker on the same unit writes to the same log); `exited` is
  /// signalled when it ends.
  static func spawn(_ unit: SweepUnit, of job: SweepJob, signalling exited: DispatchSemaphore) throws -> (Process, FileHandle) {
    let logURL = job.folder.log(unit.name)
    try FileManager.default.createDirectory(at: logURL.deletingLastPathComponent(), withIntermediateDirectories: true)
    let fd = open(logURL.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw AtomicFile.Failure(path: logURL.path, reason: String(cString: strerror(errno))) }
    let log = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    let process = Process()
    process.executableURL = job.executable
    process.arguments = job.unitArguments(unit.name)
    process.environment = SweepJob.workerEnvironment().merging([SweepWorker.parentVariable: "\(getpid())"]) { $1 }
    process.standardOutput = log
    process.standardError = log
    process.standardInput = FileHandle.nullDevice
    process.terminationHandler = { _ in exited.signal() }
    try process.run()
    return (process, log)
  }

  /// The sweep's counts, for its progress line.
  struct Tally {
    var done: Int, total: Int, workDone: Double, costDone: Double, costTotal: Double, costAtStart: Double

    /// `sweep d/n units  r running  x steps/s  ETA t`, with the in-flight work of the
    /// running units read from their progress files (`done total`).
    func line(running: [(progress: URL, cost: Double)], since start: Date) -> String {
      var flightWork = 0.0, flightCost = 0.0
      for r in running {
        guard let text = try? String(contentsOf: r.progress, encoding: .utf8) else { continue }
        let f = text.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        if f.count == 2, f[1] > 0 { flightWork += f[0]; flightCost += r.cost * f[0] / f[1] }
      }
      let elapsed = max(Date().timeIntervalSince(start), 1e-3)
      let rate = (workDone + flightWork) / elapsed, costRate = (costDone - costAtStart + flightCost) / elapsed
      let eta = costRate > 0 ? (costTotal - costDone - flightCost) / costRate : 0
      return "sweep \(done)/\(total) units  \(running.count) running  \(LocalExecutor.si(rate)) steps/s  ETA \(Progress.duration(eta))"
    }
  }

  func say(_ line: String) {
    guard !quiet else { return }
    Terminal.write(line + "\n")
  }

  /// A line said also when quiet: what the sweep waits for.
  func notice(_ line: String) { Terminal.write(line + "\n") }

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
