/// One seed of a control run on one environment: build the agent for the
/// environment's concrete type — A2C with fixed η, or the meta-gradient agent when
/// `meta` is given — train for the budget, and return the learning curve.
///
///     let curve = try ControlRun(config: c, budget: 1_000_000, rng: stream).run(on: .cartpole)
///
/// `onProgress(stepsDone, latestReturn)` is called after every rollout.
public struct ControlRun: EnvironmentVisitor {
  public var config: A2CConfig
  /// The meta-learning settings, or nil for fixed η = (config.gamma, config.lambda).
  public var meta: MetaConfig?
  /// Environment steps to train for (rounded up to whole rollouts; see ``TrainingSchedule``).
  public var budget: Int
  /// The run's stream (one per seed).
  public var rng: RandomStream
  public var onProgress: (Int, Double) -> Void

  public init(
    config: A2CConfig, meta: MetaConfig? = nil, budget: Int, rng: RandomStream,
    onProgress: @escaping (Int, Double) -> Void = { _, _ in }
  ) {
    self.config = config
    self.meta = meta
    self.budget = budget
    self.rng = rng
    self.onProgress = onProgress
  }

  /// Trains on `id` built with `options`.
  public func run(on id: EnvironmentID, options: EnvironmentOptions = .init()) throws -> LearningCurve {
    try config.validate()
    try meta?.validate()
    return try id.accept(self, options: options)
  }

  public func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> LearningCurve {
    let agent: any ControlAgent = meta.map { MetaGradientAgent(config: config, meta: $0, rng: rng, make: make) }
      ?? A2CTrainer(config: config, rng: rng, make: make)
    return try train(agent)
  }

  /// Iterates `agent` for the budget, logging on the ``TrainingSchedule``.
  func train(_ agent: some ControlAgent) throws -> LearningCurve {
    let schedule = TrainingSchedule(budget: budget, stepsPerRollout: agent.stepsPerRollout)
    var curve = LearningCurve()
    var pending = EpisodeTally()
    for k in 1...schedule.rollouts {
      do { try agent.iterate() } catch let error as TrainingError {
        curve.diverged = error  // keep the data up to here; the caller writes it and stops
        return curve
      }
      pending.add(agent.takeEpisodes())
      if schedule.logsAfter(k) {
        curve.log(envSteps: agent.totalSteps, episodes: pending, gamma: agent.currentGamma, lambda: agent.currentLambda)
        pending = EpisodeTally()
      }
      onProgress(agent.totalSteps, curve.latestReturn)
    }
    return curve
  }
}
