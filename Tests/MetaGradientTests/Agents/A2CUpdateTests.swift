import Foundation
import Testing
@testable import MetaGradient

@Suite struct A2CUpdateTests {
  /// The golden file's network, read from its `param_layout` (W1 [inputs, h₁], …,
  /// Wpi [h_last, actions]; the fixture has 4 inputs, hidden [8] tanh and 2 actions).
  static let goldenArchitecture: ActorCriticArchitecture = {
    let layout = try! GoldenFile.load("metagrad_golden.json").dicts("param_layout")
    let shapes = Dictionary(uniqueKeysWithValues: layout.map { (try! $0.string("name"), try! $0.ints("shape")) })
    let hidden = (1...).lazy.map { shapes["W\($0)"] }.prefix { $0 != nil }.map { $0![1] }
    return ActorCriticArchitecture(observationSize: shapes["W1"]![0], actionCount: shapes["Wpi"]![1],
                                   torso: .mlp(hidden: Array(hidden)))
  }()

  @Test func layoutMatchesGolden() throws {
    let golden = try GoldenFile.load("metagrad_golden.json")
    let layout = Self.goldenArchitecture.layout
    #expect(try layout.count == golden.int("num_params"))
    for entry in try golden.dicts("param_layout") {
      let block = try #require(layout[try entry.string("name")])
      #expect(try block.offset == entry.int("offset"))
      #expect(try block.shape == entry.ints("shape"))
    }
  }

  @Test func oneStepMatchesGolden() throws {
    let golden = try GoldenFile.load("metagrad_golden.json")
    let hyper = try golden.dict("hyper"), tau = try golden.dict("batches").dict("tau")
    let expected = try golden.dict("one_step")
    let theta0 = try golden.doubles("theta0")
    let states = try tau.matrix("states")
    let T = states.count - 1

    let network = ActorCritic<Double>(Self.goldenArchitecture, maxBatch: T + 1)
    let update = A2CUpdate(network: network, steps: T, envs: 1)
    let f = update.compute(
      parameters: theta0, observations: states.flatMap { $0 }, actions: try tau.ints("actions").map { Int32($0) },
      rewards: try tau.doubles("rewards"), ends: try tau.doubles("not_done").map(StepEnd.init(notDone:)),
      gamma: try hyper.double("gamma"), lambda: try hyper.double("lam"),
      valueCoefficient: try hyper.double("b"), entropyCoefficient: try hyper.double("c"),
      computeTerms: true)

    let tol = 1e-8
    #expect(try maxError(f, expected.doubles("f")) < tol)
    let terms = try expected.dict("f_terms")
    #expect(try maxError(Array(update.policyTerm), terms.doubles("policy")) < tol)
    #expect(try maxError(Array(update.valueTerm), terms.doubles("value")) < tol)
    #expect(try maxError(Array(update.entropyTerm), terms.doubles("entropy")) < tol)
    #expect(try maxError(Array(update.values), expected.doubles("values")) < tol)
    #expect(try maxError(Array(update.returns), expected.doubles("lambda_returns")) < tol)
    #expect(try maxError(Array(update.advantages), expected.doubles("advantages")) < tol)
    #expect(try maxError(Array(update.logPiA), expected.doubles("log_pi_a")) < tol)
    #expect(try maxError(Array(update.entropy), expected.doubles("entropy")) < tol)
    #expect(try abs(update.surrogate - expected.double("inner_surrogate_value")) < tol)

    // Logits of S_0…S_{T-1} (the golden file omits the bootstrap state's).
    let logits = network.forward(parameters: theta0, observations: states.flatMap { $0 },
                                 batch: T + 1).logits
    let A = Self.goldenArchitecture.actionCount
    #expect(try maxError(Array(logits.prefix(A * T)), expected.matrix("logits").flatMap { $0 }) < tol)

    // θ₁ = θ₀ + α f with plain SGD (ascent).
    var theta1 = theta0
    var sgd = try SGD<Double>(learningRate: hyper.double("alpha"), parameterCount: theta0.count)
    sgd.step(parameters: &theta1, direction: f)
    #expect(try maxError(theta1, expected.doubles("theta1")) < tol)
  }
}

/// A random rollout of T × N (time-major) for `arch`, with some terminations.
struct TestRollout {
  var observations: [Double], extra: [Double]?, actions: [Int32], rewards: [Double], ends: [StepEnd]

  init(_ arch: ActorCriticArchitecture, steps T: Int, envs N: Int, _ random: inout RandomStream) {
    observations = randomObservations(arch, batch: (T + 1) * N, &random)
    extra = arch.extraFeatures > 0 ? randomArray((T + 1) * N * arch.extraFeatures, &random) : nil
    actions = (0..<(T * N)).map { _ in Int32(random.index(arch.actionCount)) }
    rewards = randomArray(T * N, &random)
    ends = (0..<(T * N)).map { _ in random.uniform() < 0.2 ? .terminated : .continuing }
  }

  /// Trajectory `n` alone (N = 1).
  func env(_ n: Int, steps T: Int, envs N: Int, _ arch: ActorCriticArchitecture) -> TestRollout {
    var copy = self
    let obs = arch.observationSize, E = arch.extraFeatures
    func rows(_ x: [Double], _ width: Int) -> [Double] {
      var out: [Double] = []
      for t in 0...T {
        let start: Int = (t * N + n) * width
        out += x[start..<(start + width)]
      }
      return out
    }
    copy.observations = rows(observations, obs)
    copy.extra = extra.map { rows($0, E) }
    copy.actions = (0..<T).map { actions[$0 * N + n] }
    copy.rewards = (0..<T).map { rewards[$0 * N + n] }
    copy.ends = (0..<T).map { ends[$0 * N + n] }
    return copy
  }
}

@Suite struct A2CUpdateRolloutTests {
  static let (gamma, lambda, b, c) = (0.95, 0.8, 0.5, 0.01)

  func f(_ update: A2CUpdate<Double>, _ theta: [Double], _ r: TestRollout) -> [Double] {
    update.compute(parameters: theta, observations: r.observations, extra: r.extra,
                   actions: r.actions, rewards: r.rewards, ends: r.ends,
                   gamma: Self.gamma, lambda: Self.lambda,
                   valueCoefficient: Self.b, entropyCoefficient: Self.c)
  }

  /// Time-major indexing: with N environments, f is the mean of the N single-env f's
  /// and the returns are those of each trajectory alone.
  @Test func environmentsAreIndependentTrajectories() {
    let arch = testArchitectures[1]
    let (T, N) = (4, 3)
    var random = RandomStream(seed: 11)
    let theta = randomParameters(arch, &random)
    let rollout = TestRollout(arch, steps: T, envs: N, &random)
    let all = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
    let fAll = f(all, theta, rollout)
    let returnsAll = Array(all.returns)
    let one = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: T + 1), steps: T, envs: 1)
    var mean = [Double](repeating: 0, count: theta.count)
    for n in 0..<N {
      let fn = f(one, theta, rollout.env(n, steps: T, envs: N, arch))
      for i in mean.indices { mean[i] += fn[i] / Double(N) }
      #expect(maxError((0..<T).map { returnsAll[$0 * N + n] }, Array(one.returns)) < 1e-14)
    }
    #expect(maxError(fAll, mean) < 1e-12)
  }

  /// f is the θ-gradient of the surrogate (1/M) Σ [δ log π(A|S) + b δ v(S) + c H] with
  /// δ frozen at the current θ: checked by central differences (conv torso + extra input).
  @Test(arguments: [1, 4])
  func fIsGradientOfSurrogate(_ index: Int) {
    let arch = testArchitectures[index]
    let (T, N) = (3, 2)
    var random = RandomStream(seed: 21 + UInt64(index))
    let theta = randomParameters(arch, &random)
    let r = TestRollout(arch, steps: T, envs: N, &random)
    let update = A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
    let fTheta = f(update, theta, r)
    let delta = Array(update.advantages)
    let A = arch.actionCount, M = T * N
    let net = ActorCritic<Double>(arch, maxBatch: (T + 1) * N)
    func surrogate(_ theta: [Double]) -> Double {
      let (logits, values) = net.forward(parameters: theta, observations: r.observations,
                                         extra: r.extra, batch: (T + 1) * N)
      var total = 0.0
      for i in 0..<M {
        let z = Array(logits[(i * A)..<((i + 1) * A)])
        let logSum = log(z.map { exp($0) }.reduce(0, +))
        let logp = z.map { $0 - logSum }
        let h = -logp.map { exp($0) * $0 }.reduce(0, +)
        total += delta[i] * logp[Int(r.actions[i])] + Self.b * delta[i] * values[i] + Self.c * h
      }
      return total / Double(M)
    }
    #expect(abs(surrogate(theta) - update.surrogate) < 1e-12)
    let h = 1e-6
    var worst = 0.0
    for i in theta.indices {
      var plus = theta, minus = theta
      plus[i] += h; minus[i] -= h
      let fd = (surrogate(plus) - surrogate(minus)) / (2 * h)
      worst = max(worst, abs(fd - fTheta[i]) / max(1, abs(fd)))
    }
    #expect(worst < 1e-7, "worst relative error \(worst)")
  }

  /// The Float A2C update agrees with the Double one.
  @Test func floatAgreesWithDouble() {
    let arch = testArchitectures[3]
    let (T, N) = (5, 4)
    var random = RandomStream(seed: 31)
    let theta = randomParameters(arch, &random)
    let r = TestRollout(arch, steps: T, envs: N, &random)
    let fD = f(A2CUpdate(network: ActorCritic<Double>(arch, maxBatch: (T + 1) * N), steps: T, envs: N), theta, r)
    let x: ([Double]) -> [Float] = { $0.map(Float.init) }
    let updateF = A2CUpdate(network: ActorCritic<Float>(arch, maxBatch: (T + 1) * N), steps: T, envs: N)
    let fF = updateF.compute(
      parameters: x(theta), observations: x(r.observations), actions: r.actions,
      rewards: x(r.rewards), ends: r.ends, gamma: Float(Self.gamma),
      lambda: Float(Self.lambda), valueCoefficient: Float(Self.b), entropyCoefficient: Float(Self.c))
    #expect(maxError(fF.map(Double.init), fD) < 1e-4)
  }
}
