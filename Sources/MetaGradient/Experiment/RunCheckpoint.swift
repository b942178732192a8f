import ArgumentParser
import Foundation

/// The checkpoint of an experiment run, `<out>/CHECKPOINT`: everything that lets a
/// killed run continue where it was and write the same bytes as a run that never
/// stopped.
///
/// An experiment is a sequence of *units* (one seed of one variant on one
/// environment), each named by a key and producing a `Codable` result (its learning
/// curve, …). The checkpoint holds
/// - the manifest, commit, version and OpenBLAS kernels of the run that wrote it (a
///   resume with other settings, code or kernels is refused);
/// - the result of every finished unit, so a resumed run skips them;
/// - the state of the unit in progress at its latest rollout boundary: the agent's
///   parameters, optimiser and meta-optimiser states, η, environments, random streams,
///   rollout and the logger's position (``CheckpointableAgent``).
///
/// It is rewritten (atomically, ``CheckpointFile``) at the first rollout boundary or
/// finished unit after ``interval`` seconds since the last write, and on SIGINT or
/// SIGTERM (``Interruption``), after which the run exits with status 128 + signal.
/// Rerunning the same command resumes; `--fresh` deletes the folder and starts over.
/// The file is removed when the run completes.
///
/// Because every checkpoint is taken at a rollout boundary and captures the whole
/// future of the run, *when* checkpoints are taken never changes the data: a run
/// killed at any moment (SIGKILL included, also mid-write) and resumed writes data
/// files byte-identical to an uninterrupted run (tested with real processes).
public final class RunCheckpoint {
  public static let fileName = "CHECKPOINT"

  struct Contents: Codable {
    var manifest: [String]
    var commit: String
    var version: String
    /// OpenBLAS's kernels (``BLASKernels/coreName``): other kernels, other last bits.
    var blas: String
    /// Unit key → the unit's result, JSON.
    var finished: [String: Data] = [:]
    /// The unit in progress and its state, JSON.
    var current: Current?
  }

  struct Current: Codable {
    var unit: String
    var state: Data
  }

  /// The checkpoint file.
  public let url: URL
  /// Seconds between two checkpoints within a unit (0: after every rollout).
  public let interval: Double
  private var contents: Contents
  private var lastWrite = ContinuousClock.now

  /// The checkpoint of `folder` for a run described by `manifest`: the one on disk if
  /// there is one (validated: a garbled file or one from other settings or code throws a
  /// `ValidationError`, exit 64, before any work starts), else an empty one. Installs
  /// the SIGINT/SIGTERM handlers.
  public init(folder: URL, manifest: RunManifest, interval seconds: Double) throws {
    url = folder.appendingPathComponent(Self.fileName)
    interval = seconds
    let fresh = Contents(manifest: manifest.lines, commit: RunInfo.commit, version: MetaGradientRL.version,
                         blas: BLASKernels.coreName)
    if FileManager.default.fileExists(atPath: url.path) {
      let saved: Contents
      do { saved = try CheckpointFile.read(Contents.self, from: url) } catch { throw ValidationError("\(error)") }
      if let conflict = manifest.conflict(with: saved.manifest, in: folder) { throw ValidationError(conflict.description) }
      guard saved.commit == fresh.commit, saved.version == fresh.version else {
        throw ValidationError("the checkpoint \(url.path) was written by version \(saved.version), commit \(saved.commit); this is version \(fresh.version), commit \(fresh.commit): resuming would mix two programs' data; resume with a build of commit \(saved.commit), or use --fresh to start over")
      }
      guard saved.blas == fresh.blas else {
        throw ValidationError("the checkpoint \(url.path) was written with OpenBLAS's \(saved.blas) kernels; this process has \(fresh.blas), which give other last bits: set OPENBLAS_CORETYPE=\(saved.blas) to resume, or use --fresh to start over")
      }
      contents = saved
    } else {
      contents = fresh
    }
    Interruption.install()
  }

  /// A one-line description of where a resumed run continues, for the log.
  public var resumeNote: String? {
    guard !contents.finished.isEmpty || contents.current != nil else { return nil }
    let current = contents.current.map { ", continuing \($0.unit) from its last checkpoint" } ?? ""
    return "resuming from \(url.path): \(contents.finished.count) finished runs restored\(current) (--fresh starts over)"
  }

  /// The result of unit `key`: restored if it finished before, otherwise computed by
  /// `body` (which may resume from the unit's saved state through its ``Unit``) and
  /// recorded, unless `keep` rejects it (a diverged run: its last good state stays).
  public func unit<R: Codable>(_ key: String, keep: (R) -> Bool = { _ in true }, _ body: (Unit) throws -> R) throws -> R {
    if let saved = contents.finished[key] {
      do { return try CheckpointFile.decoder().decode(R.self, from: saved) } catch {
        throw CheckpointFile.Garbled(path: url.path, reason: "the saved result of \(key) does not decode: \(error)")
      }
    }
    let result = try body(Unit(checkpoint: self, key: key))
    if keep(result) {
      contents.finished[key] = try CheckpointFile.encoder().encode(result)
      contents.current = nil
      // Written when due, like the states within a unit: rewriting every finished unit
      // at once would cost O(units²) for runs of many short seeds (the prediction's 900).
      if due { try write() }
    }
    return result
  }

  /// Removes the checkpoint (the run is complete).
  public func remove() {
    try? FileManager.default.removeItem(at: url)
  }

  /// A checkpoint is due: ``interval`` has passed since the last one.
  var due: Bool { ContinuousClock.now - lastWrite >= .seconds(interval) }

  private func write() throws {
    try CheckpointFile.write(contents, to: url)
    lastWrite = .now
  }

  /// A unit's access to its saved state and to the checkpoint.
  public struct Unit {
    let checkpoint: RunCheckpoint
    /// The unit's key.
    public let key: String

    /// The state saved for this unit, if the checkpoint stopped inside it.
    public func savedState<S: Decodable>(_ type: S.Type) throws -> S? {
      guard let current = checkpoint.contents.current, current.unit == key else { return nil }
      do { return try CheckpointFile.decoder().decode(type, from: current.state) } catch {
        throw CheckpointFile.Garbled(path: checkpoint.url.path, reason: "the state of \(key) does not decode: \(error)")
      }
    }

    /// Called at every rollout boundary: saves `state()` when a checkpoint is due, and
    /// after a SIGINT/SIGTERM saves it and stops the process (``interrupted()``).
    public func boundary(_ state: () -> some Encodable) throws {
      let signal = Interruption.requested
      guard signal != nil || checkpoint.due else { return }
      checkpoint.contents.current = Current(unit: key, state: try CheckpointFile.encoder().encode(state()))
      try checkpoint.write()
      if signal != nil { try interrupted() }
    }

    /// Called at every step of a unit that cannot save a mid-run state: after a
    /// SIGINT/SIGTERM stops the process; the checkpoint keeps the finished units.
    public func boundary() throws {
      if Interruption.requested != nil { try interrupted() }
    }

    /// Stops the process after a signal: exit status 128 + signal, with a message.
    func interrupted() throws -> Never {
      let signal = Interruption.requested ?? SIGINT
      let n = checkpoint.contents.finished.count
      let current = checkpoint.contents.current.map { " and \($0.unit) so far" } ?? ""
      FileHandle.standardError.write(Data("""

        \(Interruption.name(signal)): stopped between two updates; the checkpoint \(checkpoint.url.path) holds \(n) finished \
        run\(n == 1 ? "" : "s")\(current). Rerun the same command to resume.

        """.utf8))
      throw ExitCode(128 + signal)
    }
  }
}
