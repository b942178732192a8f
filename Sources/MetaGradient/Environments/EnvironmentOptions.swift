/// How an experiment's environments are built beyond their ``EnvironmentID``.
///
/// Only the MinAtar games read these; CartPole and Catch have no options.
public struct EnvironmentOptions: Codable, Sendable, Hashable {
  /// MinAtar's sticky-action probability: with this probability a step repeats the
  /// previous action (default 0.1, MinAtar's `sticky_action_prob`).
  public var stickyActionProbability: Double
  /// MinAtar: act in all six MinAtar actions instead of the game's minimal action set
  /// (default false: the minimal set, as MinAtar's examples use).
  public var fullActionSet: Bool

  public init(stickyActionProbability: Double = 0.1, fullActionSet: Bool = false) {
    self.stickyActionProbability = stickyActionProbability
    self.fullActionSet = fullActionSet
  }

  /// The resolved options as `key = value` pairs for a data file's header.
  public var description: [(key: String, value: String)] {
    [("sticky_action_probability", "\(stickyActionProbability)"), ("full_action_set", "\(fullActionSet)")]
  }
}
