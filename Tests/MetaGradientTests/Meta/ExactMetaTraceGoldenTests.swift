import Foundation
import Testing
@testable import MetaGradient

/// One golden trajectory batch (N = 1), fed as in A2CUpdateTests.
struct GoldenBatch {
  var observations: [Double], actions: [Int32], rewards: [Double], ends: [StepEnd], steps: Int

  init(_ batch: GoldenFixture) throws {
    let states = try batch.matrix("states")
    steps = states.count - 1
    observations = states.flatMap { $0 }
    actions = try batch.ints("actions").map(Int32.init)
    rewards = try batch.doubles("rewards")
    ends = try batch.doubles("not_done").map(StepEnd.init(notDone:))
  }
}

@Suite struct ExactMetaTraceGoldenTests {
  static let arch = A2CUpdateTests.goldenArchitecture

  struct Setup {
    var golden: GoldenFixture, hyper: GoldenFixture, theta0: [Double]
    var batches: [GoldenBatch]  // tau, tau2, tau3
    var alpha: Double, gamma: Double, lambda: Double, b: Double, c: Double  // the fixture's hyper-parameters
    init() throws {
      golden = try GoldenFile.load("metagrad_golden.json")
      hyper = try golden.dict("hyper")
      theta0 = try golden.doubles("theta0")
      alpha = try hyper.double("alpha")
      (gamma, lambda, b, c) = (try hyper.double("gamma"), try hyper.double("lam"), try hyper.double("b"), try hyper.double("c"))
      let b = try golden.dict("batches")
      batches = try ["tau", "tau2", "tau3"].map { try GoldenBatch(b.dict($0)) }
      // One trace serves the three updates: the fixture's batches must share T.
      #expect(Set(batches.map(\.steps)).count == 1, "the three-step batches differ in length")
    }
  }

  /// Golden [P][2] → column-major [2, P].
  static func columns(_ rows: [[Double]]) -> [Double] { rows.map { $0[0] } + rows.map { $0[1] } }

  func advance(_ trace: ExactMetaTrace<Double>, _ theta: [Double], _ batch: GoldenBatch,
               _ s: Setup) -> [Double] {
    trace.advance(parameters: theta, observations: batch.observations, actions: batch.actions,
                  rewards: batch.rewards, ends: batch.ends,
                  gamma: s.gamma, lambda: s.lambda,
                  valueCoefficient: s.b, entropyCoefficient: s.c,
                  learningRate: s.alpha)
  }

  /// one_step: ∂f/∂η (α outside f) from the dual pass and from the analytic
  /// backward passes, and metagrad_first_order = α ∂J̄/∂θ′ · ∂f/∂η.
  @Test func oneStepEtaDerivative() throws {
    let s = try Setup()
    let tau = s.batches[0], oneStep = try s.golden.dict("one_step")
    let expected = try Self.columns(oneStep.matrix("df_deta"))
    let (gamma, lambda) = (s.gamma, s.lambda)
    let (b, c) = (s.b, s.c)
    let jvp = A2CUpdateJVP<Double>(Self.arch, steps: tau.steps, envs: 1)
    var dual: [Double] = []
    for (gDot, lDot) in [(1.0, 0.0), (0.0, 1.0)] {
      let out = jvp.compute(
        parameters: s.theta0, observations: tau.observations, actions: tau.actions,
        rewards: tau.rewards, ends: tau.ends, gamma: gamma, gammaTangent: gDot,
        lambda: lambda, lambdaTangent: lDot, valueCoefficient: b, entropyCoefficient: c)
      #expect(try maxError(out.f, oneStep.doubles("f")) < 1e-8)
      dual += out.fTangent
    }
    #expect(maxError(dual, expected) < 1e-8)
    let analytic = A2CEtaDerivative<Double>(Self.arch, steps: tau.steps, envs: 1).compute(
      parameters: s.theta0, observations: tau.observations, actions: tau.actions,
      rewards: tau.rewards, ends: tau.ends, gamma: gamma, lambda: lambda,
      valueCoefficient: b, entropyCoefficient: c)
    #expect(maxError(analytic.dfdEta, expected) < 1e-8)

    // One step from θ₀: first-order and exact traces agree with metagrad_first_order/exact.
    let dJ = try oneStep.doubles("dJbar_dtheta1")
    for approximation in [TraceApproximation.firstOrder, .exact(horizon: nil)] {
      let trace = ExactMetaTrace<Double>(Self.arch, steps: tau.steps, envs: 1, approximation: approximation)
      let f = advance(trace, s.theta0, tau, s)
      #expect(try maxError(f, oneStep.doubles("f")) < 1e-8)
      let g = trace.metaGradient(dJ)
      #expect(try maxError([g.gamma, g.lambda], oneStep.doubles("metagrad_first_order")) < 1e-8)
      #expect(try maxError([g.gamma, g.lambda], oneStep.doubles("metagrad_exact")) < 1e-8)
    }
  }

  /// Runs three SGD steps θ_k = θ_{k−1} + α f(τ_k, θ_{k−1}, η) from θ₀ under
  /// `approximation`, checking θ_k and f_k; returns ∂J̄/∂θ₃ · z₃.
  func threeSteps(_ approximation: TraceApproximation, _ s: Setup) throws -> [Double] {
    let three = try s.golden.dict("three_step")
    let thetas = try three.matrix("thetas"), fs = try three.matrix("f")
    let trace = ExactMetaTrace<Double>(Self.arch, steps: s.batches[0].steps, envs: 1, approximation: approximation)
    var theta = s.theta0
    for k in s.batches.indices {
      let f = advance(trace, theta, s.batches[k], s)
      #expect(maxError(f, fs[k]) < 1e-8, "\(approximation.name) f_\(k + 1)")
      var sgd = SGD<Double>(learningRate: s.alpha, parameterCount: theta.count)
      sgd.step(parameters: &theta, direction: f)
      #expect(maxError(theta, thetas[k]) < 1e-8, "\(approximation.name) θ_\(k + 1)")
    }
    let g = try trace.metaGradient(three.doubles("dJbar_dtheta3"))
    return [g.gamma, g.lambda]
  }

  @Test func threeStepExactTrace() throws {
    let s = try Setup()
    let three = try s.golden.dict("three_step")
    for horizon in [nil, 3, 7] {
      let g = try threeSteps(.exact(horizon: horizon), s)
      #expect(try maxError(g, three.doubles("metagrad_exact_trace")) < 1e-8, "horizon \(String(describing: horizon))")
      #expect(try maxError(g, three.doubles("metagrad_exact")) < 1e-8)
    }
    // Horizon 1 resets before every update: first order.
    #expect(try maxError(try threeSteps(.exact(horizon: 1), s), three.doubles("metagrad_first_order")) < 1e-8)
  }

  @Test func threeStepFirstOrderAndAccumulatingTraces() throws {
    let s = try Setup()
    let three = try s.golden.dict("three_step")
    #expect(try maxError(try threeSteps(.firstOrder, s), three.doubles("metagrad_first_order")) < 1e-8)
    let traces = try three.dict("metagrad_trace")
    for mu in [0.0, 0.9, 1.0] {
      let g = try threeSteps(.accumulating(mu: mu), s)
      #expect(try maxError(g, traces.doubles("mu=\(mu)")) < 1e-8, "μ = \(mu)")
    }
  }

  /// Per-step ∂f_k/∂η along the three-step path.
  @Test func threeStepEtaColumns() throws {
    let s = try Setup()
    let three = try s.golden.dict("three_step")
    let dfdeta = try three.tensor3("df_deta")
    let derivative = A2CEtaDerivative<Double>(Self.arch, steps: s.batches[0].steps, envs: 1)
    var theta = s.theta0
    for k in s.batches.indices {
      let batch = s.batches[k]
      let out = derivative.compute(
        parameters: theta, observations: batch.observations, actions: batch.actions,
        rewards: batch.rewards, ends: batch.ends, gamma: s.gamma,
        lambda: s.lambda, valueCoefficient: s.b,
        entropyCoefficient: s.c)
      #expect(maxError(out.dfdEta, Self.columns(dfdeta[k])) < 1e-8, "step \(k + 1)")
      theta = zip(theta, out.f).map { $0 + s.alpha * $1 }
    }
  }

  /// The sigmoid block: with γ = σ(x_γ), λ = σ(x_λ), dJ̄/dx = dJ̄/dη · σ′(x).
  @Test func sigmoidParameterisation() throws {
    let s = try Setup()
    let sig = try s.golden.dict("sigmoid")
    let gamma = SigmoidParameter(value: s.gamma)
    let lambda = SigmoidParameter(value: s.lambda)
    #expect(try maxError([gamma.logit, lambda.logit], sig.doubles("logit_eta")) < 1e-12)
    let chain = [gamma.derivative, lambda.derivative]
    #expect(try maxError(chain, sig.doubles("dsigmoid")) < 1e-12)

    let tau = s.batches[0]
    let one = ExactMetaTrace<Double>(Self.arch, steps: tau.steps, envs: 1, approximation: .exact(horizon: nil))
    _ = advance(one, s.theta0, tau, s)
    let g1 = try one.metaGradient(s.golden.dict("one_step").doubles("dJbar_dtheta1"))
    #expect(try maxError([g1.gamma * chain[0], g1.lambda * chain[1]],
                     sig.doubles("metagrad_exact_one_step_wrt_logit")) < 1e-8)
    let g3 = try threeSteps(.exact(horizon: nil), s)
    #expect(try maxError(zip(g3, chain).map(*), sig.doubles("metagrad_exact_three_step_wrt_logit")) < 1e-8)
  }
}

/// Buffers whose sizes do not fit the rollout are refused with a message naming them,
/// never read past their end: the golden batch against traces built for other shapes.
@Suite struct RolloutShapeTests {
  @Test func goldenBatchFitsAndOtherLengthsAreNamed() throws {
    let golden = try GoldenFile.load("metagrad_golden.json")
    let tau = try GoldenBatch(golden.dict("batches").dict("tau"))
    let arch = A2CUpdateTests.goldenArchitecture, P = arch.layout.count
    let fits = RolloutShape(steps: tau.steps, envs: 1, architecture: arch)
    #expect(fits.problems(parameters: P, observations: tau.observations.count, extra: nil, actions: tau.actions.count,
                          rewards: tau.rewards.count, ends: tau.ends.count, truncationValues: nil).isEmpty)
    let longer = RolloutShape(steps: tau.steps + 2, envs: 1, architecture: arch)
    let found = longer.problems(parameters: P, observations: tau.observations.count, extra: nil,
                                actions: tau.actions.count, rewards: tau.rewards.count, ends: tau.ends.count,
                                truncationValues: nil)
    #expect(found.count == 4)  // observations, actions, rewards, ends
    let d = arch.observationSize
    #expect(found.first == "observations has \(tau.observations.count) entries; expected (T + 1)·N·d = (\(tau.steps + 2) + 1)·1·\(d) = \((tau.steps + 3) * d)")
  }

  /// A trace built for another T stops (a precondition) instead of computing wrong numbers.
  @Test func exactTraceOfAnotherLengthStops() async throws {
    await #expect(processExitsWith: .failure) {
      let golden = try GoldenFile.load("metagrad_golden.json")
      let hyper = try golden.dict("hyper"), tau = try GoldenBatch(golden.dict("batches").dict("tau"))
      let trace = ExactMetaTrace<Double>(A2CUpdateTests.goldenArchitecture, steps: tau.steps + 1, envs: 1,
                                         approximation: .exact(horizon: nil))
      _ = try trace.advance(parameters: golden.doubles("theta0"), observations: tau.observations, actions: tau.actions,
                        rewards: tau.rewards, ends: tau.ends, gamma: hyper.double("gamma"), lambda: hyper.double("lam"),
                        valueCoefficient: hyper.double("b"), entropyCoefficient: hyper.double("c"), learningRate: hyper.double("alpha"))
    }
  }
}
