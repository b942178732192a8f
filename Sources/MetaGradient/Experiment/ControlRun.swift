/// One seed of a control run on one environment: build the agent for the
/// environment's concrete type — A2C with fixed η, or the meta-gradient agent when
/// `meta` is given — train for the budget, and return the learning curve.
///
///     let curve = try ControlRun(config: c, budget: 1_000_000, rng: stream).run(on: .cartpole)
///
/// With a ``RunCheckpoint/Unit`` the run resumes from the unit's saved state, and
/// offers its state at every rollout boundary (saved when a checkpoint is due).
/// `onProgress(stepsDone, latestRow)` is called after every rollout, with the curve's
/// latest logged row (nil before the first).
public struct ControlRun: EnvironmentVisitor {
  public var config: A2CConfig
  /// The meta-learning settings, or nil for fixed η = (config.gamma, config.lambda).
  public var meta: MetaConfig?
  /// Environment steps to train for (rounded up to whole rollouts; see ``TrainingSchedule``).
  public var budget: Int
  /// The run's stream (one per seed).
  public var rng: RandomStream
  /// Where the run saves and finds its state, or nil.
  public var checkpoint: RunCheckpoint.Unit?
  public var onProgress: (Int, LiveSample?) -> Void

  public init(
    config: A2CConfig, meta: MetaConfig? = nil, budget: Int, rng: RandomStream, checkpoint: RunCheckpoint.Unit? = nil,
    onProgress: @escaping (Int, LiveSample?) -> Void = { _, _ in }
  ) {
    self.config = config
    self.meta = meta
    self.budget = budget
    self.rng = rng
    self.checkpoint = checkpoint
    self.onProgress = onProgress
  }

  /// Where a training loop is between two rollouts: the rollouts done, the curve so
  /// far and the episodes not yet logged.
  public struct Position: Codable {
    public var rollouts = 0
    public var curve = LearningCurve()
    public var pending = EpisodeTally()
    public init() {}
  }

  /// A checkpointed run: the loop's position and the agent's state (public for the
  /// checkpoint fuzz target, which feeds hostile ones to ``CheckpointableAgent/restore(from:)``).
  public struct SavedRun<AgentState: Codable>: Codable {
    public var position: Position
    public var agent: AgentState
    public init(position: Position, agent: AgentState) { self.position = position; self.agent = agent }
  }

  /// Trains on `id` built with `options`.
  public func run(on id: EnvironmentID, options: EnvironmentOptions = .init()) throws -> LearningCurve {
    try config.validate()
    try meta?.validate()
    return try id.accept(self, options: options)
  }

  public func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> LearningCurve {
    if let meta {
      return try train(MetaGradientAgent(config: config, meta: meta, rng: rng, make: make))
    }
    return try train(A2CTrainer(config: config, rng: rng, make: make))
  }

  /// Iterates `agent` for the budget, logging on the ``TrainingSchedule``: from the
  /// state ``checkpoint`` saved for this run if there is one, offering the loop's
  /// position and the agent's state to it after every rollout.
  func train<A: CheckpointableAgent>(_ agent: A) throws -> LearningCurve {
    var position = Position()
    _ = try checkpoint?.resume(SavedRun<A.State>.self) { saved in
      try agent.restore(from: saved.agent)
      position = saved.position
    }
    let schedule = TrainingSchedule(budget: budget, stepsPerRollout: agent.stepsPerRollout)
    while position.rollouts < schedule.rollouts {
      do { try agent.iterate() } catch let error as TrainingError {
        position.curve.diverged = error  // keep the data up to here; the caller writes it and stops
        return position.curve
      }
      position.rollouts += 1
      position.pending.add(agent.takeEpisodes())
      if schedule.logsAfter(position.rollouts) {
        position.curve.log(envSteps: agent.totalSteps, episodes: position.pending,
                           gamma: agent.currentGamma, lambda: agent.currentLambda)
        position.pending = EpisodeTally()
      }
      onProgress(agent.totalSteps, position.curve.latestSample)
      try checkpoint?.boundary { SavedRun(position: position, agent: agent.checkpointState()) }
    }
    return position.curve
  }
}
