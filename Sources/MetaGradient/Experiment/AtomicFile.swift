import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Atomic file output: the bytes go to a temporary name in the same folder
/// (`.<name>.partial`), are flushed to the disk (`fsync`), and the file is renamed
/// over the final name; then the folder is flushed too. A crash or SIGKILL at any
/// moment leaves either the old file or the new one under the final name, never a
/// mix; at worst a stale `.partial` file, which the next write of that name replaces.
public enum AtomicFile {
  /// A write that failed, with the path and the system's reason.
  public struct Failure: Error, CustomStringConvertible {
    public var path: String, reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// The temporary name `url` is written under first.
  public static func partialURL(for url: URL) -> URL {
    url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
  }

  /// Writes `data` to `url` atomically, creating the folders.
  public static func write(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let partial = partialURL(for: url)
    func fail(_ what: String) -> Failure {
      Failure(path: url.path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
    let fd = open(partial.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw fail("open \(partial.lastPathComponent)") }
    var ok = data.withUnsafeBytes { bytes -> Bool in
      var offset = 0
      while offset < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 { if errno == EINTR { continue }; return false }
        offset += n
      }
      return true
    }
    ok = ok && fsync(fd) == 0
    let error = fail("write \(partial.lastPathComponent)")
    close(fd)
    guard ok else { unlink(partial.path); throw error }
    guard rename(partial.path, url.path) == 0 else { throw fail("rename") }
    let dir = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dir >= 0 { _ = fsync(dir); close(dir) }
  }
}
