import Foundation
import Testing
@testable import MetaGradient

/// The approximations of dθ′/dη beyond first order, accumulating and exact (hybrid,
/// finite-difference, curvature-scaled, diagonal): their recursions against the exact
/// trace and against finite differences of f in Double, and their state across a
/// checkpoint.
@Suite struct TraceApproximationTests {
  static let (gamma, lambda, b, c, alpha) = (0.9, 0.7, 0.5, 0.01, 0.3)
  static let (T, N) = (3, 2)

  /// Rollouts, θ's and a diagonal D for `updates` updates on `arch`, θ moved by the
  /// exact trace's f (the same for every approximation).
  struct Fixture {
    typealias Tests = TraceApproximationTests
    var arch: ActorCriticArchitecture
    var thetas: [[Double]]
    var rollouts: [TestRollout]
    var d: [Double]

    init(_ index: Int, updates: Int, seed: UInt64) {
      let (T, N) = (Tests.T, Tests.N), arch = testArchitectures[index]
      self.arch = arch
      var random = RandomStream(seed: seed)
      var theta = randomParameters(arch, &random)
      rollouts = (0..<updates).map { _ in TestRollout(arch, steps: T, envs: N, &random) }
      d = (0..<theta.count).map { _ in 0.5 + random.uniform() }
      let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
      thetas = []
      for r in rollouts {
        thetas.append(theta)
        let f = Tests.f(update, theta, r)
        for i in theta.indices { theta[i] += Tests.alpha * d[i] * f[i] }
      }
    }

    func trace(_ a: TraceApproximation) -> ExactMetaTrace<Double> {
      ExactMetaTrace<Double>(arch, steps: Tests.T, envs: Tests.N, approximation: a)
    }

    /// Advances `trace` through updates `range`.
    func advance(_ trace: ExactMetaTrace<Double>, _ range: Range<Int>) {
      for k in range {
        let r = rollouts[k]
        _ = trace.advance(parameters: thetas[k], observations: r.observations, extra: r.extra, actions: r.actions,
                          rewards: r.rewards, ends: r.ends, gamma: Tests.gamma, lambda: Tests.lambda, valueCoefficient: Tests.b,
                          entropyCoefficient: Tests.c, learningRate: Tests.alpha, preconditioner: d)
      }
    }

    /// (∂f/∂θ) x at update k, by central differences of f in θ.
    func hessianVectorProduct(_ k: Int, _ x: [Double]) -> [Double] {
      let (T, N) = (Tests.T, Tests.N)
      let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
      let h = 1e-6
      let plus = Tests.f(update, zip(thetas[k], x).map { $0 + h * $1 }, rollouts[k])
      let minus = Tests.f(update, zip(thetas[k], x).map { $0 - h * $1 }, rollouts[k])
      return zip(plus, minus).map { ($0 - $1) / (2 * h) }
    }
  }

  static func f(_ update: A2CUpdate<Double>, _ theta: [Double], _ r: TestRollout) -> [Double] {
    update.compute(parameters: theta, observations: r.observations, extra: r.extra, actions: r.actions,
                   rewards: r.rewards, ends: r.ends, gamma: gamma, lambda: lambda, valueCoefficient: b,
                   entropyCoefficient: c)
  }

  static func column(_ z: [Double], _ j: Int) -> [Double] {
    let P = z.count / 2
    return Array(z[(j * P)..<((j + 1) * P)])
  }

  static func dot(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } }

  @Test func namesRoundTrip() {
    let all: [TraceApproximation] = [.firstOrder, .accumulating(mu: 0.9), .exact(horizon: 3), .exact(horizon: nil),
                                     .hybrid(every: 5, mu: 0.9), .finiteDifference(horizon: 10), .curvature(every: 10),
                                     .diagonal(every: 2)]
    for a in all { #expect(TraceApproximation(name: a.name) == a, "\(a.name)") }
    #expect(TraceApproximation(name: "hybrid-5-0.9") == .hybrid(every: 5, mu: 0.9))
    for bad in ["hybrid-0-0.9", "hybrid-5-1.5", "hybrid-5", "fd-0", "fd-x", "curvature-", "diagonal--1", "exact-0", "trace-2"] {
      #expect(TraceApproximation(name: bad) == nil, "\(bad)")
    }
    #expect(all.filter(\.isTabular).count == 4)
    #expect(all.map(\.horizon) == [nil, nil, 3, nil, nil, 10, nil, nil])
  }

  /// Hybrid with k = 1 is the exact trace; with k past the run it is the accumulating trace.
  @Test(arguments: [0, 3])
  func hybridEndpoints(_ index: Int) {
    let fixture = Fixture(index, updates: 5, seed: 900 + UInt64(index))
    let traces = [TraceApproximation.hybrid(every: 1, mu: 0.5), .exact(horizon: nil), .hybrid(every: 6, mu: 0.5),
                  .accumulating(mu: 0.5)].map(fixture.trace)
    for trace in traces { fixture.advance(trace, 0..<5) }
    #expect(traces[0].trace == traces[1].trace)
    #expect(traces[2].trace == traces[3].trace)
    #expect(maxError(traces[0].trace, traces[2].trace) > 1e-6)
  }

  /// Hybrid k = 2: accumulating on odd updates, the exact step on even ones (an exact trace
  /// started from the hybrid's z takes the same step).
  @Test func hybridTakesTheExactStepEveryKthUpdate() throws {
    let fixture = Fixture(1, updates: 4, seed: 910)
    let hybrid = fixture.trace(.hybrid(every: 2, mu: 0.8))
    let accumulating = fixture.trace(.accumulating(mu: 0.8)), exact = fixture.trace(.exact(horizon: nil))
    fixture.advance(hybrid, 0..<1)
    fixture.advance(accumulating, 0..<1)
    #expect(hybrid.trace == accumulating.trace)
    try exact.restore(hybrid.state)
    fixture.advance(hybrid, 1..<2)
    fixture.advance(exact, 1..<2)
    #expect(maxError(hybrid.trace, exact.trace) < 1e-15)
    try accumulating.restore(hybrid.state)
    fixture.advance(hybrid, 2..<3)
    fixture.advance(accumulating, 2..<3)
    #expect(maxError(hybrid.trace, accumulating.trace) < 1e-15)
  }

  /// fd-K in Double follows the exact K-step trace to the forward difference's error, and
  /// in Float it stays close to the dual-number trace, though less close than the Float
  /// dual pass itself (the cost of the approximation, measured).
  @Test(arguments: [0, 4])
  func finiteDifferenceTracksTheExactTrace(_ index: Int) {
    let fixture = Fixture(index, updates: 4, seed: 920 + UInt64(index))
    let fd = fixture.trace(.finiteDifference(horizon: 4)), exact = fixture.trace(.exact(horizon: 4))
    fixture.advance(fd, 0..<4)
    fixture.advance(exact, 0..<4)
    let scale = exact.trace.map(abs).max()!
    #expect(maxError(fd.trace, exact.trace) < 1e-6 * scale)
    #expect(maxError(fd.trace, exact.trace) > 0)

    func floatTrace(_ a: TraceApproximation) -> [Double] {
      let trace = ExactMetaTrace<Float>(fixture.arch, steps: Self.T, envs: Self.N, approximation: a)
      for (k, r) in fixture.rollouts.enumerated() {
        _ = trace.advance(parameters: fixture.thetas[k].map(Float.init), observations: r.observations.map(Float.init),
                          extra: r.extra?.map(Float.init), actions: r.actions, rewards: r.rewards.map(Float.init),
                          ends: r.ends, gamma: Float(Self.gamma), lambda: Float(Self.lambda),
                          valueCoefficient: Float(Self.b), entropyCoefficient: Float(Self.c),
                          learningRate: Float(Self.alpha), preconditioner: fixture.d.map(Float.init))
      }
      return trace.trace.map(Double.init)
    }
    let fdError = maxError(floatTrace(.finiteDifference(horizon: 4)), exact.trace) / scale
    let dualError = maxError(floatTrace(.exact(horizon: 4)), exact.trace) / scale
    #expect(fdError < 1e-2, "Float fd-4: \(fdError)")
    #expect(dualError < fdError, "Float dual \(dualError) vs fd \(fdError)")
  }

  /// Curvature-scaled, k = 2: μ starts at 0.9; at update 2 μ_j is the Rayleigh quotient of
  /// I + α D ∂f/∂θ along z_j (∂f/∂θ z_j by central differences) and the step is exact; at
  /// update 3 z_j ← μ_j z_j + α D ∂f/∂η_j.
  @Test(arguments: [0, 3])
  func curvatureDecayIsTheRayleighQuotient(_ index: Int) throws {
    let fixture = Fixture(index, updates: 3, seed: 930 + UInt64(index))
    let curvature = fixture.trace(.curvature(every: 2))
    fixture.advance(curvature, 0..<1)
    #expect(curvature.decay == [0.9, 0.9])
    let z1 = curvature.trace
    let exact = fixture.trace(.exact(horizon: nil))
    try exact.restore(.init(trace: z1, updatesSinceReset: 1))
    fixture.advance(curvature, 1..<2)
    fixture.advance(exact, 1..<2)
    #expect(maxError(curvature.trace, exact.trace) < 1e-14)
    for j in 0..<2 {
      let zj = Self.column(z1, j)
      let jz = zip(fixture.hessianVectorProduct(1, zj), fixture.d).map { Self.alpha * $1 * $0 }
      let rayleigh = Self.dot(zj, zip(zj, jz).map(+)) / Self.dot(zj, zj)
      #expect(abs(curvature.decay[j] - min(max(rayleigh, 0), 1)) < 1e-7, "column \(j): \(curvature.decay[j]) vs \(rayleigh)")
    }
    let z2 = curvature.trace, mu = curvature.decay
    fixture.advance(curvature, 2..<3)
    let firstOrder = fixture.trace(.firstOrder)
    fixture.advance(firstOrder, 2..<3)
    let P = z2.count / 2
    let expected = z2.indices.map { mu[$0 / P] * z2[$0] + firstOrder.trace[$0] }
    #expect(maxError(curvature.trace, expected) < 1e-15)
  }

  /// Diagonal, k = 1: d̂ after the first update is v ⊙ (∂f/∂θ) v (central differences) with
  /// v the trace's first Rademacher probe; after the second, z ← clamp(1 + α D d̂) ⊙ z + α D ∂f/∂η.
  @Test(arguments: [0, 3])
  func diagonalIsHutchinsonsEstimate(_ index: Int) {
    let fixture = Fixture(index, updates: 2, seed: 940 + UInt64(index))
    let diagonal = fixture.trace(.diagonal(every: 1))
    fixture.advance(diagonal, 0..<1)
    var random = RandomStream(seed: ExactMetaTrace<Double>.probeSeed)
    let P = diagonal.parameterCount
    let v = (0..<P).map { _ in random.next() & 1 == 0 ? 1.0 : -1.0 }
    let estimate = zip(v, fixture.hessianVectorProduct(0, v)).map(*)
    #expect(maxError(diagonal.diagonalEstimate, estimate) < 1e-6 * max(1, estimate.map(abs).max()!))
    #expect(diagonal.refreshes == 1)
    let z1 = diagonal.trace
    fixture.advance(diagonal, 1..<2)
    #expect(diagonal.refreshes == 2 && diagonal.random != RandomStream(seed: ExactMetaTrace<Double>.probeSeed))
    let firstOrder = fixture.trace(.firstOrder)
    fixture.advance(firstOrder, 1..<2)
    let expected = z1.indices.map { i -> Double in
      let decay = min(max(1 + Self.alpha * fixture.d[i % P] * diagonal.diagonalEstimate[i % P], 0), 1)
      return decay * z1[i] + firstOrder.trace[i]
    }
    #expect(maxError(diagonal.trace, expected) < 1e-15)
  }

  /// Reading an evaluated update (as an agent's trace reads its trainer's) gives the z of
  /// the trace's own passes, bit for bit, when that update was computed the same way, for
  /// every approximation; the f-less call writes no f.
  @Test(arguments: [TraceApproximation.firstOrder, .accumulating(mu: 0.9), .exact(horizon: 2), .hybrid(every: 2, mu: 0.9),
                    .finiteDifference(horizon: 3), .curvature(every: 2), .diagonal(every: 2)])
  func evaluatedUpdateGivesTheOwnPassesTrace(_ approximation: TraceApproximation) {
    let fixture = Fixture(3, updates: 4, seed: 961)
    let own = fixture.trace(approximation), reading = fixture.trace(approximation)
    fixture.advance(own, 0..<4)
    let (T, N) = (Self.T, Self.N)
    let update = A2CUpdate(network: ActorCritic<Double>(fixture.arch, maxBatch: (T + 1) * N), steps: T, envs: N)
    for k in 0..<4 {
      let (r, theta) = (fixture.rollouts[k], fixture.thetas[k])
      _ = Self.f(update, theta, r)
      r.observations.withUnsafeBufferPointer { obs in
        r.actions.withUnsafeBufferPointer { actions in
          r.rewards.withUnsafeBufferPointer { rewards in
            r.ends.withUnsafeBufferPointer { ends in
              _ = reading.advance(
                parameters: theta, observations: obs.baseAddress!, extra: nil, actions: actions.baseAddress!,
                rewards: rewards.baseAddress!, ends: ends.baseAddress!, truncationValues: nil, gamma: Self.gamma,
                lambda: Self.lambda, valueCoefficient: Self.b, entropyCoefficient: Self.c, learningRate: Self.alpha,
                preconditioner: fixture.d, f: nil, evaluated: update)
            }
          }
        }
      }
    }
    #expect(reading.trace == own.trace, "\(approximation.name)")
    #expect(own.trace.contains { $0 != 0 })
  }

  /// A Float trace's state survives a JSON round trip: the restored trace continues bit for
  /// bit, and a state of another kind of trace is refused.
  @Test(arguments: [TraceApproximation.hybrid(every: 2, mu: 0.9), .finiteDifference(horizon: 3), .curvature(every: 2),
                    .diagonal(every: 2)])
  func stateResumes(_ approximation: TraceApproximation) throws {
    let arch = testArchitectures[3]
    var random = RandomStream(seed: 950)
    let theta = randomParameters(arch, &random).map(Float.init)
    let rollouts = (0..<6).map { _ in TestRollout(arch, steps: Self.T, envs: Self.N, &random) }
    func make() -> ExactMetaTrace<Float> { ExactMetaTrace(arch, steps: Self.T, envs: Self.N, approximation: approximation) }
    func advance(_ trace: ExactMetaTrace<Float>, _ range: Range<Int>) {
      for r in rollouts[range] {
        _ = trace.advance(parameters: theta, observations: r.observations.map(Float.init), extra: nil, actions: r.actions,
                          rewards: r.rewards.map(Float.init), ends: r.ends, gamma: 0.95, lambda: 0.8,
                          valueCoefficient: 0.5, entropyCoefficient: 0.01, learningRate: 0.01)
      }
    }
    let original = make(), resumed = make()
    advance(original, 0..<3)
    let saved = try JSONEncoder().encode(original.state)
    try resumed.restore(try JSONDecoder().decode(ExactMetaTrace<Float>.State.self, from: saved))
    advance(original, 3..<6)
    advance(resumed, 3..<6)
    #expect(original.trace == resumed.trace && original.decay == resumed.decay)
    #expect(original.diagonalEstimate == resumed.diagonalEstimate && original.refreshes == resumed.refreshes)
    #expect(original.trace.contains { $0 != 0 })
    if case .curvature = approximation { #expect(original.decay != [0.9, 0.9]) }
    let other = ExactMetaTrace<Float>(arch, steps: Self.T, envs: Self.N,
                                      approximation: approximation == .diagonal(every: 2) ? .curvature(every: 2) : .diagonal(every: 2))
    #expect(throws: CheckpointMismatch.self) { try other.restore(original.state) }
  }
}
