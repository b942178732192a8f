import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// stderr as the terminal that live displays (``Progress``, ``LivePlot``) draw on.
public enum Terminal {
  /// Whether live displays draw: stderr is a terminal and the run is not `--quiet`.
  static func isLive(quiet: Bool) -> Bool { !quiet && isatty(STDERR_FILENO) != 0 }

  /// The terminal's size in characters, or nil when it does not say (a pseudo-terminal
  /// nobody sized reports 0 × 0).
  static var size: (columns: Int, rows: Int)? {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
  }

  /// The columns a line may fill without wrapping (one less than the width, so the
  /// cursor never waits at the right margin); 80 when the terminal does not say.
  static var lineWidth: Int { (size?.columns ?? 80) - 1 }

  /// Writes all of `text` to stderr with `write(2)`, retrying interrupted and partial
  /// writes; a failure is dropped: a message never stops a run. Every message of the
  /// project goes through here, not `FileHandle.standardError.write`, which traps when
  /// the write fails (a worker's log on a full disk).
  public static func write(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return }
      bytes = bytes.dropFirst(written)
    }
  }
}
