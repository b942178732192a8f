import Foundation

/// A peer benchmark script (bench/jax_a2c.py, bench/gymnax_breakout_a2c.py) running as
/// a child process of `bench` with `--serve`, spoken to by the protocol of
/// bench/peer_protocol.py: it compiles and warms up its jitted training loop, says
/// `ready <env steps per call>`, then times one call per `run` line it reads and
/// answers `<cpu seconds> <wall seconds>`. Between calls it waits on its input, using
/// no CPU, so `bench` can time our agent in between (``PeerComparison``).
///
/// Its stdout is the protocol; its stderr is passed through to ours (JAX's warnings, a
/// traceback). The script pins itself to one CPU and XLA to one thread.
public final class PeerScript {
  /// The script and its arguments as one string, for messages and comments.
  public let name: String
  /// The `#` lines the script printed before `ready` (what it measures), without `# `.
  public private(set) var description: [String] = []
  /// Environment steps of one timed call.
  public private(set) var stepsPerCall = 0

  private let process = Process()
  private let input: FileHandle
  private let output: FileHandle
  private var buffer = Data()

  /// Starts `python script --serve arguments…` and waits until it is ready (compiled
  /// and warmed up: seconds to tens of seconds).
  public init(python: PeerPython, script: URL, arguments: [String]) throws {
    guard FileManager.default.fileExists(atPath: script.path) else { throw PeerError.missingScript(script.path) }
    name = ([script.path] + arguments).joined(separator: " ")
    // A child that died makes writing to its input raise SIGPIPE; the write's error
    // (reported as PeerError) is what we want instead.
    signal(SIGPIPE, SIG_IGN)
    let toChild = Pipe(), fromChild = Pipe()
    process.executableURL = python.executable
    process.arguments = [script.path, "--serve"] + arguments
    process.standardInput = toChild
    process.standardOutput = fromChild
    process.standardError = FileHandle.standardError
    input = toChild.fileHandleForWriting
    output = fromChild.fileHandleForReading
    try process.run()
    while true {
      guard let line = readLine() else { throw broken("exited before saying ready") }
      if line.hasPrefix("# ") { description.append(String(line.dropFirst(2))); continue }
      let fields = line.split(separator: " ")
      guard fields.count == 2, fields[0] == "ready", let steps = Int(fields[1]), steps > 0 else {
        throw broken("said '\(line)' instead of 'ready <steps>'")
      }
      stepsPerCall = steps
      break
    }
  }

  /// A script not finished (an error on the way): end of its input, and SIGKILL if it
  /// is still running (SIGTERM can be blocked in a child: it inherits the spawning
  /// thread's signal mask, and test runners' threads block most signals).
  deinit {
    try? input.close()
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }

  /// One timed call of the script's training loop: its process CPU seconds and wall seconds.
  public func time() throws -> (cpu: Double, wall: Double) {
    do { try input.write(contentsOf: Data("run\n".utf8)) } catch { throw broken("stopped reading its input") }
    guard let line = readLine() else { throw broken("exited during a timed call") }
    let fields = line.split(separator: " ").compactMap { Double($0) }
    guard fields.count == 2, fields.allSatisfy({ $0 > 0 && $0.isFinite }) else {
      throw broken("answered '\(line)' instead of '<cpu seconds> <wall seconds>'")
    }
    return (fields[0], fields[1])
  }

  /// Ends the script (end of its input) and waits for it; throws unless it exits 0.
  public func finish() throws {
    try? input.close()
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      throw broken("exited with status \(process.terminationStatus)")
    }
  }

  private func broken(_ what: String) -> PeerError { .protocolBroken(script: name, what: what) }

  /// The next line of the script's output without its newline, or nil at its end.
  private func readLine() -> String? {
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
        buffer.removeSubrange(buffer.startIndex...newline)
        return line
      }
      // What is there now (one read(2); `read(upToCount:)` would wait for the count).
      let chunk = output.availableData
      if chunk.isEmpty { return nil }
      buffer.append(chunk)
    }
  }
}
