/// What one environment step returns besides the next observation.
///
/// Termination and truncation are kept apart (gymnasium's convention): a
/// *terminated* episode reached a terminal state, so nothing is bootstrapped through
/// it; a *truncated* episode was cut by a time limit, so its return is bootstrapped
/// from the value of the true last state.
public struct Transition: Equatable, Sendable {
  /// R_{t+1}, the reward for the action just taken.
  public var reward: Float
  /// The episode ended in a terminal state.
  public var terminated: Bool
  /// The episode was cut by a time limit (and did not terminate).
  public var truncated: Bool

  public init(reward: Float, terminated: Bool = false, truncated: Bool = false) {
    self.reward = reward
    self.terminated = terminated
    self.truncated = truncated
  }

  /// The episode is over, either way.
  public var done: Bool { terminated || truncated }
}

/// A reinforcement-learning environment with a discrete action set and a flat
/// Float32 observation.
///
/// An environment owns its ``RandomStream`` (split from the run's stream), so copies
/// are independent and a `Codable` snapshot captures everything that determines its
/// future. Observations are written into caller-owned memory, so stepping never
/// allocates. Image observations are channels-last: `[rows, columns, channels]`.
public protocol Environment: Codable, Sendable {
  /// The shape of one observation, e.g. `[4]` for CartPole or `[10, 10, 4]` for
  /// MinAtar Breakout. The flat size is the product.
  var observationShape: [Int] { get }
  /// The number of discrete actions, numbered `0..<actionCount`.
  var actionCount: Int { get }
  /// Starts a new episode and writes its first observation.
  mutating func reset(observation: UnsafeMutablePointer<Float>)
  /// Takes `action`, writes the next observation and returns the reward and flags.
  /// After a terminated or truncated step the caller must ``reset(observation:)``.
  mutating func step(_ action: Int, observation: UnsafeMutablePointer<Float>) -> Transition
  /// Throws unless this state — typically one decoded from a checkpoint — is one the
  /// rules can reach as far as memory safety needs (every index on the board; see
  /// ``StateCheck``).
  func validateState() throws
}

extension Environment {
  /// The number of Floats in one observation.
  public var observationSize: Int { observationShape.reduce(1, *) }
}
