/// One seed of a meta-gradient run with a chosen approximation of dθ′/dη kept as an
/// explicit trace (``MetaGradientAgent`` with ``MetaTraceStrategy/explicit(_:)``) on one
/// environment: train for the budget and return
/// the learning curve — and, when ``measurement`` is set, the accuracy of every
/// compared approximation on this run's own updates (``TraceAccuracyProbe``, which
/// does not change training).
///
///     let result = try TracedControlRun(config: c, meta: m, approximation: .exact(horizon: 3),
///                                       budget: 200_000, rng: stream).run(on: .catch)
public struct TracedControlRun: EnvironmentVisitor {
  /// What to measure along the run.
  public struct Measurement: Sendable {
    /// The approximations compared (truncated exact horizons only).
    public var approximations: [TraceApproximation]
    /// K_ref, the horizon of the reference exact trace.
    public var referenceHorizon: Int
    /// How many measurements, spread evenly over the run.
    public var count: Int

    public init(approximations: [TraceApproximation], referenceHorizon: Int, count: Int) {
      self.approximations = approximations
      self.referenceHorizon = referenceHorizon
      self.count = count
    }

    /// K_max, the longest window a measurement needs.
    public var window: Int {
      approximations.reduce(referenceHorizon) { max($0, $1.horizon ?? 0) }
    }
  }

  /// The learning curve and the measurements (empty without ``measurement``).
  public struct Result: Codable, Sendable {
    public var curve: LearningCurve
    public var measurements: [TraceAccuracyProbe.Measurement]
  }

  public var config: A2CConfig
  public var meta: MetaConfig
  /// The approximation the agent's explicit trace trains with.
  public var approximation: TraceApproximation
  /// Environment steps to train for (rounded up to whole rollouts; see ``TrainingSchedule``).
  public var budget: Int
  /// The run's stream (one per seed).
  public var rng: RandomStream
  /// Shadow-trace measurements to take, or nil.
  public var measurement: Measurement?
  /// Where the run saves and finds its state (the agent's, its trace's and the probe's),
  /// or nil.
  public var checkpoint: RunCheckpoint.Unit?
  public var onProgress: (Int, LiveSample?) -> Void

  public init(
    config: A2CConfig, meta: MetaConfig, approximation: TraceApproximation, budget: Int, rng: RandomStream,
    measurement: Measurement? = nil, checkpoint: RunCheckpoint.Unit? = nil,
    onProgress: @escaping (Int, LiveSample?) -> Void = { _, _ in }
  ) {
    self.checkpoint = checkpoint
    self.config = config
    self.meta = meta
    self.approximation = approximation
    self.budget = budget
    self.rng = rng
    self.measurement = measurement
    self.onProgress = onProgress
  }

  /// Trains on `id` built with `options`.
  public func run(on id: EnvironmentID, options: EnvironmentOptions = .init()) throws -> Result {
    try config.validate()
    try meta.validate()
    return try id.accept(self, options: options)
  }

  public func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> Result {
    let agent = MetaGradientAgent(config: config, meta: meta, strategy: .explicit(approximation), rng: rng, make: make)
    var probe: TraceAccuracyProbe?
    if let measurement {
      let rollouts = TrainingSchedule(budget: budget, stepsPerRollout: agent.stepsPerRollout).rollouts
      probe = TraceAccuracyProbe(
        agent.trainer.architecture, steps: config.steps, envs: config.envs, approximations: measurement.approximations,
        referenceHorizon: measurement.referenceHorizon,
        measurementUpdates: TraceAccuracyProbe.schedule(rollouts: rollouts, count: measurement.count, horizon: measurement.window))
      agent.observer = probe
    }
    let curve = try ControlRun(config: config, budget: budget, rng: rng, checkpoint: checkpoint, onProgress: onProgress)
      .train(agent)
    return Result(curve: curve, measurements: probe?.measurements ?? [])
  }
}
