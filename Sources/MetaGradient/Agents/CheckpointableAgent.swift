/// A control agent whose whole future can be saved between two iterations and restored
/// into a freshly built agent of the same configuration, so that the restored agent
/// continues bit for bit as the saved one would have (``RunCheckpoint``).
public protocol CheckpointableAgent: ControlAgent {
  associatedtype State: Codable
  /// Everything that determines the agent's future, taken between two ``ControlAgent/iterate()`` calls.
  func checkpointState() -> State
  /// Puts the agent (built with the same configuration and environment) into `state`.
  /// Throws ``CheckpointMismatch`` when the state does not fit the agent.
  func restore(from state: State) throws
}

/// A saved state that does not fit the agent it is restored into.
public struct CheckpointMismatch: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = "checkpoint does not fit this run: \(description)" }

  /// Throws unless `saved == expected`, naming `what`.
  public static func check(_ what: String, _ saved: Int, _ expected: Int) throws {
    guard saved == expected else { throw CheckpointMismatch("\(what): saved \(saved), expected \(expected)") }
  }
}

/// A (γ, λ) pair — η, or the meta-gradient (dJ̄/dγ, dJ̄/dλ) — as a checkpoint stores it
/// (tuples are not `Codable`).
public struct EtaPair<Scalar: Codable & Sendable>: Codable, Sendable {
  public var gamma: Scalar, lambda: Scalar
  public init(_ pair: (gamma: Scalar, lambda: Scalar)) { (gamma, lambda) = pair }
  public var tuple: (gamma: Scalar, lambda: Scalar) { (gamma, lambda) }
}
