import Testing
@testable import MetaGradient

@Suite struct LambdaReturnTests {
  /// The golden file's cases, to 1e-10 relative in Double.
  @Test func matchesGolden() throws {
    let cases = try GoldenFile.load("lambda_return_golden.json").dicts("cases")
    #expect(cases.count >= 5)
    for c in cases {
      let T = try c.int("T")
      let out = LambdaReturn.compute(
        rewards: try c.doubles("rewards"), ends: try c.doubles("not_done").map(StepEnd.init(notDone:)),
        values: try c.doubles("values"), gamma: try c.double("gamma"), lambda: try c.double("lambda"), steps: T)
      let name = try c.string("name")
      #expect(try maxError(out.returns, c.doubles("returns")) < 1e-10, "\(name) returns")
      #expect(try maxError(out.dGamma, c.doubles("dgamma")) < 1e-10, "\(name) dgamma")
      #expect(try maxError(out.dLambda, c.doubles("dlambda")) < 1e-10, "\(name) dlambda")
    }
  }

  static func randomTrajectory(T: Int, N: Int, seed: UInt64, terminalRate: Double = 0.1, truncationRate: Double = 0.05)
    -> (r: [Double], ends: [StepEnd], v: [Double], vTrunc: [Double])
  {
    var rng = RandomStream(seed: seed)
    let r = (0..<T * N).map { _ in rng.normal() }
    let v = (0..<(T + 1) * N).map { _ in rng.normal() }
    let vTrunc = (0..<T * N).map { _ in rng.normal() }
    let ends: [StepEnd] = (0..<T * N).map { _ in
      let u = rng.uniform()
      return u < terminalRate ? .terminated : (u < terminalRate + truncationRate ? .truncated : .continuing)
    }
    return (r, ends, v, vTrunc)
  }

  /// λ = 1 gives the discounted return bootstrapped only at the end: Σ γ^k R + γ^T v(S_T).
  @Test func lambdaOneIsDiscountedReturn() {
    let T = 7, gamma = 0.9
    let (r, _, v, _) = Self.randomTrajectory(T: T, N: 1, seed: 3)
    let ends = [StepEnd](repeating: .continuing, count: T)
    let g = LambdaReturn.compute(rewards: r, ends: ends, values: v, gamma: gamma, lambda: 1, steps: T).returns
    for t in 0..<T {
      var expected = 0.0, discount = 1.0
      for k in t..<T { expected += discount * r[k]; discount *= gamma }
      expected += discount * v[T]
      #expect(abs(g[t] - expected) < 1e-12)
    }
  }

  /// λ = 0 gives the one-step TD target R_{t+1} + γ v(S_{t+1}) (0 after termination).
  @Test func lambdaZeroIsOneStepTarget() {
    let T = 9, N = 3, gamma = 0.95
    let (r, ends, v, vTrunc) = Self.randomTrajectory(T: T, N: N, seed: 4)
    let g = LambdaReturn.compute(
      rewards: r, ends: ends, values: v, truncationValues: vTrunc, gamma: gamma, lambda: 0, steps: T, batch: N
    ).returns
    for i in 0..<T * N {
      let next: Double = ends[i] == .terminated ? 0 : (ends[i] == .truncated ? vTrunc[i] : v[i + N])
      #expect(abs(g[i] - (r[i] + gamma * next)) < 1e-12)
    }
  }

  /// Truncation bootstraps from the true last state and cuts the recursion there.
  @Test func truncationBootstrapsFromTrueLastState() {
    let r = [1.0, 2.0, 3.0], v = [0.0, 10.0, 20.0, 30.0], vTrunc = [0.0, 5.0, 0.0]
    let ends: [StepEnd] = [.continuing, .truncated, .continuing]
    let out = LambdaReturn.compute(
      rewards: r, ends: ends, values: v, truncationValues: vTrunc, gamma: 0.5, lambda: 1, steps: 3)
    #expect(out.returns[2] == 3 + 0.5 * 30)
    #expect(out.returns[1] == 2 + 0.5 * 5)  // not 20, not g_2
    #expect(out.returns[0] == 1 + 0.5 * out.returns[1])
    #expect(out.dGamma[1] == 5 && out.dLambda[1] == 0)
  }

  /// The exact derivatives against central finite differences.
  @Test(arguments: [(0.99, 0.9), (0.5, 0.3), (0.9, 1.0), (0.8, 0.0)])
  func derivativesMatchFiniteDifferences(gamma: Double, lambda: Double) {
    let T = 12, N = 4, h = 1e-6
    let (r, ends, v, vTrunc) = Self.randomTrajectory(T: T, N: N, seed: 5)
    func g(_ gm: Double, _ lm: Double) -> [Double] {
      LambdaReturn.compute(
        rewards: r, ends: ends, values: v, truncationValues: vTrunc, gamma: gm, lambda: lm, steps: T, batch: N
      ).returns
    }
    let out = LambdaReturn.compute(
      rewards: r, ends: ends, values: v, truncationValues: vTrunc, gamma: gamma, lambda: lambda, steps: T, batch: N)
    let fdGamma = zip(g(gamma + h, lambda), g(gamma - h, lambda)).map { ($0 - $1) / (2 * h) }
    let fdLambda = zip(g(gamma, lambda + h), g(gamma, lambda - h)).map { ($0 - $1) / (2 * h) }
    #expect(maxError(out.dGamma, fdGamma) < 1e-7)
    #expect(maxError(out.dLambda, fdLambda) < 1e-7)
  }

  /// The per-step tangent with unit directions equals the scalar derivatives, and a
  /// state-dependent direction matches finite differences.
  @Test func tangentAgreesWithScalarDerivatives() {
    let T = 10
    let (r, ends, v, vTrunc) = Self.randomTrajectory(T: T, N: 1, seed: 6)
    let gammas = [Double](repeating: 0.9, count: T), lambdas = [Double](repeating: 0.7, count: T)
    let ones = [Double](repeating: 1, count: T), zeros = [Double](repeating: 0, count: T)
    let scalar = LambdaReturn.compute(
      rewards: r, ends: ends, values: v, truncationValues: vTrunc, gamma: 0.9, lambda: 0.7, steps: T)
    let tg = LambdaReturn.tangent(
      rewards: r, ends: ends, values: v, truncationValues: vTrunc,
      gammas: gammas, lambdas: lambdas, gammaDot: ones, lambdaDot: zeros)
    let tl = LambdaReturn.tangent(
      rewards: r, ends: ends, values: v, truncationValues: vTrunc,
      gammas: gammas, lambdas: lambdas, gammaDot: zeros, lambdaDot: ones)
    #expect(maxError(tg.returns, scalar.returns) < 1e-14)
    #expect(maxError(tg.tangent, scalar.dGamma) < 1e-12)
    #expect(maxError(tl.tangent, scalar.dLambda) < 1e-12)

    // Move only the even steps' λ_t: compare with finite differences.
    let direction = (0..<T).map { $0 % 2 == 0 ? 1.0 : 0.0 }
    let h = 1e-6
    func returns(_ s: Double) -> [Double] {
      LambdaReturn.tangent(
        rewards: r, ends: ends, values: v, truncationValues: vTrunc, gammas: gammas,
        lambdas: zip(lambdas, direction).map { $0 + s * $1 }, gammaDot: zeros, lambdaDot: zeros
      ).returns
    }
    let fd = zip(returns(h), returns(-h)).map { ($0 - $1) / (2 * h) }
    let exact = LambdaReturn.tangent(
      rewards: r, ends: ends, values: v, truncationValues: vTrunc,
      gammas: gammas, lambdas: lambdas, gammaDot: zeros, lambdaDot: direction
    ).tangent
    #expect(maxError(exact, fd) < 1e-7)
  }
}
