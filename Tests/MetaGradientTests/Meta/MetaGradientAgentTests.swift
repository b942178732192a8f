import Foundation
import Testing
@testable import MetaGradient

@Suite struct MetaGradientAgentTests {
  static let config = A2CConfig(optimizer: .rmsProp, learningRate: 3e-3, maxGradientNorm: 0.5, envs: 4, steps: 5,
                                network: .mlp(hidden: [16, 16]))

  /// The agent's JVP path equals the explicit product Σ_i u_i s D_i ∂f_i/∂η, with ∂f/∂η
  /// from backward passes (network block and, when conditioned, W_η's block through
  /// e_η's cotangent), u from a fresh network on τ′ at θ′, and D, s from the update that
  /// produced θ′ — on real CartPole rollouts, with a clip small enough to be active.
  @Test(arguments: [false, true])
  func metaGradientEqualsExplicitProduct(conditioning: Bool) throws {
    let (g0, l0): (Float, Float) = (0.97, 0.8)
    let meta = MetaConfig(learnGamma: true, learnLambda: true, initialGamma: Double(g0), initialLambda: Double(l0),
                          conditioning: conditioning, embeddingSize: 3)
    let agent = MetaGradientAgent(config: Self.config, meta: meta, rng: RandomStream(seed: 4)) { CartPole(rng: $0) }
    let trainer = agent.trainer
    let arch = trainer.architecture, netP = trainer.networkParameterCount, P = trainer.parameters.count
    let E = trainer.extraFeatures
    #expect(E == (conditioning ? 3 : 0))
    let theta0 = trainer.parameters
    try agent.iterate()  // τ at θ0 → θ1
    let r = trainer.rollout
    let tau = (obs: Array(r.observations), actions: Array(r.actions), rewards: Array(r.rewards), ends: Array(r.ends),
               trunc: Array(r.truncationValues))
    let theta1 = trainer.parameters
    var D = [Float](repeating: 0, count: P)
    D.withUnsafeMutableBufferPointer { trainer.optimizer.stepDerivative(into: $0.baseAddress!) }
    let s = min(1, Float(Self.config.maxGradientNorm) / trainer.lastGradientNorm)
    #expect(s < 1)
    try agent.iterate()  // τ′ at θ1: meta-update, then θ2
    let got = agent.lastMetaGradient

    let (T, N) = (Self.config.steps, Self.config.envs), A = 2, M = T * N
    func embedding(_ theta: [Float], rows: Int) -> [Float]? {
      guard E > 0 else { return nil }
      let e = (0..<E).map { theta[netP + 2 * $0] * g0 + theta[netP + 2 * $0 + 1] * l0 }
      return (0..<rows).flatMap { _ in e }
    }
    func wGradient(_ dExtra: [Float]) -> [Float] {
      (0..<E).flatMap { e -> [Float] in
        let sum = (0..<M).reduce(Float(0)) { $0 + dExtra[$1 * E + e] }
        return [sum * g0, sum * l0]
      }
    }
    // ∂f/∂η at θ0 on τ.
    let net = ActorCritic<Float>(arch, maxBatch: M + N)
    let out = net.forward(parameters: Array(theta0.prefix(netP)), observations: tau.obs, extra: embedding(theta0, rows: M + N), batch: M + N)
    let g = LambdaReturn.compute(rewards: tau.rewards, ends: tau.ends, values: out.values, truncationValues: tau.trunc,
                                 gamma: g0, lambda: l0, steps: T, batch: N)
    let pi = FirstOrderMetaGradientTests.softmax(out.logits.prefix(M * A).map(Double.init), A: A).map(Float.init)
    let dfdEta = [g.dGamma, g.dLambda].map { dg -> [Float] in
      var dLogits = [Float](repeating: 0, count: M * A), dValues = [Float](repeating: 0, count: M)
      for i in 0..<M {
        for a in 0..<A { dLogits[i * A + a] = dg[i] * ((a == Int(tau.actions[i]) ? 1 : 0) - pi[i * A + a]) / Float(M) }
        dValues[i] = 0.5 * dg[i] / Float(M)
      }
      let back = net.backward(parameters: Array(theta0.prefix(netP)), dLogits: dLogits, dValues: dValues, batch: M)
      return back.gradient + wGradient(back.dExtra)
    }
    // u = ∂J̄/∂θ′ on τ′ at θ1 (conditioned on the η of the update that made θ1).
    let outPrime = net.forward(parameters: Array(theta1.prefix(netP)), observations: Array(r.observations),
                               extra: embedding(theta1, rows: M + N), batch: M + N)
    var gBar = [Float](repeating: 0, count: M), dLogits = [Float](repeating: 0, count: M * A), dValues = gBar
    MetaObjective.cotangents(
      logits: outPrime.logits, values: outPrime.values, actions: Array(r.actions), rewards: Array(r.rewards), ends: Array(r.ends),
      truncationValues: Array(r.truncationValues), gammaBar: 0.995, lambdaBar: 1, steps: T, envs: N, actionCount: A,
      returns: &gBar, dLogits: &dLogits, dValues: &dValues)
    let back = net.backward(parameters: Array(theta1.prefix(netP)), dLogits: dLogits, dValues: dValues, batch: M)
    let u = back.gradient + wGradient(back.dExtra)
    var expected = (0.0, 0.0)
    for i in 0..<P {
      let w = Double(u[i] * s * D[i])
      expected.0 += w * Double(dfdEta[0][i]); expected.1 += w * Double(dfdEta[1][i])
    }
    for (a, b) in [(got.gamma, expected.0), (got.lambda, expected.1)] {
      #expect(abs(a - b) <= 1e-3 * max(abs(b), 1e-6), "agent \(a) vs explicit \(b)")
    }
    #expect(agent.currentGamma != Double(g0) && agent.currentLambda != Double(l0))
  }

  /// Fixed components stay exactly where they start.
  @Test func onlyLearnedComponentsMove() throws {
    let agent = MetaGradientAgent(config: Self.config, meta: MetaConfig(learnGamma: true, learnLambda: false),
                                  rng: RandomStream(seed: 5)) { CartPole(rng: $0) }
    for _ in 0..<5 { try agent.iterate() }
    #expect(agent.currentLambda == 0.9)
    #expect(agent.currentGamma != 0.99)
  }

  /// Conditioning appends W_η to θ and trains it; without it θ is the network's alone.
  @Test func conditioningTrainsTheEmbedding() throws {
    let plain = A2CTrainer(config: Self.config, rng: RandomStream(seed: 6)) { CartPole(rng: $0) }
    let conditioned = A2CTrainer(config: Self.config, rng: RandomStream(seed: 6), conditioning: EtaEmbedding(size: 4)) { CartPole(rng: $0) }
    #expect(conditioned.parameters.count == plain.parameters.count + 4 * 2 + 4 + 4 * 2)  // W_π and W_v rows for e_η, then W_η
    let before = Array(conditioned.parameters.suffix(8))
    try conditioned.iterate()
    #expect(Array(conditioned.parameters.suffix(8)) != before)
  }
}
