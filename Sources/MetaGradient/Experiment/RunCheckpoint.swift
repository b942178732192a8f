import ArgumentParser
import Foundation

/// The checkpoint of one unit of work (``SweepUnit``: one seed of one variant on one
/// environment), `<out>/.sweep/<unit>.checkpoint`: everything that lets a killed unit
/// continue where it was and write the same bytes as a unit that never stopped, and,
/// once the unit is done, its result for the experiment's finishing step.
///
/// It holds
/// - the manifest, commit, version and OpenBLAS kernels of the run that wrote it (a
///   resume with other settings, code or kernels is refused; a finished unit is
///   accepted with other kernels, its files being written);
/// - the unit's result once it finished (a `Codable` value: its learning curve, …), so
///   that a rerun skips it and the finishing step reads it;
/// - otherwise the unit's state at its latest rollout boundary: the agent's parameters,
///   optimiser and meta-optimiser states, η, environments, random streams, rollout and
///   the logger's position (``CheckpointableAgent``).
///
/// It is rewritten (atomically, ``CheckpointFile``) at the first rollout boundary after
/// ``interval`` seconds since the last write, when the unit finishes, and on SIGINT or
/// SIGTERM (``Interruption``), after which the process exits with status 128 + signal.
/// Rerunning the same command resumes.
///
/// Because every checkpoint is taken at a rollout boundary and captures the whole
/// future of the unit, *when* checkpoints are taken never changes the data: a run
/// killed at any moment (SIGKILL included, also mid-write) and resumed writes data
/// files byte-identical to an uninterrupted run (tested with real processes).
public final class RunCheckpoint {
  /// The file's contents (public for the checkpoint fuzz target).
  public struct Contents: Codable {
    public var manifest: [String]
    public var commit: String
    public var version: String
    /// OpenBLAS's kernels (``BLASKernels/coreName``): other kernels, other last bits.
    public var blas: String
    /// The unit's name.
    public var unit: String
    /// The unit's result once it finished, JSON.
    public var result: Data?
    /// The unit's state at its latest boundary while it runs, JSON.
    public var state: Data?
    public init(manifest: [String], commit: String, version: String, blas: String, unit: String, result: Data? = nil, state: Data? = nil) {
      self.manifest = manifest; self.commit = commit; self.version = version; self.blas = blas; self.unit = unit
      self.result = result; self.state = state
    }
  }

  /// The checkpoint file.
  public let url: URL
  /// The unit's name.
  public let unit: String
  /// Seconds between two checkpoints within the unit (0: after every rollout).
  public let interval: Double
  private var contents: Contents
  private var lastWrite = ContinuousClock.now

  /// The checkpoint at `url` of `unit` in a run described by `manifest`: the one on
  /// disk if there is one (validated: a garbled file or one from other settings or code
  /// throws a `ValidationError`, exit 64, before any work starts), else an empty one.
  /// Installs the SIGINT/SIGTERM handlers.
  public init(url: URL, unit: String, manifest: RunManifest, interval seconds: Double) throws {
    self.url = url
    self.unit = unit
    interval = seconds
    let fresh = Contents(manifest: manifest.lines, commit: RunInfo.commit, version: MetaGradientRL.version,
                         blas: BLASKernels.coreName, unit: unit)
    if FileManager.default.fileExists(atPath: url.path) {
      let saved: Contents
      do { saved = try CheckpointFile.read(Contents.self, from: url) } catch { throw ValidationError("\(error)") }
      let folder = url.deletingLastPathComponent()
      if let conflict = manifest.conflict(with: saved.manifest, in: folder) {
        throw ValidationError("the checkpoint \(url.path) was written for a different configuration (it has '\(conflict.existing)', this run has '\(conflict.requested)'): remove it, or use --fresh to start over")
      }
      guard saved.unit == unit else {
        throw ValidationError("the checkpoint \(url.path) belongs to unit \(saved.unit), not \(unit): remove it, or use --fresh to start over")
      }
      guard saved.commit == fresh.commit, saved.version == fresh.version else {
        throw ValidationError("the checkpoint \(url.path) was written by version \(saved.version), commit \(saved.commit); this is version \(fresh.version), commit \(fresh.commit): resuming would mix two programs' data; resume with a build of commit \(saved.commit), or use --fresh to start over")
      }
      // A finished unit's files are written: other kernels here change nothing of them
      // (a sweep may finish on another machine than the one that ran some units).
      guard saved.blas == fresh.blas || saved.result != nil else {
        throw ValidationError("the checkpoint \(url.path) was written with OpenBLAS's \(saved.blas) kernels; this process has \(fresh.blas), which give other last bits: set OPENBLAS_CORETYPE=\(saved.blas) to resume, or use --fresh to start over")
      }
      contents = saved
    } else {
      contents = fresh
    }
    Interruption.install()
  }

  /// Whether the unit has finished (its result is recorded).
  public var isFinished: Bool { contents.result != nil }

  /// The OpenBLAS kernels the unit ran with (``BLASKernels/coreName``).
  public var kernels: String { contents.blas }

  /// A one-line description of where a resumed unit continues, for the log.
  public var resumeNote: String? {
    contents.state == nil || contents.result != nil ? nil : "resuming \(unit) from its checkpoint \(url.path)"
  }

  /// The unit's recorded result, or nil when it has not finished.
  public func result<R: Decodable>(_ type: R.Type) throws -> R? {
    guard let saved = contents.result else { return nil }
    do { return try CheckpointFile.decoder().decode(R.self, from: saved) } catch {
      throw CheckpointFile.Garbled(path: url.path, reason: "the saved result of \(unit) does not decode: \(error)")
    }
  }

  /// The unit's result: restored if it finished before, otherwise computed by `body`
  /// (which may resume from the unit's saved state through its ``Unit``) and recorded at
  /// once, unless `keep` rejects it (a diverged run: its last good state stays).
  public func run<R: Codable>(keep: (R) -> Bool = { _ in true }, _ body: (Unit) throws -> R) throws -> R {
    if let saved = try result(R.self) { return saved }
    let result = try body(Unit(checkpoint: self))
    if keep(result) {
      contents.result = try CheckpointFile.encoder().encode(result)
      contents.state = nil
      try write()
    }
    return result
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
    /// The unit's name.
    public var key: String { checkpoint.unit }

    /// The state saved for this unit, if the checkpoint stopped inside it.
    /// A state that does not decode is a garbled checkpoint, refused before any work
    /// (a `ValidationError`, exit 64) with the file named.
    public func savedState<S: Decodable>(_ type: S.Type) throws -> S? {
      guard let state = checkpoint.contents.state else { return nil }
      do { return try CheckpointFile.decoder().decode(type, from: state) } catch {
        throw ValidationError(CheckpointFile.Garbled(path: checkpoint.url.path, reason: "the state of \(key) does not decode: \(error)").description)
      }
    }

    /// Restores the saved state through `restore` (an agent's `restore(from:)`) if the
    /// checkpoint stopped inside this unit; returns whether it did. A state that does not
    /// fit this run (``CheckpointMismatch``: other sizes, a position off the board) is
    /// refused like a garbled file: exit 64, the file named, nothing written.
    public func resume<S: Decodable>(_ type: S.Type, _ restore: (S) throws -> Void) throws -> Bool {
      guard let saved = try savedState(type) else { return false }
      do { try restore(saved) } catch let mismatch as CheckpointMismatch {
        throw ValidationError(CheckpointFile.Garbled(path: checkpoint.url.path, reason: mismatch.description).description)
      }
      return true
    }

    /// Called at every rollout boundary: saves `state()` when a checkpoint is due, and
    /// after a SIGINT/SIGTERM saves it and stops the process (``interrupted()``).
    public func boundary(_ state: () -> some Encodable) throws {
      let signal = Interruption.requested
      guard signal != nil || checkpoint.due else { return }
      checkpoint.contents.state = try CheckpointFile.encoder().encode(state())
      try checkpoint.write()
      if signal != nil { try interrupted() }
    }

    /// Called at every step of a unit that cannot save a mid-run state: after a
    /// SIGINT/SIGTERM stops the process; the unit then starts over when rerun.
    public func boundary() throws {
      if Interruption.requested != nil { try interrupted() }
    }

    /// Stops the process after a signal: exit status 128 + signal, with a message.
    func interrupted() throws -> Never {
      let signal = Interruption.requested ?? SIGINT
      let saved = checkpoint.contents.state == nil ? "" : "; its checkpoint \(checkpoint.url.path) holds its state so far"
      Terminal.write("""

        \(Interruption.name(signal)): \(key) stopped between two updates\(saved). Rerun the same command to resume.

        """)
      throw ExitCode(128 + signal)
    }
  }
}
