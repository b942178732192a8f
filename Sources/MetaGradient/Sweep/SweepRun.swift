import ArgumentParser
import Foundation

/// Runs a ``SweepExperiment`` as its command line asks (``ExperimentOptions``):
///
/// - default: every unit in turn in this process, resuming the finished and the
///   interrupted ones, then the finishing step; the folder is locked exclusively;
/// - `--list-units`: prints `name work cost state round` per unit (state: `finished`,
///   `running`, `pending`) and touches nothing;
/// - `--unit NAME`: runs that unit only (the folder locked shared, the unit exclusively);
/// - `--finish`: the finishing step alone, once every unit has finished; otherwise it
///   refuses, naming the units that have not.
///
/// A second process on a locked folder or unit stops at once with "in use by PID N on
/// HOST", before it writes anything; `--unit` and `--finish` then exit
/// ``SweepWorker/heldStatus``, which an executor takes as "wait and try again".
/// `--finish` on a folder that is `COMPLETE` with this configuration prints its summary
/// and does nothing else (a second sweep over the same folder finishes it only once).
public struct SweepRun<Experiment: SweepExperiment> {
  public var experiment: Experiment
  public var options: ExperimentOptions
  public var out: URL

  public init(_ experiment: Experiment, options: ExperimentOptions, out: URL) {
    self.experiment = experiment; self.options = options; self.out = out
  }

  var folder: SweepFolder { SweepFolder(out: out) }

  /// Does what the options ask; returns the summary when the experiment finished.
  @discardableResult
  public func run() throws -> String? {
    try refuseForeignFolder()
    if options.listUnits { try listUnits(); return nil }
    if let name = options.unit { try runUnit(named: name); return nil }
    let lock = FileLock(url: folder.lock)
    if options.finish {
      try SweepWorker.acquire(lock, .exclusive, what: out.path)
      if let summary = completedSummary() { print(summary, terminator: ""); return summary }
      return try finishAndDraw()
    }
    try lock.acquire(.exclusive, what: out.path)
    if options.fresh { try removeContents() }
    // Every checkpoint is validated before anything is written.
    let pending = try experiment.units.filter { try !checkpoint($0.name).isFinished }
    try claim()
    CompletionMarker.remove(in: out)
    let progress = Progress(total: pending.reduce(0) { $0 + $1.work }, label: experiment.title, quiet: options.quiet)
    let plot = livePlot(below: progress)
    defer { plot?.close() }
    var done = 0
    for unit in pending {
      try execute(unit, plot: plot) { progress.update(done + $0.done, note: "\(unit.name)  \($0.note)") }
      done += unit.work
    }
    progress.finish()
    return try finishAndDraw()
  }

  /// The finishing step, then, unless `--plot off`, the experiment's own figures drawn
  /// into `<out>/figures/` (``RunFigures``, reading the summary from a hidden staging
  /// file), their paths printed, and only then the `COMPLETE` marker: a run killed
  /// while drawing is not complete, and its rerun finishes and draws again.
  func finishAndDraw() throws -> String? {
    let summary = try finish()
    if options.plot.drawsRunFigures {
      let staged = out.appendingPathComponent(".summary")
      try AtomicFile.write(Data(summary.utf8), to: staged)
      for file in RunFigures(experiment: experiment.title).draw(out: out, summary: staged) { print("figure: \(file.path)") }
      try? FileManager.default.removeItem(at: staged)
    }
    try complete(summary)
    return summary
  }

  /// A folder holding another configuration's data is refused before anything — lock,
  /// log, checkpoint — is touched (`--fresh` replaces it instead).
  func refuseForeignFolder() throws {
    guard !options.fresh, let existing = try RunManifest.read(out),
          let conflict = experiment.manifest.conflict(with: existing, in: out) else { return }
    throw ValidationError(conflict.description)
  }

  /// The unit named `name`, or a usage error listing what exists.
  func unit(named name: String) throws -> SweepUnit {
    let units = experiment.units
    guard let unit = units.first(where: { $0.name == name }) else {
      let examples = units.prefix(3).map(\.name).joined(separator: ", ")
      throw ValidationError("unknown unit '\(name)' of \(experiment.title): it has \(units.count) units (\(examples)\(units.count > 3 ? ", …" : "")); --list-units lists them")
    }
    return unit
  }

  func checkpoint(_ unit: String) throws -> RunCheckpoint {
    try RunCheckpoint(url: folder.checkpoint(unit), unit: unit, manifest: experiment.manifest,
                      interval: options.checkpointMinutes * 60)
  }

  /// Checks `<out>/MANIFEST` against this run's and writes it when missing (one process
  /// at a time; a folder of another configuration is refused, nothing written).
  func claim() throws {
    let lock = FileLock(url: folder.claim)
    try lock.acquire(.exclusive, wait: true, what: out.path)
    defer { lock.release() }
    try experiment.manifest.claim(out, fresh: false)
  }

  /// `--fresh` on the whole run: the folder's old data, checkpoints and logs go.
  func removeContents() throws {
    let fm = FileManager.default
    for item in try fm.contentsOfDirectory(atPath: out.path) where item != ".sweep" {
      try fm.removeItem(at: out.appendingPathComponent(item))
    }
    folder.clean()
  }

  /// The live plot `--plot` asks for (``LivePlot``), above `progress`, or nil.
  func livePlot(below progress: Progress) -> LivePlot? {
    LivePlot(options.plot, title: experiment.title, quiet: options.quiet, below: progress)
  }

  /// Runs one unit in this process: resumes it from its checkpoint, writes its files
  /// and records its result; `plot` shows its curve (drawn once more at its end).
  func execute(_ unit: SweepUnit, plot: LivePlot?, progress: @escaping (UnitProgress) -> Void) throws {
    let checkpoint = try checkpoint(unit.name)
    // Also when quiet: a worker's log says where it resumed.
    if let note = checkpoint.resumeNote {
      Terminal.write(note + "\n")
      plot?.linesWritten()
    }
    let report = UnitProgressFile(url: folder.progress(unit.name), total: unit.work)
    plot?.begin(unit: unit.name)
    _ = try checkpoint.run(keep: experiment.keep) { saved in
      try experiment.run(unit, out: out, checkpoint: saved) {
        report?.update($0.done)
        progress($0)
        plot?.record($0.sample)
      }
    }
    plot?.endUnit()
    report?.remove()
  }

  /// `--unit NAME`.
  func runUnit(named name: String) throws {
    let unit = try unit(named: name)
    try SweepWorker.followSweep()
    let folderLock = FileLock(url: folder.lock), unitLock = FileLock(url: folder.lock(name))
    try SweepWorker.acquire(folderLock, .shared, what: out.path)
    try SweepWorker.acquire(unitLock, .exclusive, what: "unit \(name) of \(out.path)")
    if completedSummary() != nil {
      if !options.quiet { Terminal.write("\(out.path) is COMPLETE: \(name) has nothing to do\n") }
      return
    }
    try claim()
    if options.fresh { try? FileManager.default.removeItem(at: folder.checkpoint(name)) }
    // A line per run of the unit in its log, so that one can tell how often it ran, and where.
    if try !checkpoint(name).isFinished { Terminal.write("\(name): running in \(FileLock.holderDescription)\n") }
    let progress = Progress(total: unit.work, label: "\(experiment.title) \(name)", quiet: options.quiet)
    let plot = livePlot(below: progress)
    defer { plot?.close() }
    try execute(unit, plot: plot) { progress.update($0.done, note: $0.note) }
    progress.finish()
  }

  /// The summary in `COMPLETE`, when the folder is complete with this configuration.
  func completedSummary() -> String? {
    guard folder.isComplete, (try? String(contentsOf: out.appendingPathComponent(RunManifest.fileName), encoding: .utf8))
      == experiment.manifest.lines.joined(separator: "\n") + "\n" else { return nil }
    return (try? String(contentsOf: folder.completionMarker, encoding: .utf8)) ?? ""
  }

  /// `--list-units`.
  func listUnits() throws {
    var lines = ["# unit work cost state round"]
    for unit in experiment.units {
      let state: String
      if FileManager.default.fileExists(atPath: folder.checkpoint(unit.name).path), try checkpoint(unit.name).isFinished {
        state = "finished"
      } else {
        state = FileLock.isHeld(folder.lock(unit.name)) ? "running" : "pending"
      }
      lines.append("\(unit.name) \(unit.work) \(DataFile.format(unit.cost)) \(state) \(unit.round)")
    }
    print(lines.joined(separator: "\n"))
  }

  /// The finishing step (the caller holds the folder lock exclusively): the
  /// experiment's aggregates and summary, before ``complete(_:)``.
  func finish() throws -> String {
    var results: [String: Experiment.UnitResult] = [:], missing: [String] = [], kernels: [String: Int] = [:]
    for unit in experiment.units {
      let url = folder.checkpoint(unit.name)
      let saved = FileManager.default.fileExists(atPath: url.path) ? try checkpoint(unit.name) : nil
      if let saved, let result = try saved.result(Experiment.UnitResult.self) {
        results[unit.name] = result
        kernels[saved.kernels, default: 0] += 1
      } else {
        missing.append(unit.name)
      }
    }
    guard missing.isEmpty else { throw UnfinishedUnits(experiment: experiment.title, out: out, units: missing) }
    var summary = try experiment.finish(results, out: out)
    if kernels.count > 1 {
      summary += "note: the units ran with different OpenBLAS kernels (\(kernels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) units" }.joined(separator: ", "))), so their files differ from one machine's in the last bits\n"
    }
    print(summary, terminator: "")
    return summary
  }

  /// Marks the folder complete and removes the sweep's checkpoints and locks.
  func complete(_ summary: String) throws {
    try CompletionMarker.write(in: out, summary: summary)
    folder.clean()
  }

  /// The finishing step found units without a result.
  public struct UnfinishedUnits: Error, CustomStringConvertible {
    public var experiment: String, out: URL, units: [String]
    public var description: String {
      let shown = units.prefix(5).joined(separator: ", ")
      return "cannot finish \(experiment) in \(out.path): \(units.count) unit\(units.count == 1 ? " has" : "s have") not finished: \(shown)\(units.count > 5 ? ", …" : "") (failed, diverged or not run: see \(out.path)/logs/<unit>.log; rerun with --unit NAME)"
    }
  }
}

/// A running unit's progress as a file, `done total`, rewritten at most once a second,
/// for a ``LocalExecutor`` that runs it in a subprocess (only when the environment
/// variable `METAGRADIENT_PROGRESS_FILES` is set).
struct UnitProgressFile {
  let url: URL, total: Int
  private let clock = Clock()
  final class Clock { var last = ContinuousClock.now - .seconds(10) }

  init?(url: URL, total: Int) {
    guard ProcessInfo.processInfo.environment["METAGRADIENT_PROGRESS_FILES"] != nil else { return nil }
    self.url = url; self.total = total
  }

  func update(_ done: Int) {
    guard ContinuousClock.now - clock.last >= .seconds(1) else { return }
    clock.last = .now
    try? AtomicFile.write(Data("\(done) \(total)\n".utf8), to: url)
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}
