/// Builds the agent a benchmark times, specialised on the environment's concrete type
/// (through ``EnvironmentVisitor``, like ``ControlRun``): A2C with the environment's
/// default config (``A2CConfig/defaults(for:)``), or the meta-gradient agent on the
/// same config when `meta` is given.
public struct BenchmarkAgent: EnvironmentVisitor {
  /// The meta-learning settings, or nil for A2C with fixed η.
  public var meta: MetaConfig?
  /// Overrides of the default config (nil: keep).
  public var config: A2CConfig?
  public var seed: UInt64

  public init(meta: MetaConfig? = nil, config: A2CConfig? = nil, seed: UInt64 = 0) {
    self.meta = meta; self.config = config; self.seed = seed
  }

  /// The agent for `id`, its architecture and its T × N.
  public func make(_ id: EnvironmentID) throws -> (agent: any ControlAgent, architecture: ActorCriticArchitecture, config: A2CConfig) {
    try id.accept(self)
  }

  public func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws
    -> (agent: any ControlAgent, architecture: ActorCriticArchitecture, config: A2CConfig)
  {
    let config = self.config ?? A2CConfig.defaults(for: id)
    let rng = RandomStream(seed: seed).split("bench/\(id.rawValue)")
    if let meta {
      let agent = MetaGradientAgent(config: config, meta: meta, rng: rng, make: make)
      return (agent, agent.trainer.architecture, config)
    }
    let trainer = A2CTrainer(config: config, rng: rng, make: make)
    return (trainer, trainer.architecture, config)
  }
}
