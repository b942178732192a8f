/// One seed of a fixed-η A2C run on one environment: build the trainer for the
/// environment's concrete type, train for the budget, and return the learning curve.
///
///     let curve = try ControlRun(config: c, budget: 1_000_000, rng: stream).run(on: .cartpole)
///
/// `onProgress(stepsDone, latestReturn)` is called after every rollout.
public struct ControlRun: EnvironmentVisitor {
  public var config: A2CConfig
  /// Environment steps to train for (rounded up to whole rollouts; see ``TrainingSchedule``).
  public var budget: Int
  /// The run's stream (one per seed).
  public var rng: RandomStream
  public var onProgress: (Int, Double) -> Void

  public init(config: A2CConfig, budget: Int, rng: RandomStream, onProgress: @escaping (Int, Double) -> Void = { _, _ in }) {
    self.config = config
    self.budget = budget
    self.rng = rng
    self.onProgress = onProgress
  }

  /// Trains on `id` built with `options`.
  public func run(on id: EnvironmentID, options: EnvironmentOptions = .init()) throws -> LearningCurve {
    try config.validate()
    return try id.accept(self, options: options)
  }

  public func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> LearningCurve {
    let trainer = A2CTrainer(config: config, rng: rng, make: make)
    let schedule = TrainingSchedule(budget: budget, stepsPerRollout: trainer.stepsPerRollout)
    var curve = LearningCurve()
    var pending = EpisodeTally()
    for k in 1...schedule.rollouts {
      try trainer.iterate()
      pending.add(trainer.takeEpisodes())
      if schedule.logsAfter(k) {
        curve.log(envSteps: trainer.totalSteps, episodes: pending)
        pending = EpisodeTally()
      }
      onProgress(trainer.totalSteps, curve.latestReturn)
    }
    return curve
  }
}
