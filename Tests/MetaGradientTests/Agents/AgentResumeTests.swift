import Foundation
import Testing
@testable import MetaGradient

/// A restored agent continues bit for bit: run an agent k iterations, save its state
/// through the checkpoint's JSON, restore it into a freshly built agent of the same
/// configuration (different seed, so nothing is inherited by accident), and step both:
/// θ, η and the episode statistics must agree exactly at every later iteration.
@Suite struct AgentResumeTests {
  static let config = A2CConfig(optimizer: .rmsProp, learningRate: 3e-3, maxGradientNorm: 0.5, envs: 4, steps: 5,
                                network: .mlp(hidden: [16, 16]))

  /// The state through the checkpoint's encoder and decoder.
  static func roundTrip<S: Codable>(_ state: S) throws -> S {
    try CheckpointFile.decoder().decode(S.self, from: CheckpointFile.encoder().encode(state))
  }

  static func expectSame(_ a: some ControlAgent, _ b: some ControlAgent, parameters: ([Float], [Float]), step: Int) {
    #expect(parameters.0.map(\.bitPattern) == parameters.1.map(\.bitPattern), "θ differs \(step) iterations after the restore")
    #expect(a.currentGamma.bitPattern == b.currentGamma.bitPattern && a.currentLambda.bitPattern == b.currentLambda.bitPattern,
            "η differs \(step) iterations after the restore")
    #expect(a.takeEpisodes() == b.takeEpisodes())
    #expect(a.totalSteps == b.totalSteps)
  }

  @Test(arguments: [OptimizerKind.rmsProp, .adam])
  func a2cTrainerResumesExactly(optimizer: OptimizerKind) throws {
    var config = Self.config
    config.optimizer = optimizer
    let original = A2CTrainer(config: config, rng: RandomStream(seed: 3)) { CartPole(rng: $0) }
    for _ in 0..<7 { try original.iterate() }
    let restored = A2CTrainer(config: config, rng: RandomStream(seed: 99)) { CartPole(rng: $0) }
    try restored.restore(from: Self.roundTrip(original.checkpointState()))
    for k in 1...6 {
      try original.iterate()
      try restored.iterate()
      Self.expectSame(original, restored, parameters: (original.parameters, restored.parameters), step: k)
    }
  }

  /// The meta-gradient agent, whose next meta-update reads the cached activations of
  /// τ at θ: they are rebuilt by replaying the acting passes. With and without
  /// η-conditioning (where the update's forward pass is redone when η moved), with and
  /// without an outer critic (whose φ and optimiser are restored, and must agree too),
  /// with a meta step large enough that η moves every iteration.
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func metaGradientAgentResumesExactly(conditioning: Bool, outerCritic: Bool) throws {
    let meta = MetaConfig(learnGamma: true, learnLambda: true, initialGamma: 0.97, initialLambda: 0.8,
                          metaLearningRate: 0.05, conditioning: conditioning, embeddingSize: 3, outerCritic: outerCritic)
    let original = MetaGradientAgent(config: Self.config, meta: meta, rng: RandomStream(seed: 4)) { CartPole(rng: $0) }
    for _ in 0..<6 { try original.iterate() }
    let restored = MetaGradientAgent(config: Self.config, meta: meta, rng: RandomStream(seed: 77)) { CartPole(rng: $0) }
    try restored.restore(from: Self.roundTrip(original.checkpointState()))
    for k in 1...6 {
      try original.iterate()
      try restored.iterate()
      #expect(original.lastMetaGradient.gamma.bitPattern == restored.lastMetaGradient.gamma.bitPattern
              && original.lastMetaGradient.lambda.bitPattern == restored.lastMetaGradient.lambda.bitPattern,
              "meta-gradient differs \(k) iterations after the restore")
      Self.expectSame(original, restored, parameters: (original.trainer.parameters, restored.trainer.parameters), step: k)
      #expect(original.outerCritic?.parameters.map(\.bitPattern) == restored.outerCritic?.parameters.map(\.bitPattern),
              "the outer critic's φ differs \(k) iterations after the restore")
    }
    #expect((original.outerCritic == nil) == !outerCritic)
  }

  /// The conv torso on MinAtar Breakout (sticky actions: the environments' own streams).
  @Test func metaGradientAgentResumesExactlyOnBreakout() throws {
    let config = A2CConfig(optimizer: .rmsProp, learningRate: 3e-3, envs: 2, steps: 4, network: .minAtarConv)
    let meta = MetaConfig(learnGamma: true, learnLambda: true, metaLearningRate: 0.05)
    let original = MetaGradientAgent(config: config, meta: meta, rng: RandomStream(seed: 5)) { MinAtar<Breakout>(rng: $0) }
    for _ in 0..<5 { try original.iterate() }
    let restored = MetaGradientAgent(config: config, meta: meta, rng: RandomStream(seed: 6)) { MinAtar<Breakout>(rng: $0) }
    try restored.restore(from: Self.roundTrip(original.checkpointState()))
    for k in 1...4 {
      try original.iterate()
      try restored.iterate()
      Self.expectSame(original, restored, parameters: (original.trainer.parameters, restored.trainer.parameters), step: k)
    }
  }

  /// The meta-gradient agent with an explicit trace, as the approximation-order
  /// experiment trains it (its z), with and without the accuracy probe's shadow traces:
  /// θ, η and every later measurement agree (the probe's wall-clock seconds excepted).
  @Test(arguments: [(TraceApproximation.exact(horizon: 3), true), (.accumulating(mu: 0.9), false), (.firstOrder, true),
                    (.hybrid(every: 2, mu: 0.9), true), (.curvature(every: 2), false), (.diagonal(every: 2), false),
                    (.finiteDifference(horizon: 3), false)])
  func explicitTraceAgentResumesExactly(approximation: TraceApproximation, probed: Bool) throws {
    let meta = MetaConfig(learnGamma: true, learnLambda: true, initialGamma: 0.97, initialLambda: 0.8, metaLearningRate: 0.05)
    func agent(seed: UInt64) -> (MetaGradientAgent<Catch>, TraceAccuracyProbe?) {
      let agent = MetaGradientAgent(config: Self.config, meta: meta, strategy: .explicit(approximation),
                                    rng: RandomStream(seed: seed)) { Catch(rng: $0) }
      guard probed else { return (agent, nil) }
      let probe = TraceAccuracyProbe(agent.trainer.architecture, steps: Self.config.steps, envs: Self.config.envs,
                                     approximations: [.firstOrder, .accumulating(mu: 0.9), .exact(horizon: 3),
                                                      .hybrid(every: 2, mu: 0.9), .finiteDifference(horizon: 2), .curvature(every: 2),
                                                      .diagonal(every: 2)],
                                     referenceHorizon: 4, measurementUpdates: [4, 8, 12])
      agent.observer = probe
      return (agent, probe)
    }
    let (original, originalProbe) = agent(seed: 8)
    for _ in 0..<6 { try original.iterate() }
    let (restored, restoredProbe) = agent(seed: 80)
    try restored.restore(from: Self.roundTrip(original.checkpointState()))
    for k in 1...8 {
      try original.iterate()
      try restored.iterate()
      Self.expectSame(original, restored, parameters: (original.trainer.parameters, restored.trainer.parameters), step: k)
    }
    func deterministic(_ m: [TraceAccuracyProbe.Measurement]) -> [[Double]] {
      m.map { [Double($0.update), Double($0.envSteps)] + $0.reference + $0.metaGradients.flatMap { $0 } + $0.cosine + $0.traceCosine }
    }
    if probed {
      #expect(originalProbe!.measurements.count == 3)
      #expect(deterministic(originalProbe!.measurements).map { $0.map(\.bitPattern) }
              == deterministic(restoredProbe!.measurements).map { $0.map(\.bitPattern) })
    }
  }

  /// A state from another configuration is refused with the mismatch named.
  @Test func refusesAStateThatDoesNotFit() throws {
    let small = A2CTrainer(config: Self.config, rng: RandomStream(seed: 1)) { CartPole(rng: $0) }
    var wide = Self.config
    wide.network = .mlp(hidden: [32, 32])
    let other = A2CTrainer(config: wide, rng: RandomStream(seed: 1)) { CartPole(rng: $0) }
    #expect(throws: CheckpointMismatch.self) { try other.restore(from: small.checkpointState()) }
  }
}
