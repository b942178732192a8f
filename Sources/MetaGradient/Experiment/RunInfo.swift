import Foundation

/// Provenance written into every data file's header.
public enum RunInfo {
  /// The command line that defines the data: as typed, program name reduced to its
  /// last path component, without the options that only steer how it runs
  /// (``executionOptions``), so that a unit run by a worker or a Slurm task writes the
  /// same header as the whole experiment run in one process.
  public static let commandLine: String = canonical(CommandLine.arguments)

  /// Options that change how a run executes, never its data: flags, and options with a value.
  public static let executionOptions = (flags: ["--quiet", "--list-units", "--finish", "--fresh"],
                                        valued: ["--unit", "--checkpoint-minutes", "--plot"])

  static func canonical(_ arguments: [String]) -> String {
    var args = arguments
    if let first = args.first { args[0] = URL(fileURLWithPath: first).lastPathComponent }
    var kept: [String] = [], i = 0
    while i < args.count {
      let a = args[i], name = String(a.prefix { $0 != "=" })
      if executionOptions.flags.contains(a) || (executionOptions.valued.contains(name) && a.contains("=")) {
        i += 1
      } else if executionOptions.valued.contains(a) {
        i += 2
      } else {
        kept.append(a); i += 1
      }
    }
    return kept.joined(separator: " ")
  }

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
