import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One long-lived gnuplot process driven through pipes (Foundation's `Process`): a
/// script goes to its stdin, and what it prints on stdout (a `dumb` terminal's text)
/// comes back, up to a marker that the pipe asks gnuplot to print after each script.
///
///     let gnuplot = try GnuplotPipe()
///     let text = try gnuplot.render("set terminal dumb size 80,24\nplot sin(x)")
///
/// gnuplot's own messages (warnings) go to /dev/null. Nothing here can stop the
/// caller's process: SIGPIPE is ignored and a write to a gnuplot that exited is an
/// error (``Failure/exited``), as is one that does not answer within the timeout.
final class GnuplotPipe {
  /// Why gnuplot cannot draw (its description is the message's end).
  enum Failure: Error, CustomStringConvertible {
    case notFound
    case failedToStart(String)
    case exited
    case timedOut(Duration)

    var description: String {
      switch self {
      case .notFound: "gnuplot not found on PATH"
      case .failedToStart(let reason): "gnuplot did not start (\(reason))"
      case .exited: "gnuplot exited"
      case .timedOut(let limit): "gnuplot did not answer within \(limit)"
      }
    }
  }

  /// Printed by gnuplot after each script: the end of its answer.
  static let marker = "metagradient-gnuplot-done"

  private let process = Process()
  private let input = Pipe(), output = Pipe()
  /// Whether gnuplot was started and not yet ended.
  private var running = false

  /// Whether this process has already told the user that gnuplot is not on `PATH`.
  nonisolated(unsafe) private static var toldNotFound = false

  /// gnuplot on `PATH`, or nil; then `tell` gets the message, the first time only, so
  /// that the live plot and the run's figures say it once between them.
  static func find(tellingOnce tell: (String) -> Void) -> URL? {
    if let executable = Shell.which("gnuplot") { return executable }
    if !toldNotFound { tell(Failure.notFound.description) }
    toldNotFound = true
    return nil
  }

  /// Starts gnuplot, found on `PATH`, with `print` sent to stdout (a missing gnuplot is
  /// thrown, for the caller to say).
  init() throws {
    guard let executable = Self.find(tellingOnce: { _ in }) else { throw Failure.notFound }
    signal(SIGPIPE, SIG_IGN)
    process.executableURL = executable
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { throw Failure.failedToStart(error.localizedDescription) }
    running = true
    // Non-blocking both ways: every wait is a poll(2) with a deadline.
    for fd in [input.fileHandleForWriting.fileDescriptor, output.fileHandleForReading.fileDescriptor] {
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
  }

  deinit { close() }

  /// Sends `script` and returns what gnuplot printed on stdout while running it.
  func render(_ script: String, timeout: Duration = .seconds(10)) throws -> String {
    guard running else { throw Failure.exited }
    let deadline = ContinuousClock.now + timeout
    do {
      try send(Array("\(script)\nset print '-'\nprint '\(Self.marker)'\n".utf8), before: deadline, limit: timeout)
      return try receive(before: deadline, limit: timeout)
    } catch {
      close()
      throw error
    }
  }

  /// Ends gnuplot: closes its stdin (it exits at end of input), and stops it if it is
  /// still there a second later.
  func close() {
    guard running else { return }
    running = false
    try? input.fileHandleForWriting.close()
    if (try? wait(output.fileHandleForReading.fileDescriptor, for: Int16(POLLIN), before: .now + .seconds(1), limit: .seconds(1))) == nil {
      process.terminate()
    }
    process.waitUntilExit()
    try? output.fileHandleForReading.close()
  }

  private func send(_ bytes: [UInt8], before deadline: ContinuousClock.Instant, limit: Duration) throws {
    let fd = input.fileHandleForWriting.fileDescriptor
    var rest = bytes[...]
    while !rest.isEmpty {
      let written = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if written > 0 { rest = rest.dropFirst(written); continue }
      switch errno {
      case EINTR: continue
      case EAGAIN: try wait(fd, for: Int16(POLLOUT), before: deadline, limit: limit)
      default: throw Failure.exited  // EPIPE: gnuplot is gone
      }
    }
  }

  private func receive(before deadline: ContinuousClock.Instant, limit: Duration) throws -> String {
    let fd = output.fileHandleForReading.fileDescriptor
    let end = Array("\(Self.marker)\n".utf8)
    var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count > 0 {
        answer += buffer[..<count]
        if answer.count >= end.count, Array(answer.suffix(end.count)) == end {
          return String(decoding: answer.dropLast(end.count), as: UTF8.self)
        }
        continue
      }
      if count == 0 { throw Failure.exited }
      switch errno {
      case EINTR: continue
      case EAGAIN: try wait(fd, for: Int16(POLLIN), before: deadline, limit: limit)
      default: throw Failure.exited
      }
    }
  }

  /// Waits until `fd` is ready for `events` (or hung up), or throws at the deadline.
  private func wait(_ fd: Int32, for events: Int16, before deadline: ContinuousClock.Instant, limit: Duration) throws {
    while true {
      let left = deadline - .now
      guard left > .zero else { throw Failure.timedOut(limit) }
      var entry = pollfd(fd: fd, events: events, revents: 0)
      let milliseconds = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
      let ready = poll(&entry, 1, milliseconds)
      if ready > 0 { return }
      if ready < 0 && errno != EINTR { throw Failure.exited }
    }
  }
}
