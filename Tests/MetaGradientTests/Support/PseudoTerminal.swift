import Foundation
@testable import MetaGradient

/// Runs a built experiment under a pseudo-terminal, so that its stderr is a terminal
/// (for the displays that are silent otherwise): util-linux's `script -qfec CMD /dev/null`.
/// Without `script` the tests that need it are skipped, except under `CI=true`, where
/// they must run (CI's Debian has it: util-linux's `bsdutils` is an essential package).
enum PseudoTerminal {
  static let script = Shell.which("script")

  /// CI promises `script`: there a missing one is a failure, not a skip.
  static let required = ProcessInfo.processInfo.environment["CI"] == "true"

  /// Runs experiment `name` with `arguments` on a pseudo-terminal (its environment
  /// changed by `environment`, e.g. another `PATH`; `script` itself and the experiment
  /// are found by absolute path). `stdout` holds everything the experiment wrote, stdout
  /// and stderr, as the terminal got it (`\r\n` line ends, escapes included).
  static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ExperimentRunner.Result {
    guard let script else { throw CocoaError(.executableNotLoadable, userInfo: [NSFilePathErrorKey: "script (util-linux) on PATH"]) }
    let command = ([ExperimentRunner.executable(name).path] + arguments).map(Shell.quote).joined(separator: " ")
    return try ExperimentRunner.run(executable: script, ["-qfec", command, "/dev/null"],
                                    environment: ["SHELL": "/bin/sh"].merging(environment) { $1 })
  }
}
