import Foundation
import Testing
@testable import MetaGradient

/// A hand-made environment whose episodes are cut by a time limit: reward 1 per step,
/// observation [steps so far, +1] after a step and [0, −1] after a reset, truncated
/// after `limit` steps. The true last observation [limit, 1] never reaches the agent
/// as a state to act in, so a correct bootstrap must read it from `finalObservations`.
struct TimeLimitedCounter: Environment {
  var limit = 2
  var count = 0
  var observationShape: [Int] { [2] }
  var actionCount: Int { 2 }
  mutating func reset(observation: UnsafeMutablePointer<Float>) {
    count = 0
    observation[0] = 0
    observation[1] = -1
  }
  mutating func step(_ action: Int, observation: UnsafeMutablePointer<Float>) -> Transition {
    count += 1
    observation[0] = Float(count)
    observation[1] = 1
    return Transition(reward: 1, truncated: count >= limit)
  }
  func validateState() throws {
    try StateCheck("counter").inRange("the step count", count, 0...limit)
  }
}

@Suite struct A2CTrainerTests {
  static let tinyConfig = A2CConfig(gamma: 0.9, lambda: 0.5, optimizer: .adam, learningRate: 1e-2,
                                    envs: 1, steps: 3, network: .mlp(hidden: [8]))

  /// A truncated step bootstraps from v_θ(S⁺) of the true last observation, not from the
  /// next row (the next episode's first state): g = R + γ v(S⁺).
  @Test func truncationBootstrapsFromTheFinalObservation() {
    let trainer = A2CTrainer(config: Self.tinyConfig, rng: RandomStream(seed: 5)) { _ in TimeLimitedCounter() }
    let theta = trainer.parameters
    trainer.collectRollout()
    let r = trainer.rollout
    #expect(Array(r.ends) == [.continuing, .truncated, .continuing])
    #expect(Array(r.rewards) == [1, 1, 1])
    // S_0 = reset, S_1 = after one step, S_2 = the NEXT episode's first state, S_3.
    #expect(Array(r.observations) == [0, -1, 1, 1, 0, -1, 1, 1])

    let net = ActorCritic<Float>(trainer.architecture, maxBatch: 4)
    let values = net.forward(parameters: theta, observations: [0, -1, 1, 1, 0, -1, 1, 1], batch: 4).values
    let vFinal = net.forward(parameters: theta, observations: [2, 1], batch: 1).values[0]
    #expect(r.truncationValues[1] == vFinal)
    #expect(r.truncationValues[0] == 0 && r.truncationValues[2] == 0)
    #expect(abs(vFinal - values[2]) > 1e-4, "the test needs v(S⁺) ≠ v(next episode's first state)")

    trainer.innerUpdate(gamma: 0.9, lambda: 0.5)
    let (gamma, lambda): (Float, Float) = (0.9, 0.5)
    let g2 = 1 + gamma * values[3]
    let g1 = 1 + gamma * vFinal
    let g0 = 1 + gamma * ((1 - lambda) * values[1] + lambda * g1)
    let returns = Array(trainer.update.returns)
    #expect(abs(returns[0] - g0) < 1e-5 && abs(returns[1] - g1) < 1e-5 && abs(returns[2] - g2) < 1e-5)
    // ∂g/∂γ and ∂g/∂λ stay available for the meta-gradient.
    #expect(abs(trainer.update.returnsGammaDerivative[1] - vFinal) < 1e-6)
    #expect(trainer.update.returnsLambdaDerivative[1] == 0)
    #expect(trainer.parameters != theta)
  }

  /// Acting never overwrites the update's cached activations.
  @Test func collectingKeepsTheLastUpdatesCache() {
    let trainer = A2CTrainer(config: Self.tinyConfig, rng: RandomStream(seed: 6)) { _ in TimeLimitedCounter() }
    trainer.collectRollout()
    trainer.innerUpdate(gamma: 0.9, lambda: 0.5)
    let values = Array(trainer.update.values), logits = Array(trainer.update.network.logits)
    trainer.collectRollout()
    #expect(Array(trainer.update.values) == values)
    #expect(Array(trainer.update.network.logits) == logits)
  }

  /// The update reuses the acting passes' activations (no forward pass of its own):
  /// f equals a fresh ``A2CUpdate`` on the same rollout and θ, on a conv torso too.
  @Test(arguments: [EnvironmentID.cartpole, .breakout])
  func updateOnActingPassesEqualsAFreshUpdate(_ id: EnvironmentID) {
    var config = A2CConfig.defaults(for: id)
    config.envs = 3
    config.steps = 4
    config.maxGradientNorm = 1e9  // compare f unclipped
    let trainer: A2CTrainer<MinAtar<Breakout>>? = id == .breakout
      ? A2CTrainer(config: config, rng: RandomStream(seed: 21)) { MinAtar<Breakout>(rng: $0) } : nil
    let cartpole: A2CTrainer<CartPole>? = id == .cartpole
      ? A2CTrainer(config: config, rng: RandomStream(seed: 21)) { CartPole(rng: $0) } : nil
    func check<E>(_ trainer: A2CTrainer<E>) {
      try! trainer.iterate()  // one update first, so θ is not θ₀ and the buffers have swapped once
      trainer.collectRollout()
      let theta = trainer.parameters, r = trainer.rollout
      let fresh = A2CUpdate(network: ActorCritic<Float>(trainer.architecture, maxBatch: 5 * 3), steps: 4, envs: 3)
      let expected = fresh.compute(
        parameters: theta, observations: Array(r.observations), actions: Array(r.actions), rewards: Array(r.rewards),
        ends: Array(r.ends), truncationValues: Array(r.truncationValues), gamma: 0.99, lambda: 0.9,
        valueCoefficient: Float(config.valueCoefficient), entropyCoefficient: Float(config.entropyCoefficient))
      trainer.innerUpdate(gamma: 0.99, lambda: 0.9)
      let scale = expected.map(abs).max()!
      #expect(zip(trainer.direction, expected).allSatisfy { abs($0 - $1) <= 1e-5 * scale })
      #expect(zip(trainer.update.values, fresh.values).allSatisfy { abs($0 - $1) <= 1e-5 * max(abs($1), 1) })
    }
    if let trainer { check(trainer) }
    if let cartpole { check(cartpole) }
  }

  static func curveFile(seed: UInt64) throws -> String {
    var config = A2CConfig.defaults(for: .catch)
    config.envs = 4
    config.steps = 5
    let curve = try ControlRun(config: config, budget: 2_000, rng: RandomStream(seed: seed)).run(on: .catch)
    var file = DataFile(title: "determinism", columns: LearningCurve.columns)
    for row in curve.rows { file.append(row) }
    return file.contents
  }

  /// The same seed gives byte-identical data; another seed does not.
  @Test func deterministicGivenTheSeed() throws {
    let a = try Self.curveFile(seed: 3), b = try Self.curveFile(seed: 3), c = try Self.curveFile(seed: 4)
    #expect(a == b)
    #expect(a != c)
    #expect(a.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 100)  // 100 rollouts, one row each
  }

  /// The same seed gives the same θ after training, on a MinAtar game too.
  @Test func sameSeedSameParameters() {
    func train() -> [Float] {
      var config = A2CConfig.defaults(for: .breakout)
      config.envs = 2
      config.steps = 4
      let trainer = A2CTrainer(config: config, rng: RandomStream(seed: 9)) { MinAtar<Breakout>(rng: $0) }
      for _ in 0..<3 { try! trainer.iterate() }
      return trainer.parameters
    }
    #expect(train() == train())
  }
}
