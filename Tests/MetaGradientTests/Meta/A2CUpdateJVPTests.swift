import Foundation
import Testing
@testable import MetaGradient

@Suite struct A2CUpdateJVPTests {
  static let (gamma, lambda, b, c) = (0.95, 0.8, 0.5, 0.01)

  func f(_ update: A2CUpdate<Double>, _ theta: [Double], _ r: TestRollout,
         gamma: Double = gamma, lambda: Double = lambda) -> [Double] {
    update.compute(parameters: theta, observations: r.observations, extra: r.extra,
                   actions: r.actions, rewards: r.rewards, ends: r.ends,
                   gamma: gamma, lambda: lambda, valueCoefficient: Self.b, entropyCoefficient: Self.c)
  }

  func jvp(_ j: A2CUpdateJVP<Double>, _ theta: [Double], _ r: TestRollout, direction: [Double]?,
           gammaDot: Double = 0, lambdaDot: Double = 0) -> (f: [Double], fTangent: [Double]) {
    j.compute(parameters: theta, parameterTangent: direction, observations: r.observations,
              extra: r.extra, actions: r.actions, rewards: r.rewards, ends: r.ends,
              gamma: Self.gamma, gammaTangent: gammaDot, lambda: Self.lambda,
              lambdaTangent: lambdaDot, valueCoefficient: Self.b, entropyCoefficient: Self.c)
  }

  /// (∂f/∂θ) z — including δ's dependence on θ — against central differences
  /// (f(θ + hz) − f(θ − hz)) / 2h, for MLP torsos and conv torsos (with extra input).
  @Test(arguments: [0, 1, 3, 4])
  func hessianVectorProductMatchesFiniteDifferences(_ index: Int) {
    let arch = testArchitectures[index]
    let (T, N) = (4, 2)
    var random = RandomStream(seed: 400 + UInt64(index))
    let theta = randomParameters(arch, &random)
    let z = randomArray(theta.count, &random)
    let r = TestRollout(arch, steps: T, envs: N, &random)
    let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
    let j = A2CUpdateJVP<Double>(arch, steps: T, envs: N)
    let (fDual, hvp) = jvp(j, theta, r, direction: z)
    #expect(maxError(fDual, f(update, theta, r)) < 1e-14)
    let h = 1e-6
    let plus = f(update, zip(theta, z).map { $0 + h * $1 }, r)
    let minus = f(update, zip(theta, z).map { $0 - h * $1 }, r)
    let fd = zip(plus, minus).map { ($0 - $1) / (2 * h) }
    #expect(maxError(hvp, fd) < 1e-7, "architecture \(index)")
    // The semi-gradient would miss a sizeable part: δ's θ-dependence matters.
    #expect(hvp.map(abs).max()! > 1e-3)
  }

  /// ∂f/∂γ and ∂f/∂λ (θ̇ = 0, unit η̇) against central differences in η and against
  /// the analytic first-order columns of A2CEtaDerivative; linearity in the tangent.
  @Test(arguments: [1, 3])
  func etaColumnsMatchFiniteDifferences(_ index: Int) {
    let arch = testArchitectures[index]
    let (T, N) = (5, 2)
    var random = RandomStream(seed: 500 + UInt64(index))
    let theta = randomParameters(arch, &random)
    let z = randomArray(theta.count, &random)
    let r = TestRollout(arch, steps: T, envs: N, &random)
    let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
    let j = A2CUpdateJVP<Double>(arch, steps: T, envs: N)
    let dGamma = jvp(j, theta, r, direction: nil, gammaDot: 1).fTangent
    let dLambda = jvp(j, theta, r, direction: nil, lambdaDot: 1).fTangent
    let h = 1e-6
    let fdGamma = zip(f(update, theta, r, gamma: Self.gamma + h), f(update, theta, r, gamma: Self.gamma - h))
      .map { ($0 - $1) / (2 * h) }
    let fdLambda = zip(f(update, theta, r, lambda: Self.lambda + h), f(update, theta, r, lambda: Self.lambda - h))
      .map { ($0 - $1) / (2 * h) }
    #expect(maxError(dGamma, fdGamma) < 1e-8)
    #expect(maxError(dLambda, fdLambda) < 1e-8)

    let analytic = A2CEtaDerivative<Double>(arch, steps: T, envs: N).compute(
      parameters: theta, observations: r.observations, extra: r.extra, actions: r.actions,
      rewards: r.rewards, ends: r.ends, gamma: Self.gamma, lambda: Self.lambda,
      valueCoefficient: Self.b, entropyCoefficient: Self.c)
    let P = theta.count
    #expect(maxError(analytic.f, f(update, theta, r)) < 1e-14)
    #expect(maxError(Array(analytic.dfdEta[0..<P]), dGamma) < 1e-13)
    #expect(maxError(Array(analytic.dfdEta[P...]), dLambda) < 1e-13)

    // One pass with θ̇ = z, γ̇ = 1 gives (∂f/∂θ) z + ∂f/∂γ.
    let hvp = jvp(j, theta, r, direction: z).fTangent
    let both = jvp(j, theta, r, direction: z, gammaDot: 1).fTangent
    #expect(maxError(both, zip(hvp, dGamma).map(+)) < 1e-13)
  }

  /// The two-tangent pass (``Dual2``) is the two single-tangent ``Dual`` passes: f and
  /// ḟⱼ = (∂f/∂θ) zⱼ + ∂f/∂ηⱼ for j = γ, λ, on a small MLP (with extra input), a small
  /// conv torso, and the MinAtar conv net, with truncated steps; also with θ̇ = 0.
  @Test(arguments: [1, 3, -1])
  func twoTangentPassEqualsTwoSingleTangentPasses(_ index: Int) {
    let arch = index >= 0 ? testArchitectures[index] : .minAtar(channels: 4, actionCount: 3)
    let (T, N) = index >= 0 ? (5, 3) : (3, 2)
    var random = RandomStream(seed: 700 + UInt64(index + 1))
    let theta = randomParameters(arch, &random)
    let P = theta.count
    let z = randomArray(2 * P, &random, scale: 0.1)
    var r = TestRollout(arch, steps: T, envs: N, &random)
    r.ends[1] = .truncated
    let tv = randomArray(T * N, &random)
    let j = A2CUpdateJVP<Double>(arch, steps: T, envs: N)
    for tangents in [z, nil] {
      let single = (0..<2).map { column in
        j.compute(parameters: theta, parameterTangent: tangents.map { Array($0[(column * P)..<((column + 1) * P)]) },
                  observations: r.observations, extra: r.extra, actions: r.actions, rewards: r.rewards, ends: r.ends,
                  truncationValues: tv, gamma: Self.gamma, gammaTangent: column == 0 ? 1 : 0, lambda: Self.lambda,
                  lambdaTangent: column == 1 ? 1 : 0, valueCoefficient: Self.b, entropyCoefficient: Self.c)
      }
      var f = [Double](repeating: .nan, count: P), columns = [Double](repeating: .nan, count: 2 * P)
      let e = r.extra ?? [0]
      theta.withUnsafeBufferPointer { theta in
        (tangents ?? [0]).withUnsafeBufferPointer { z in
          r.observations.withUnsafeBufferPointer { obs in
            e.withUnsafeBufferPointer { e in
              _ = j.compute(
                parameters: theta.baseAddress!, parameterTangents: tangents == nil ? nil : z.baseAddress!,
                observations: obs.baseAddress!, extra: r.extra == nil ? nil : e.baseAddress!, actions: r.actions,
                rewards: r.rewards, ends: r.ends, truncationValues: tv, gamma: Self.gamma, gammaTangents: (1, 0),
                lambda: Self.lambda, lambdaTangents: (0, 1), valueCoefficient: Self.b, entropyCoefficient: Self.c,
                f: &f, fTangents: &columns)
            }
          }
        }
      }
      let scale = max(columns.map(abs).max()!, 1)
      #expect(maxError(f, single[0].f) < 1e-12, "architecture \(index)")
      #expect(maxError(Array(columns[0..<P]), single[0].fTangent) < 1e-12 * scale, "architecture \(index), γ column")
      #expect(maxError(Array(columns[P...]), single[1].fTangent) < 1e-12 * scale, "architecture \(index), λ column")
      #expect(columns[P...].map(abs).max()! > 1e-6)
    }
  }

  /// In Float the two-tangent pass is bit for bit the two single-tangent passes (each
  /// tangent takes the same operations and BLAS calls), so an exact trace is the same z
  /// as with two passes: on the CartPole MLP (T = 20, N = 16) and the MinAtar conv net.
  @Test(arguments: [0, 1])
  func twoTangentPassIsBitIdenticalInFloat(_ net: Int) {
    let arch: ActorCriticArchitecture = net == 0 ? .init(observationSize: 4, actionCount: 2) : .minAtar(channels: 4, actionCount: 3)
    let (T, N) = net == 0 ? (20, 16) : (4, 4)
    var random = RandomStream(seed: 9)
    let theta: [Float] = arch.initialParameters(as: Float.self, using: &random)
    let P = theta.count
    let z = (0..<(2 * P)).map { _ in Float(random.normal() * 0.01) }
    let obs = (0..<((T + 1) * N * arch.observationSize)).map { _ in Float(random.uniform() < 0.3 ? 1 : 0) }
    let actions = (0..<(T * N)).map { _ in Int32(random.index(arch.actionCount)) }
    let rewards = (0..<(T * N)).map { _ in Float(random.uniform()) }
    var ends = (0..<(T * N)).map { _ -> StepEnd in random.uniform() < 0.1 ? .terminated : .continuing }
    ends[2] = .truncated
    let tv = (0..<(T * N)).map { _ in Float(random.normal()) }
    let j = A2CUpdateJVP<Float>(arch, steps: T, envs: N)
    let single = (0..<2).map { c in
      j.compute(parameters: theta, parameterTangent: Array(z[(c * P)..<((c + 1) * P)]), observations: obs, actions: actions,
                rewards: rewards, ends: ends, truncationValues: tv, gamma: 0.99, gammaTangent: c == 0 ? 1 : 0, lambda: 0.9,
                lambdaTangent: c == 1 ? 1 : 0, valueCoefficient: 0.5, entropyCoefficient: 0.01)
    }
    var f = [Float](repeating: .nan, count: P), columns = [Float](repeating: .nan, count: 2 * P)
    _ = j.compute(parameters: theta, parameterTangents: z, observations: obs, extra: nil, actions: actions, rewards: rewards,
                  ends: ends, truncationValues: tv, gamma: 0.99, gammaTangents: (1, 0), lambda: 0.9, lambdaTangents: (0, 1),
                  valueCoefficient: 0.5, entropyCoefficient: 0.01, f: &f, fTangents: &columns)
    #expect(f == single[0].f)
    #expect(Array(columns[0..<P]) == single[0].fTangent)
    #expect(Array(columns[P...]) == single[1].fTangent)
  }
}

