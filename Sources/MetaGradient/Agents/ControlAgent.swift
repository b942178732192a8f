/// What an experiment needs of a control agent: iterate, report finished episodes,
/// and say where it is (steps, η). ``A2CTrainer`` (fixed η) conforms, and so does
/// Meta's ``MetaGradientAgent`` (learned η).
public protocol ControlAgent: AnyObject {
  /// One rollout and update. Throws ``TrainingError/diverged(step:)`` on NaN/Inf.
  func iterate() throws
  /// The episodes finished since the last call.
  func takeEpisodes() -> EpisodeTally
  /// Environment steps taken, summed over the copies.
  var totalSteps: Int { get }
  /// Environment steps per iteration, T·N.
  var stepsPerRollout: Int { get }
  /// The η = (γ, λ) the next update uses.
  var currentGamma: Double { get }
  var currentLambda: Double { get }
}

extension A2CTrainer: ControlAgent {
  public var currentGamma: Double { config.gamma }
  public var currentLambda: Double { config.lambda }
}
