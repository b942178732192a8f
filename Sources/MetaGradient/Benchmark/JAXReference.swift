import Foundation

/// The JAX/XLA comparison of `make bench`.
///
/// **Reference figure.** A jitted JAX/XLA implementation of exactly the benchmark's A2C
/// configuration (CartPole, N = 16 environments × T = 20 steps, MLP 64×64 tanh, Float32,
/// environment stepping inside the jitted loop) is stated to run at about 1.0M env
/// steps/s on this machine. That figure was given with the task; it is NOT measured by
/// the benchmark and is printed as a ratio labelled `reference`.
///
/// **Measured figure.** When `python3 -c 'import jax'` succeeds, the benchmark also
/// runs `bench/jax_a2c.py` (the same agent in JAX: CartPole-v1 dynamics, the same
/// network, λ-return A2C surrogate with b = 0.5, c = 0.01, global-norm clip 40,
/// TF-style RMSProp α = 3e-3, one `lax.scan` over rollouts under `jit`) and prints the
/// measured ratio too. Nothing depends on it: without JAX the lines are skipped.
public enum JAXReference {
  /// The stated reference speed of the jitted JAX A2C on CartPole, env steps/s.
  public static let cartPoleStepsPerSecond = 1.0e6

  /// Whether `python3` can import jax.
  public static func isAvailable() -> Bool {
    (try? run(["python3", "-c", "import jax"]).status) == 0
  }

  /// Runs `script` (e.g. `bench/jax_a2c.py`) and returns its `key value unit` lines as
  /// key → value, or nil if it failed.
  public static func measure(script: String, arguments: [String] = []) -> [String: Double]? {
    guard let (status, output) = try? run(["python3", script] + arguments), status == 0 else { return nil }
    var values: [String: Double] = [:]
    for line in output.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: " ")
      if fields.count >= 2, let value = Double(fields[1]) { values[String(fields[0])] = value }
    }
    return values
  }

  private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
