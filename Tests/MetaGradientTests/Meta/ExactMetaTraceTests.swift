import Foundation
import Testing
@testable import MetaGradient

@Suite struct ExactMetaTraceTests {
  static let (gamma, lambda, b, c, alpha) = (0.9, 0.7, 0.5, 0.01, 0.3)

  /// θ_K after K preconditioned steps θ ← θ + α D f(τ_k, θ, η).
  func unroll(_ update: A2CUpdate<Double>, _ theta0: [Double], _ rollouts: [TestRollout],
              gamma: Double, lambda: Double, d: [Double]) -> [Double] {
    var theta = theta0
    for r in rollouts {
      let f = update.compute(parameters: theta, observations: r.observations, extra: r.extra,
                             actions: r.actions, rewards: r.rewards, ends: r.ends,
                             gamma: gamma, lambda: lambda, valueCoefficient: Self.b,
                             entropyCoefficient: Self.c)
      for i in theta.indices { theta[i] += Self.alpha * d[i] * f[i] }
    }
    return theta
  }

  /// The exact trace after K preconditioned updates is dθ_K/dη: checked against
  /// central differences of the unrolled updates in γ and λ (conv torso with extra
  /// input, and an MLP), with a random diagonal D.
  @Test(arguments: [1, 4])
  func exactTraceIsDerivativeOfUnrolledUpdates(_ index: Int) {
    let arch = testArchitectures[index]
    let (T, N, K) = (3, 2, 4)
    var random = RandomStream(seed: 600 + UInt64(index))
    let theta0 = randomParameters(arch, &random)
    let rollouts = (0..<K).map { _ in TestRollout(arch, steps: T, envs: N, &random) }
    let d = (0..<theta0.count).map { _ in 0.5 + random.uniform() }
    let trace = ExactMetaTrace<Double>(arch, steps: T, envs: N, approximation: .exact(horizon: nil))
    var theta = theta0
    for r in rollouts {
      let f = trace.advance(parameters: theta, observations: r.observations, extra: r.extra,
                            actions: r.actions, rewards: r.rewards, ends: r.ends,
                            gamma: Self.gamma, lambda: Self.lambda, valueCoefficient: Self.b,
                            entropyCoefficient: Self.c, learningRate: Self.alpha, preconditioner: d)
      for i in theta.indices { theta[i] += Self.alpha * d[i] * f[i] }
    }
    let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
    #expect(maxError(theta, unroll(update, theta0, rollouts, gamma: Self.gamma, lambda: Self.lambda, d: d)) < 1e-14)
    let h = 1e-5
    let fdGamma = zip(
      unroll(update, theta0, rollouts, gamma: Self.gamma + h, lambda: Self.lambda, d: d),
      unroll(update, theta0, rollouts, gamma: Self.gamma - h, lambda: Self.lambda, d: d)
    ).map { ($0 - $1) / (2 * h) }
    let fdLambda = zip(
      unroll(update, theta0, rollouts, gamma: Self.gamma, lambda: Self.lambda + h, d: d),
      unroll(update, theta0, rollouts, gamma: Self.gamma, lambda: Self.lambda - h, d: d)
    ).map { ($0 - $1) / (2 * h) }
    let P = theta0.count
    #expect(maxError(Array(trace.trace[0..<P]), fdGamma) < 1e-8, "architecture \(index)")
    #expect(maxError(Array(trace.trace[P...]), fdLambda) < 1e-8, "architecture \(index)")
    #expect(trace.updatesSinceReset == K)
  }

  /// Horizon K resets z before every (K+1)-th update; accumulating μ = 0 is first order.
  @Test func horizonAndAccumulatingConventions() {
    let arch = testArchitectures[0]
    let (T, N) = (3, 1)
    var random = RandomStream(seed: 700)
    var theta = randomParameters(arch, &random)
    let rollouts = (0..<5).map { _ in TestRollout(arch, steps: T, envs: N, &random) }
    let approximations: [TraceApproximation] = [.exact(horizon: 2), .firstOrder, .accumulating(mu: 0)]
    let traces = approximations.map { ExactMetaTrace<Double>(arch, steps: T, envs: N, approximation: $0) }
    for (k, r) in rollouts.enumerated() {
      func advance(_ trace: ExactMetaTrace<Double>) -> [Double] {
        trace.advance(parameters: theta, observations: r.observations, actions: r.actions,
                      rewards: r.rewards, ends: r.ends, gamma: Self.gamma,
                      lambda: Self.lambda, valueCoefficient: Self.b, entropyCoefficient: Self.c,
                      learningRate: Self.alpha)
      }
      let fs = traces.map(advance)
      #expect(maxError(fs[0], fs[1]) < 1e-14 && maxError(fs[1], fs[2]) < 1e-14)
      #expect(maxError(traces[1].trace, traces[2].trace) < 1e-15)
      if k % 2 == 0 {  // just reset: the exact-2 trace is first order
        #expect(maxError(traces[0].trace, traces[1].trace) < 1e-13, "update \(k + 1)")
      } else {
        #expect(maxError(traces[0].trace, traces[1].trace) > 1e-6, "update \(k + 1)")
      }
      theta = zip(theta, fs[0]).map { $0 + Self.alpha * $1 }
    }
  }
}
