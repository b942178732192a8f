import Testing
@testable import MetaGradient

@Suite struct MetaGradientAgentTests {
  static let config = A2CConfig(optimizer: .rmsProp, learningRate: 3e-3, maxGradientNorm: 0.5, envs: 4, steps: 5,
                                network: .mlp(hidden: [16, 16]))

  /// The agent's JVP path equals the explicit one: Σ_i u_i s D_i ∂f_i/∂η with ∂f/∂η
  /// from two backward passes (``A2CEtaDerivative``), u from a fresh network on τ′ at θ′,
  /// and D, s from the update that produced θ′ — on real CartPole rollouts, with a clip
  /// small enough to be active.
  @Test func metaGradientEqualsExplicitProduct() throws {
    let meta = MetaConfig(learnGamma: true, learnLambda: true, initialGamma: 0.97, initialLambda: 0.8)
    let agent = MetaGradientAgent(config: Self.config, meta: meta, rng: RandomStream(seed: 4)) { CartPole(rng: $0) }
    let trainer = agent.trainer
    let theta0 = trainer.parameters
    try agent.iterate()  // τ at θ0 → θ1
    let r = trainer.rollout
    let tau = (obs: Array(r.observations), actions: Array(r.actions), rewards: Array(r.rewards),
               ends: Array(r.ends), trunc: Array(r.truncationValues))
    let theta1 = trainer.parameters
    var D = [Float](repeating: 0, count: theta0.count)
    D.withUnsafeMutableBufferPointer { trainer.optimizer.stepDerivative(into: $0.baseAddress!) }
    let s = min(1, Float(Self.config.maxGradientNorm) / trainer.lastGradientNorm)
    #expect(s < 1)
    try agent.iterate()  // τ′ at θ1: meta-update, then θ2
    let got = agent.lastMetaGradient

    let (T, N) = (Self.config.steps, Self.config.envs), A = 2, M = T * N
    let eta = A2CEtaDerivative<Float>(trainer.architecture, steps: T, envs: N)
    let d = eta.compute(
      parameters: theta0, observations: tau.obs, actions: tau.actions, rewards: tau.rewards, ends: tau.ends,
      truncationValues: tau.trunc, gamma: 0.97, lambda: 0.8, valueCoefficient: 0.5, entropyCoefficient: 0.01
    ).dfdEta
    let net = ActorCritic<Float>(trainer.architecture, maxBatch: M + N)
    let out = net.forward(parameters: theta1, observations: Array(r.observations), batch: M + N)
    var gBar = [Float](repeating: 0, count: M), dLogits = [Float](repeating: 0, count: M * A), dValues = gBar
    MetaObjective.cotangents(
      logits: out.logits, values: out.values, actions: Array(r.actions), rewards: Array(r.rewards), ends: Array(r.ends),
      truncationValues: Array(r.truncationValues), gammaBar: 0.995, lambdaBar: 1, steps: T, envs: N, actionCount: A,
      returns: &gBar, dLogits: &dLogits, dValues: &dValues)
    let u = net.backward(parameters: theta1, dLogits: dLogits, dValues: dValues, batch: M).gradient
    let P = theta0.count
    var expected = (0.0, 0.0)
    for i in 0..<P {
      let w = Double(u[i] * s * D[i])
      expected.0 += w * Double(d[i]); expected.1 += w * Double(d[P + i])
    }
    for (a, b) in [(got.gamma, expected.0), (got.lambda, expected.1)] {
      #expect(abs(a - b) <= 1e-3 * max(abs(b), 1e-6), "agent \(a) vs explicit \(b)")
    }
    #expect(agent.currentGamma != 0.97 && agent.currentLambda != 0.8)
  }

  /// Fixed components stay exactly where they start.
  @Test func onlyLearnedComponentsMove() throws {
    let agent = MetaGradientAgent(config: Self.config, meta: MetaConfig(learnGamma: true, learnLambda: false),
                                  rng: RandomStream(seed: 5)) { CartPole(rng: $0) }
    for _ in 0..<5 { try agent.iterate() }
    #expect(agent.currentLambda == 0.9)
    #expect(agent.currentGamma != 0.99)
  }
}
