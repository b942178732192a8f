import Foundation
import Testing
@testable import MetaGradient

/// The outer critic v̄ (Bonnet et al. 2022): its step against finite differences of its
/// loss, its values and returns on a rollout with truncations, and the meta-gradient
/// through an advantage ḡ − v̄ against finite differences of J̄ — all in Double where
/// gradients are checked.
@Suite struct OuterCriticTests {
  /// d = −∂L̄/∂φ with L̄(φ) = (b/2M) Σ (ḡ − v̄_φ)², ḡ held constant: central differences.
  @Test func directionIsMinusTheGradientOfTheLoss() {
    var rng = RandomStream(seed: 21)
    let (M, rows, F, b) = (6, 9, 5, 0.5)
    let x = (0..<rows * F).map { _ in rng.normal() }, g = (0..<M).map { _ in rng.normal() }
    let phi = (0...F).map { _ in rng.normal() }
    func loss(_ p: [Double]) -> Double {
      var v = [Double](repeating: 0, count: rows)
      OuterCritic.evaluate(features: x, rows: rows, featureCount: F, parameters: p, into: &v)
      return b / Double(2 * M) * (0..<M).reduce(0) { $0 + (g[$1] - v[$1]) * (g[$1] - v[$1]) }
    }
    var v = [Double](repeating: 0, count: rows), d = [Double](repeating: .nan, count: F + 1)
    OuterCritic.evaluate(features: x, rows: rows, featureCount: F, parameters: phi, into: &v)
    OuterCritic.direction(features: x, values: v, returns: g, samples: M, featureCount: F, valueCoefficient: b, into: &d)
    let h = 1e-6
    let numeric = (0...F).map { k -> Double in
      var plus = phi, minus = phi
      plus[k] += h; minus[k] -= h
      return -(loss(plus) - loss(minus)) / (2 * h)
    }
    #expect(maxError(d, numeric) < 1e-8)
    // The bias's row is a constant 1: its component is the mean scaled residual.
    #expect(abs(d[F] - b / Double(M) * (0..<M).reduce(0) { $0 + g[$1] - v[$1] }) < 1e-12)
  }

  /// On a rollout with terminations and truncations: v̄ = w̄ · x + b̄ on the cached rows and
  /// at the kept truncation features, ḡ the λ̄-return with γ̄ bootstrapped from them, and
  /// the first step from φ = 0 Adam's, ≈ α · sign(d₀).
  @Test func valuesReturnsAndStepOnARollout() {
    let config = A2CConfig(optimizer: .adam, learningRate: 1e-2, envs: 3, steps: 4, network: .mlp(hidden: [6]))
    let arch = ActorCriticArchitecture(observationSize: 4, actionCount: 2, torso: .mlp(hidden: [6]))
    let (T, N, F) = (config.steps, config.envs, arch.headInputCount)
    var rng = RandomStream(seed: 8)
    let theta: [Float] = arch.initialParameters(as: Float.self, using: &rng)
    let network = ActorCritic<Float>(arch, maxBatch: (T + 1) * N)
    let rollout = Rollout(steps: T, envs: N, observationSize: arch.observationSize, featureSize: F)
    for i in 0..<rollout.observations.count { rollout.observations[i] = Float(rng.normal()) }
    for i in 0..<T * N {
      rollout.rewards[i] = Float(rng.normal())
      let u = rng.uniform()
      rollout.ends[i] = u < 0.2 ? .terminated : u < 0.4 ? .truncated : .continuing
      for k in 0..<F { rollout.truncationFeatures[i * F + k] = Float(rng.normal()) }
    }
    #expect(rollout.ends.contains(.truncated) && rollout.ends.contains(.terminated))
    _ = theta.withUnsafeBufferPointer { network.forward(parameters: $0.baseAddress!, observations: rollout.observations.baseAddress!, extra: nil, batch: (T + 1) * N) }
    let x = Array(network.headInputs)
    let (gammaBar, lambdaBar): (Float, Float) = (0.995, 0.9)

    let critic = OuterCritic(featureCount: F, config: config)
    critic.evaluateAndTrain(network: network, rollout: rollout, gammaBar: gammaBar, lambdaBar: lambdaBar)
    #expect(critic.values.allSatisfy { $0 == 0 }, "φ starts at zero")
    // d₀ from v̄ = 0, and Adam's first step ≈ α · sign(d₀).
    let g0 = LambdaReturn.compute(rewards: Array(rollout.rewards), ends: Array(rollout.ends), values: critic.values,
                                  truncationValues: critic.truncationValues, gamma: gammaBar, lambda: lambdaBar, steps: T, batch: N)
    #expect(critic.returns == g0.returns)
    var d0 = [Float](repeating: 0, count: F + 1)
    OuterCritic.direction(features: x, values: critic.values, returns: g0.returns, samples: T * N, featureCount: F,
                          valueCoefficient: Float(config.valueCoefficient), into: &d0)
    let alpha = Float(config.learningRate)
    for k in 0...F where abs(d0[k]) > 1e-3 {
      #expect(abs(critic.parameters[k] - alpha * (d0[k] > 0 ? 1 : -1)) < 1e-4 * alpha, "component \(k)")
    }

    // Next evaluation: at the stepped φ, on the rows and at the truncation features.
    let phi = critic.parameters
    critic.evaluateAndTrain(network: network, rollout: rollout, gammaBar: gammaBar, lambdaBar: lambdaBar)
    for i in 0..<(T + 1) * N {
      let expected = (0..<F).reduce(phi[F]) { $0 + x[i * F + $1] * phi[$1] }
      #expect(abs(critic.values[i] - expected) < 1e-5)
    }
    for i in 0..<T * N {
      let expected = rollout.ends[i] == .truncated ? (0..<F).reduce(phi[F]) { $0 + rollout.truncationFeatures[i * F + $1] * phi[$1] } : 0
      #expect(abs(critic.truncationValues[i] - expected) < 1e-5)
    }
    let g1 = LambdaReturn.compute(rewards: Array(rollout.rewards), ends: Array(rollout.ends), values: critic.values,
                                  truncationValues: critic.truncationValues, gamma: gammaBar, lambda: lambdaBar, steps: T, batch: N)
    #expect(critic.returns == g1.returns)
  }

  /// The first-order meta-gradient with J̄'s advantage ḡ − v̄ (v̄ a fixed linear head on
  /// θ′'s features, held constant as J̄ holds its advantage) against central differences
  /// of J̄(τ′, θ + α f(τ, θ, η), η̄) in η, on the golden batches with SGD (where the first
  /// order is exact for one step from θ).
  @Test func metaGradientThroughTheOuterAdvantageMatchesFiniteDifferences() throws {
    let golden = try GoldenFile.load("metagrad_golden.json")
    let hyper = try golden.dict("hyper")
    let tau = try FirstOrderMetaGradientTests.Batch(golden.dict("batches").dict("tau"))
    let tauPrime = try FirstOrderMetaGradientTests.Batch(golden.dict("batches").dict("tau_prime"))
    let arch = A2CUpdateTests.goldenArchitecture, A = arch.actionCount, T = tau.T, F = arch.headInputCount
    let (alpha, b, c) = try (hyper.double("alpha"), hyper.double("b"), hyper.double("c"))
    let (gamma, lambda) = try (hyper.double("gamma"), hyper.double("lam"))
    let (gammaBar, lambdaBar) = try (hyper.double("gamma_bar"), hyper.double("lambda_bar"))
    let theta0 = try golden.doubles("theta0")
    var rng = RandomStream(seed: 5)
    let phi = (0...F).map { _ in 0.3 * rng.normal() }

    let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: T + 1), steps: T, envs: 1)
    func thetaPrime(_ g: Double, _ l: Double) -> [Double] {
      let f = update.compute(parameters: theta0, observations: tau.states, actions: tau.actions, rewards: tau.rewards,
                             ends: tau.ends, gamma: g, lambda: l, valueCoefficient: b, entropyCoefficient: c)
      return zip(theta0, f).map { $0 + alpha * $1 }
    }
    // The advantage at the base η, from v̄ on θ′'s features: held fixed below.
    let netPrime = ActorCritic<Double>(arch, maxBatch: T + 1)
    let base = thetaPrime(gamma, lambda)
    _ = netPrime.forward(parameters: base, observations: tauPrime.states, batch: T + 1)
    var vBar = [Double](repeating: 0, count: T + 1)
    OuterCritic.evaluate(features: Array(netPrime.headInputs), rows: T + 1, featureCount: F, parameters: phi, into: &vBar)
    var gBar = [Double](repeating: 0, count: T), dLogits = [Double](repeating: 0, count: T * A), dValues = [Double](repeating: 0, count: T)
    _ = MetaObjective.cotangents(
      logits: netPrime.logits.baseAddress!, values: vBar, actions: tauPrime.actions, rewards: tauPrime.rewards,
      ends: tauPrime.ends, truncationValues: nil, gammaBar: gammaBar, lambdaBar: lambdaBar, steps: T, envs: 1,
      actionCount: A, returns: &gBar, dLogits: &dLogits, dValues: &dValues)
    let advantage = (0..<T).map { gBar[$0] - vBar[$0] }
    let withInnerCritic = zip(gBar, netPrime.values.prefix(T)).map { $0 - $1 }
    #expect(maxError(advantage, withInnerCritic) > 1e-3, "the outer critic changes the advantage")
    func objective(_ theta: [Double]) -> Double {
      let logits = netPrime.forward(parameters: theta, observations: tauPrime.states, batch: T + 1).logits
      let pi = FirstOrderMetaGradientTests.softmax(Array(logits.prefix(T * A)), A: A)
      return (0..<T).reduce(0) { $0 + advantage[$1] * Foundation.log(pi[$1 * A + Int(tauPrime.actions[$1])]) } / Double(T)
    }

    // Analytic: u from the cotangents at θ′ (advantage ḡ − v̄), then one JVP over τ at θ.
    _ = netPrime.forward(parameters: base, observations: tauPrime.states, batch: T + 1)
    let u = netPrime.backward(parameters: base, dLogits: dLogits, dValues: dValues, batch: T).gradient
    let net = ActorCritic<Double>(arch, maxBatch: T + 1)
    let out = net.forward(parameters: theta0, observations: tau.states, batch: T + 1)
    let g = LambdaReturn.compute(rewards: tau.rewards, ends: tau.ends, values: out.values, gamma: gamma, lambda: lambda, steps: T)
    let pi = FirstOrderMetaGradientTests.softmax(Array(out.logits.prefix(T * A)), A: A)
    var lDot = [Double](repeating: 0, count: T * A), vDot = [Double](repeating: 0, count: T)
    net.jvp(parameters: theta0, tangent: u, batch: T, logitsTangent: &lDot, valuesTangent: &vDot)
    let meta = FirstOrderMetaGradient.combine(
      logitsTangent: lDot, valuesTangent: vDot, policy: pi, actions: tau.actions, dGamma: g.dGamma, dLambda: g.dLambda,
      samples: T, actionCount: A, alpha: alpha, valueCoefficient: b)

    let h = 1e-6
    let numeric = [
      (objective(thetaPrime(gamma + h, lambda)) - objective(thetaPrime(gamma - h, lambda))) / (2 * h),
      (objective(thetaPrime(gamma, lambda + h)) - objective(thetaPrime(gamma, lambda - h))) / (2 * h),
    ]
    #expect(maxError([meta.gamma, meta.lambda], numeric) < 1e-7 * max(1, numeric.map(abs).max()!))
  }

  /// With an outer critic the agent's configs and files say so; without, they are as before.
  @Test func configSaysOuterCriticOnlyWhenOn() throws {
    var meta = MetaConfig(learnGamma: true, learnLambda: true)
    #expect(!meta.description.contains { $0.key == "outer_critic" })
    let encoded = try String(decoding: JSONEncoder().encode(meta), as: UTF8.self)
    #expect(!encoded.contains("outerCritic"))
    meta.outerCritic = true
    #expect(meta.description.contains { $0.key == "outer_critic" && $0.value == "on" })
    let decoded = try JSONDecoder().decode(MetaConfig.self, from: JSONEncoder().encode(meta))
    #expect(decoded.outerCritic && decoded == meta)
  }
}
