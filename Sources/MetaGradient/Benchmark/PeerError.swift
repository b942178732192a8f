/// Why `bench --peers` could not measure the peers: each message is one line that
/// names the file and says what to do.
public enum PeerError: Error, CustomStringConvertible, Equatable {
  /// `--peers` is not an executable file.
  case notAnInterpreter(String)
  /// The interpreter ran, but `import jax, gymnax, flax, optax` failed with this exit status.
  case missingPackages(String, status: Int32)
  /// A peer script is not where `--peer-scripts` says.
  case missingScript(String)
  /// A peer script broke the protocol of bench/peer_protocol.py or exited early.
  case protocolBroken(script: String, what: String)

  public var description: String {
    switch self {
    case .notAnInterpreter(let path):
      "--peers '\(path)' is not an executable file; `make bench-peers` creates .build/peers-venv/bin/python"
    case .missingPackages(let path, let status):
      "--peers '\(path)' cannot import \(PeerPython.packages.joined(separator: ", ")) (exit \(status)); `make bench-peers` installs them into .build/peers-venv"
    case .missingScript(let path):
      "peer script '\(path)' not found; run from the repository's root or pass --peer-scripts"
    case .protocolBroken(let script, let what):
      "peer \(script): \(what) (its stderr is above)"
    }
  }
}
