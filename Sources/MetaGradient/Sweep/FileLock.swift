import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock on a file (`flock(2)`), held until ``release()`` or the process
/// ends — also when it dies, so a lock left by a dead process is free for the next one
/// (no stale-lock cleanup). The holder writes `PID N on HOST` into the file, which is
/// what a refused process reports.
///
/// A sweep folder uses one for the folder (`.sweep/LOCK`: a whole-experiment run holds
/// it exclusively, a unit worker shared) and one per unit (exclusive), so that two
/// processes never write the same files: with many workers, and tasks requeued by
/// Slurm, a duplicate stops at once and touches nothing.
public final class FileLock {
  public enum Mode: Sendable { case shared, exclusive }

  /// The lock is held by another process.
  public struct InUse: Error, CustomStringConvertible {
    public var what: String, holder: String
    public var description: String { "\(what) is in use by \(holder); wait for it to finish, or stop it first" }
  }

  public let url: URL
  private var descriptor: Int32 = -1

  public init(url: URL) { self.url = url }

  deinit { release() }

  /// `PID N on HOST`, for this process.
  public static var holderDescription: String {
    "PID \(getpid()) on \(ProcessInfo.processInfo.hostName)"
  }

  /// Takes the lock, creating the file (and its folder) if needed; with `wait` false,
  /// throws ``InUse`` naming the holder when another process has it. `what` names
  /// the locked thing in that message.
  public func acquire(_ mode: Mode, wait: Bool = false, what: String) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw AtomicFile.Failure(path: url.path, reason: String(cString: strerror(errno))) }
    let operation = (mode == .exclusive ? LOCK_EX : LOCK_SH) | (wait ? 0 : LOCK_NB)
    var result: Int32
    repeat { result = flock(fd, operation) } while result != 0 && errno == EINTR
    guard result == 0 else {
      let error = errno
      close(fd)
      if error == EWOULDBLOCK { throw InUse(what: what, holder: Self.holder(of: url) ?? "another process") }
      throw AtomicFile.Failure(path: url.path, reason: "flock: \(String(cString: strerror(error)))")
    }
    descriptor = fd
    if mode == .exclusive {
      let text = Array(Self.holderDescription.utf8)
      _ = ftruncate(fd, 0)
      _ = text.withUnsafeBufferPointer { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
  }

  /// Releases the lock (also done at exit).
  public func release() {
    guard descriptor >= 0 else { return }
    flock(descriptor, LOCK_UN)
    close(descriptor)
    descriptor = -1
  }

  /// Whether some process holds the lock at `url` (checked by trying it, shared, for an instant).
  public static func isHeld(_ url: URL) -> Bool {
    let fd = open(url.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    if flock(fd, LOCK_EX | LOCK_NB) == 0 { flock(fd, LOCK_UN); return false }
    return true
  }

  /// The holder recorded in the file at `url`.
  static func holder(of url: URL) -> String? {
    guard let text = try? String(contentsOf: url, encoding: .utf8), !text.isEmpty else { return nil }
    return text
  }
}
