import Foundation
import Testing
@testable import MetaGradient

/// The paper's one-step meta-gradient against `metagrad_golden.json`, in Double.
@Suite struct FirstOrderMetaGradientTests {
  struct Batch {
    var states: [Double], actions: [Int32], rewards: [Double], ends: [StepEnd], T: Int
    init(_ golden: GoldenFixture) throws {
      let s = try golden.matrix("states")
      states = s.flatMap { $0 }; T = s.count - 1
      actions = try golden.ints("actions").map(Int32.init); rewards = try golden.doubles("rewards")
      ends = try golden.doubles("not_done").map(StepEnd.init(notDone:))
    }
  }

  static func softmax(_ logits: [Double], A: Int) -> [Double] {
    stride(from: 0, to: logits.count, by: A).flatMap { start -> [Double] in
      let row = logits[start..<start + A], m = row.max()!
      let e = row.map { Foundation.exp($0 - m) }, s = e.reduce(0, +)
      return e.map { $0 / s }
    }
  }

  @Test func oneStepMatchesGolden() throws {
    let golden = try GoldenFile.load("metagrad_golden.json")
    let hyper = try golden.dict("hyper"), expected = try golden.dict("one_step")
    let tau = try Batch(golden.dict("batches").dict("tau")), tauPrime = try Batch(golden.dict("batches").dict("tau_prime"))
    let arch = A2CUpdateTests.goldenArchitecture, A = arch.actionCount, T = tau.T
    let (alpha, b) = try (hyper.double("alpha"), hyper.double("b"))
    let theta0 = try golden.doubles("theta0"), theta1 = try expected.doubles("theta1")

    // τ at θ: returns and their η-derivatives, π.
    let net = ActorCritic<Double>(arch, maxBatch: T + 1)
    let out = net.forward(parameters: theta0, observations: tau.states, batch: T + 1)
    let g = LambdaReturn.compute(
      rewards: tau.rewards, ends: tau.ends, values: out.values,
      gamma: try hyper.double("gamma"), lambda: try hyper.double("lam"), steps: T)
    let pi = Self.softmax(Array(out.logits.prefix(T * A)), A: A)

    // ∂f/∂η_k = (1/M) Σ ∂g/∂η_k [∇log π + b ∇v], by backward passes (the reference).
    for (k, dg) in [g.dGamma, g.dLambda].enumerated() {
      var dLogits = [Double](repeating: 0, count: T * A), dValues = [Double](repeating: 0, count: T)
      for i in 0..<T {
        for a in 0..<A { dLogits[i * A + a] = dg[i] * ((a == Int(tau.actions[i]) ? 1 : 0) - pi[i * A + a]) / Double(T) }
        dValues[i] = b * dg[i] / Double(T)
      }
      let column = net.backward(parameters: theta0, dLogits: dLogits, dValues: dValues, batch: T).gradient
      #expect(try maxError(column, expected.matrix("df_deta").map { $0[k] }) < 1e-8)
    }

    // ∂J̄/∂θ′ on τ′ at θ′.
    let netPrime = ActorCritic<Double>(arch, maxBatch: T + 1)
    let outPrime = netPrime.forward(parameters: theta1, observations: tauPrime.states, batch: T + 1)
    #expect(try maxError(outPrime.values, expected.doubles("meta_values_at_theta1")) < 1e-8)
    var gBar = [Double](repeating: 0, count: T), dLogits = [Double](repeating: 0, count: T * A)
    var dValues = [Double](repeating: 0, count: T)
    let objective = MetaObjective.cotangents(
      logits: outPrime.logits, values: outPrime.values, actions: tauPrime.actions, rewards: tauPrime.rewards,
      ends: tauPrime.ends, truncationValues: nil, gammaBar: try hyper.double("gamma_bar"),
      lambdaBar: try hyper.double("lambda_bar"), steps: T, envs: 1, actionCount: A,
      returns: &gBar, dLogits: &dLogits, dValues: &dValues)
    #expect(try maxError(gBar, expected.doubles("meta_lambda_returns")) < 1e-8)
    #expect(try abs(objective - expected.double("J_bar_surrogate")) < 1e-8)
    let u = netPrime.backward(parameters: theta1, dLogits: dLogits, dValues: dValues, batch: T).gradient
    #expect(try maxError(u, expected.doubles("dJbar_dtheta1")) < 1e-8)

    // One JVP over τ's cached activations along u gives both components.
    var lDot = [Double](repeating: 0, count: T * A), vDot = [Double](repeating: 0, count: T)
    net.jvp(parameters: theta0, tangent: u, batch: T, logitsTangent: &lDot, valuesTangent: &vDot)
    let meta = FirstOrderMetaGradient.combine(
      logitsTangent: lDot, valuesTangent: vDot, policy: pi, actions: tau.actions,
      dGamma: g.dGamma, dLambda: g.dLambda, samples: T, actionCount: A, alpha: alpha, valueCoefficient: b)
    #expect(try maxError([meta.gamma, meta.lambda], expected.doubles("metagrad_first_order")) < 1e-8)
    #expect(try maxError([meta.gamma, meta.lambda], expected.doubles("metagrad_exact")) < 1e-8)
  }

  /// The JVP against central finite differences of the outputs (parameters and extra
  /// inputs moving together), for an MLP with extra inputs, an MLP without hidden
  /// layers, and a small conv torso.
  @Test(arguments: [
    ActorCriticArchitecture(observationSize: 5, actionCount: 3, torso: .mlp(hidden: [7, 6]), extraFeatures: 2),
    ActorCriticArchitecture(observationSize: 4, actionCount: 2, torso: .mlp(hidden: []), extraFeatures: 1),
    ActorCriticArchitecture(
      observationSize: 5 * 5 * 2, actionCount: 3,
      torso: .conv(height: 5, width: 5, channels: 2, filters: 3, kernel: 3, hidden: 6), extraFeatures: 2),
  ])
  func jvpMatchesFiniteDifferences(arch: ActorCriticArchitecture) {
    var rng = RandomStream(seed: 9)
    let B = 4, P = arch.layout.count
    let theta: [Double] = arch.initialParameters(as: Double.self, using: &rng).map { $0 + 0.1 * rng.normal() }
    let obs = (0..<B * arch.observationSize).map { _ in rng.uniform() < 0.5 ? 1.0 : rng.normal() }
    let extra = arch.extraFeatures > 0 ? (0..<B * arch.extraFeatures).map { _ in rng.normal() } : nil
    let direction = (0..<P).map { _ in rng.normal() }
    let extraDirection = extra?.map { _ in rng.normal() }
    let net = ActorCritic<Double>(arch, maxBatch: B)
    _ = net.forward(parameters: theta, observations: obs, extra: extra, batch: B)
    var lDot = [Double](repeating: 0, count: B * arch.actionCount), vDot = [Double](repeating: 0, count: B)
    net.jvp(parameters: theta, tangent: direction, batch: B, logitsTangent: &lDot, valuesTangent: &vDot, extraTangent: extraDirection)
    let h = 1e-6
    func moved(_ x: [Double]?, _ d: [Double]?, _ s: Double) -> [Double]? { x.map { zip($0, d!).map { $0 + s * $1 } } }
    let plus = net.forward(parameters: moved(theta, direction, h)!, observations: obs, extra: moved(extra, extraDirection, h), batch: B)
    let minus = net.forward(parameters: moved(theta, direction, -h)!, observations: obs, extra: moved(extra, extraDirection, -h), batch: B)
    #expect(maxError(lDot, zip(plus.logits, minus.logits).map { ($0 - $1) / (2 * h) }) < 1e-7)
    #expect(maxError(vDot, zip(plus.values, minus.values).map { ($0 - $1) / (2 * h) }) < 1e-7)
  }
}
