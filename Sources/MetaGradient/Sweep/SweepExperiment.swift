import Foundation

/// An experiment as a plan of independent units and a finishing step (DESIGN.md,
/// "Sweep"):
///
///     units ─▶ run(unit) each ─▶ <out>/…/seedNN.dat, one checkpoint per unit
///           ─▶ finish(results) ─▶ aggregates, summary ─▶ <out>/COMPLETE
///
/// ``SweepRun`` runs it from the command line: all units in turn (the default),
/// `--unit NAME`, `--list-units` or `--finish`; ``LocalExecutor`` and
/// ``SlurmExecutor`` spread the units over processes.
public protocol SweepExperiment {
  /// What a unit hands to the finishing step (kept in its checkpoint).
  associatedtype UnitResult: Codable
  /// The experiment's name, for messages and progress.
  var title: String { get }
  /// Everything that determines the data; `<out>/MANIFEST`.
  var manifest: RunManifest { get }
  /// The plan, in the order of a serial run.
  var units: [SweepUnit] { get }
  /// Runs `unit`, writing its own data files under `out`; `progress` reports the
  /// unit's work done so far (and the latest point of its training curve, for the
  /// live plot). Throws to stop (a diverged run writes its
  /// data so far first, and is not recorded as finished).
  func run(_ unit: SweepUnit, out: URL, checkpoint: RunCheckpoint.Unit,
           progress: @escaping (UnitProgress) -> Void) throws -> UnitResult
  /// Whether a unit's result counts as finished (default: always; a diverged run does not).
  func keep(_ result: UnitResult) -> Bool
  /// Writes the experiment's aggregates from every unit's result (by unit name);
  /// returns the summary (printed and written into `COMPLETE`).
  func finish(_ results: [String: UnitResult], out: URL) throws -> String
}

extension SweepExperiment {
  public func keep(_ result: UnitResult) -> Bool { true }
}

extension SweepExperiment {
  /// Runs the experiment into `out` as `options` ask (``SweepRun``); returns the
  /// summary when it finished.
  @discardableResult
  public func run(out: URL, options: ExperimentOptions) throws -> String? {
    try SweepRun(self, options: options, out: out).run()
  }
}
