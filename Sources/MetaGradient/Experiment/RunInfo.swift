import Foundation

/// Provenance written into every data file's header.
public enum RunInfo {
  /// The command line as typed, program name reduced to its last path component.
  public static let commandLine: String = {
    var args = CommandLine.arguments
    if let first = args.first { args[0] = URL(fileURLWithPath: first).lastPathComponent }
    return args.joined(separator: " ")
  }()

  /// `git describe --always --dirty` of the working folder, or `unknown` outside a
  /// git checkout. Set `METAGRADIENT_COMMIT` to override (used by tests that compare
  /// files byte for byte across runs).
  public static let commit: String = {
    if let forced = ProcessInfo.processInfo.environment["METAGRADIENT_COMMIT"] { return forced }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "describe", "--always", "--dirty"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return "unknown" }
    process.waitUntilExit()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return process.terminationStatus == 0 && !out.isEmpty ? out : "unknown"
  }()
}
