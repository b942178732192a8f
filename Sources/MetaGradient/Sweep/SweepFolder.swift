import Foundation

/// Where a sweep keeps its working files inside an experiment's output folder, all
/// under `<out>/.sweep/` (ignored by git; emptied by the finishing step but for the
/// folder lock):
///
///     .sweep/LOCK                    the folder lock (``FileLock``)
///     .sweep/CLAIM                   held while a process checks and writes MANIFEST
///     .sweep/<unit>.checkpoint       the unit's checkpoint, then its result (``RunCheckpoint``)
///     .sweep/<unit>.lock             the unit's lock
///     .sweep/<unit>.progress         `done total` of a running unit, for ``LocalExecutor``
///
/// and the units' logs, kept, under `<out>/logs/<unit>.log`.
public struct SweepFolder: Sendable {
  public let out: URL
  public init(out: URL) { self.out = out }

  public var root: URL { out.appendingPathComponent(".sweep") }
  public var lock: URL { root.appendingPathComponent("LOCK") }
  public var claim: URL { root.appendingPathComponent("CLAIM") }
  public func checkpoint(_ unit: String) -> URL { root.appendingPathComponent(unit + ".checkpoint") }
  public func lock(_ unit: String) -> URL { root.appendingPathComponent(unit + ".lock") }
  public func progress(_ unit: String) -> URL { root.appendingPathComponent(unit + ".progress") }
  public func log(_ unit: String) -> URL { out.appendingPathComponent("logs/\(unit).log") }
  public var completionMarker: URL { out.appendingPathComponent(CompletionMarker.name) }
  public var isComplete: Bool { FileManager.default.fileExists(atPath: completionMarker.path) }

  /// Empties `.sweep/` but for the folder lock (the run is complete, or starts over;
  /// the caller holds the folder lock exclusively, so no unit is running). The folder
  /// lock stays: a process may have it open, and a new file would be a second lock.
  public func clean() {
    let fm = FileManager.default
    for item in (try? fm.contentsOfDirectory(atPath: root.path)) ?? [] where item != "LOCK" {
      try? fm.removeItem(at: root.appendingPathComponent(item))
    }
  }
}
