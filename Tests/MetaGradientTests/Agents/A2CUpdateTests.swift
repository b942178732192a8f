import Foundation
import Testing
@testable import MetaGradient

@Suite struct A2CUpdateTests {
  /// The golden file's network: 4 inputs, hidden [8] tanh, 2 actions.
  static let goldenArchitecture = ActorCriticArchitecture(
    observationSize: 4, actionCount: 2, torso: .mlp(hidden: [8]))

  @Test func layoutMatchesGolden() throws {
    let golden = try GoldenFile.load("metagrad_golden.json")
    let layout = Self.goldenArchitecture.layout
    #expect(layout.count == (golden["num_params"] as! Int))
    for entry in golden["param_layout"] as! [[String: Any]] {
      let block = try #require(layout[entry["name"] as! String])
      #expect(block.offset == (entry["offset"] as! Int))
      #expect(block.shape == (entry["shape"] as! [Int]))
    }
  }

  @Test func oneStepMatchesGolden() throws {
    let golden = try GoldenFile.load("metagrad_golden.json")
    let hyper = golden.dict("hyper"), tau = golden.dict("batches").dict("tau")
    let expected = golden.dict("one_step")
    let theta0 = golden.doubles("theta0")
    let states = tau.matrix("states")
    let T = states.count - 1

    let network = ActorCritic<Double>(Self.goldenArchitecture, maxBatch: T + 1)
    let update = A2CUpdate(network: network, steps: T, envs: 1)
    let f = update.compute(
      parameters: theta0, observations: states.flatMap { $0 }, actions: tau.ints("actions"),
      rewards: tau.doubles("rewards"), notDone: tau.doubles("not_done"),
      gamma: hyper.double("gamma"), lambda: hyper.double("lam"),
      valueCoefficient: hyper.double("b"), entropyCoefficient: hyper.double("c"),
      computeTerms: true)

    let tol = 1e-8
    #expect(maxError(f, expected.doubles("f")) < tol)
    let terms = expected.dict("f_terms")
    #expect(maxError(Array(update.policyTerm), terms.doubles("policy")) < tol)
    #expect(maxError(Array(update.valueTerm), terms.doubles("value")) < tol)
    #expect(maxError(Array(update.entropyTerm), terms.doubles("entropy")) < tol)
    #expect(maxError(Array(update.values), expected.doubles("values")) < tol)
    #expect(maxError(Array(update.returns), expected.doubles("lambda_returns")) < tol)
    #expect(maxError(Array(update.advantages), expected.doubles("advantages")) < tol)
    #expect(maxError(Array(update.logPiA), expected.doubles("log_pi_a")) < tol)
    #expect(maxError(Array(update.entropy), expected.doubles("entropy")) < tol)
    #expect(abs(update.surrogate - expected.double("inner_surrogate_value")) < tol)

    // Logits of S_0…S_{T-1} (the golden file omits the bootstrap state's).
    let logits = network.forward(parameters: theta0, observations: states.flatMap { $0 },
                                 batch: T + 1).logits
    #expect(maxError(Array(logits.prefix(2 * T)), expected.matrix("logits").flatMap { $0 }) < tol)

    // θ₁ = θ₀ + α f with plain SGD (ascent).
    var theta1 = theta0
    var sgd = SGD<Double>(learningRate: hyper.double("alpha"), parameterCount: theta0.count)
    sgd.step(parameters: &theta1, direction: f)
    #expect(maxError(theta1, expected.doubles("theta1")) < tol)
  }
}
