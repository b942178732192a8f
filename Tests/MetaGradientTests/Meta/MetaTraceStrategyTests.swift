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
    #expect(reference.strategy == .firstOrder && reference.explicitTrace == nil)
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

  /// Shadows of an agent's explicit trace on its updates: one making its own passes, one
  /// reading the trainer's update as the agent's trace does (as ``TraceAccuracyProbe`` does).
  final class Shadows: MetaTraceObserver {
    let own: ExactMetaTrace<Float>, reading: ExactMetaTrace<Float>
    var surrogatesAgree = true

    init(_ architecture: ActorCriticArchitecture, _ config: A2CConfig, _ approximation: TraceApproximation) {
      own = ExactMetaTrace(architecture, steps: config.steps, envs: config.envs, approximation: approximation)
      reading = ExactMetaTrace(architecture, steps: config.steps, envs: config.envs, approximation: approximation)
    }

    func didUpdate(
      _ n: Int, parameters: UnsafePointer<Float>, rollout: Rollout, evaluated: A2CUpdate<Float>, gamma: Float, lambda: Float,
      valueCoefficient b: Float, entropyCoefficient c: Float, preconditioner: UnsafePointer<Float>, innerUpdateSeconds: Double
    ) {
      var f = [Float](repeating: 0, count: own.parameterCount)
      for trace in [own, reading] {
        let surrogate = f.withUnsafeMutableBufferPointer { f in
          trace.advance(
            parameters: parameters, observations: rollout.observations.baseAddress!, extra: nil,
            actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!, ends: rollout.ends.baseAddress!,
            truncationValues: rollout.truncationValues.baseAddress!, gamma: gamma, lambda: lambda,
            valueCoefficient: b, entropyCoefficient: c, learningRate: 1, preconditioner: preconditioner,
            f: trace === own ? f.baseAddress! : nil, evaluated: trace === own ? nil : evaluated)
        }
        surrogatesAgree = surrogatesAgree && abs(surrogate - evaluated.surrogate) <= 1e-5 * max(1, abs(evaluated.surrogate))
      }
    }

    func willMetaUpdate(after n: Int, envSteps: Int, metaObjectiveGradient u: UnsafePointer<Float>) {}
  }

  /// An agent's explicit trace reads the trainer's update instead of computing its own:
  /// its z equals, bit for bit, a shadow's that reads the same update, and, to Float
  /// rounding (the trainer's forward pass is filled row block by row block while acting),
  /// a shadow's that makes its own passes on the same θ, τ, η and s·D. So the update the
  /// trainer hands over is f(τ, θ, η) at the θ the trace is given.
  @Test(arguments: [TraceApproximation.firstOrder, .accumulating(mu: 0.9), .exact(horizon: 3), .hybrid(every: 2, mu: 0.9),
                    .finiteDifference(horizon: 3), .curvature(every: 2), .diagonal(every: 2)])
  func traceReadsTheTrainersUpdate(approximation: TraceApproximation) throws {
    let config = Self.config(.rmsProp)
    let agent = MetaGradientAgent(config: config, meta: Self.meta, strategy: .explicit(approximation),
                                  rng: RandomStream(seed: 7)) { CartPole(rng: $0) }
    let shadows = Shadows(agent.trainer.architecture, config, approximation)
    agent.observer = shadows
    for _ in 0..<4 {
      try agent.iterate()
      let z = try #require(agent.explicitTrace).trace.trace
      let scale = z.map(abs).max()!
      #expect(scale > 0)
      #expect(z == shadows.reading.trace, "\(approximation.name)")
      #expect(zip(z, shadows.own.trace).allSatisfy { abs($0 - $1) <= 1e-4 * scale }, "\(approximation.name)")
    }
    #expect(agent.trainer.lastGradientNorm > 0 && shadows.surrogatesAgree)
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
