import Foundation

/// The Python interpreter of the peers' environment, `bench --peers PYTHON`: the one
/// `make bench-peers` creates as `.build/peers-venv/bin/python` from
/// `bench/peers-requirements.txt` (exact versions of jax[cpu], gymnax, flax, optax).
public struct PeerPython: Sendable {
  /// The packages the peer scripts (bench/*.py) import.
  public static let packages = ["jax", "gymnax", "flax", "optax"]

  /// The interpreter, as given (a relative path is taken from the current directory).
  public let executable: URL

  public init(path: String) { executable = URL(fileURLWithPath: path) }

  /// Throws ``PeerError`` unless `executable` is an executable file that imports
  /// every one of ``packages`` (one short run of it, a few seconds for JAX's import).
  public func check() throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: executable.path, isDirectory: &isDirectory), !isDirectory.boolValue,
          FileManager.default.isExecutableFile(atPath: executable.path)
    else { throw PeerError.notAnInterpreter(executable.path) }
    let process = Process()
    process.executableURL = executable
    process.arguments = ["-c", "import " + Self.packages.joined(separator: ", ")]
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { throw PeerError.notAnInterpreter(executable.path) }
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      throw PeerError.missingPackages(executable.path, status: process.terminationStatus)
    }
  }
}
