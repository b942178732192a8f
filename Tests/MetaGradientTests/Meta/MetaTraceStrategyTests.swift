import Foundation
import Testing
@testable import MetaGradient

/// The trace strategies of ``MetaGradientAgent``: the first-order fast path against the
/// explicit traces.
@Suite struct MetaTraceStrategyTests {
  /// A clip small enough to be active, so s < 1 is exercised.
  static func config(_ optimizer: OptimizerKind) -> A2CConfig {
    A2CConfig(optimizer: optimizer, learningRate: 3e-3, maxGradientNorm: 0.5, envs: 4, steps: 5, network: .mlp(hidden: [16, 16]))
  }
  static let meta = MetaConfig(learnGamma: true, learnLambda: true, initialGamma: 0.97, initialLambda: 0.8)

  /// The explicit first-order trace is the fast path: same seed, same θ after the first
  /// update, the same first meta-gradient (to Float rounding; one is a JVP over τ's
  /// cached activations along s D u, the other u · s D ∂f/∂η from backward passes) and
  /// the same η after the meta-update.
  @Test(arguments: [OptimizerKind.rmsProp, .adam])
  func explicitFirstOrderEqualsTheFastPath(optimizer: OptimizerKind) throws {
    let config = Self.config(optimizer)
    let reference = MetaGradientAgent(config: config, meta: Self.meta, rng: RandomStream(seed: 4)) { CartPole(rng: $0) }
    let traced = MetaGradientAgent(config: config, meta: Self.meta, strategy: .explicit(.firstOrder),
                                   rng: RandomStream(seed: 4)) { CartPole(rng: $0) }
    #expect(reference.strategy == .firstOrder && reference.explicitTrace == nil && reference.lastTraceDirection == nil)
    try reference.iterate()
    try traced.iterate()
    #expect(traced.trainer.parameters == reference.trainer.parameters)
    #expect(traced.trainer.lastGradientNorm > 0.5)  // the clip is active
    try reference.iterate()
    try traced.iterate()
    let (a, b) = (traced.lastMetaGradient, reference.lastMetaGradient)
    for (x, y) in [(a.gamma, b.gamma), (a.lambda, b.lambda)] {
      #expect(abs(x - y) <= 1e-4 * max(abs(y), 1e-6), "explicit \(x) vs fast path \(y)")
    }
    #expect(abs(traced.lastMetaObjective - reference.lastMetaObjective) <= 1e-6)
    #expect(abs(traced.currentGamma - reference.currentGamma) < 1e-9 && abs(traced.currentLambda - reference.currentLambda) < 1e-9)
    #expect(traced.currentGamma != 0.97)
  }

  /// The trace's own f is the step the trainer takes: s · f_trace = the trainer's clipped f.
  @Test(arguments: [TraceApproximation.firstOrder, .accumulating(mu: 0.9), .exact(horizon: 3), .hybrid(every: 2, mu: 0.9),
                    .finiteDifference(horizon: 3), .curvature(every: 2), .diagonal(every: 2)])
  func traceDirectionIsTheTrainersStep(approximation: TraceApproximation) throws {
    let agent = MetaGradientAgent(config: Self.config(.rmsProp), meta: Self.meta, strategy: .explicit(approximation),
                                  rng: RandomStream(seed: 7)) { CartPole(rng: $0) }
    for _ in 0..<3 {
      try agent.iterate()
      let s = min(1, 0.5 / agent.trainer.lastGradientNorm)
      let f = try #require(agent.lastTraceDirection), step = agent.trainer.direction
      let scale = step.map(abs).max()!
      #expect(zip(f, step).allSatisfy { abs($0 * s - $1) <= 1e-5 * scale }, "\(approximation.name)")
    }
  }

  /// Exact with horizon 1 is first order (z = s D ∂f/∂η, here by the dual pass with θ̇ = 0).
  @Test func exactOneIsFirstOrder() throws {
    let first = MetaGradientAgent(config: Self.config(.adam), meta: Self.meta, strategy: .explicit(.firstOrder),
                                  rng: RandomStream(seed: 2)) { Catch(rng: $0) }
    let exact = MetaGradientAgent(config: Self.config(.adam), meta: Self.meta, strategy: .explicit(.exact(horizon: 1)),
                                  rng: RandomStream(seed: 2)) { Catch(rng: $0) }
    for _ in 0..<2 { try first.iterate(); try exact.iterate() }
    for (x, y) in [(exact.lastMetaGradient.gamma, first.lastMetaGradient.gamma), (exact.lastMetaGradient.lambda, first.lastMetaGradient.lambda)] {
      #expect(abs(x - y) <= 1e-4 * max(abs(y), 1e-6), "exact-1 \(x) vs first order \(y)")
    }
  }

  /// A checkpoint of one strategy does not restore into an agent of another: the trace's
  /// state names its strategy and approximation.
  @Test func refusesAnotherStrategysState() throws {
    func agent(_ strategy: MetaTraceStrategy) throws -> MetaGradientAgent<CartPole> {
      let agent = MetaGradientAgent(config: Self.config(.rmsProp), meta: Self.meta, strategy: strategy,
                                    rng: RandomStream(seed: 1)) { CartPole(rng: $0) }
      for _ in 0..<2 { try agent.iterate() }
      return agent
    }
    let strategies: [MetaTraceStrategy] = [.firstOrder, .explicit(.firstOrder), .explicit(.accumulating(mu: 0.9)), .explicit(.exact(horizon: 2))]
    let states = try strategies.map { try agent($0).checkpointState() }
    for (i, strategy) in strategies.enumerated() {
      for (j, state) in states.enumerated() {
        let fresh = try agent(strategy)
        if i == j {
          try fresh.restore(from: state)
        } else {
          #expect(throws: CheckpointMismatch.self, "\(strategy) restored \(strategies[j])'s state") { try fresh.restore(from: state) }
        }
      }
    }
  }
}
