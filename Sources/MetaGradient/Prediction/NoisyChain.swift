/// The paper's illustrative chain, as TorchOpt's `examples/MGRL` sets it up: a
/// 10-state chain S_0 → S_1 → … → S_9 → terminal, visited in order every episode.
/// The reward after state i is N(0, 1) noise for even i and the constant 0.1 for odd
/// i, so the true undiscounted value is v*(S_i) = 0.1 · #{odd j ≥ i}.
///
/// The point of the example: a return that bootstraps (λ(s) < 1) or discounts
/// (γ(s) < 1) where the rest of the trajectory is noisy trades bias for variance,
/// and the best trade differs from state to state, so state-dependent γ(s), λ(s)
/// can be meta-learned.
public struct NoisyChain: MarkovRewardProcess {
  /// Chain length (TorchOpt MGRL: 10).
  public let stateCount: Int
  /// The constant reward of odd states (TorchOpt MGRL: 0.1).
  public let constantReward: Double
  /// The standard deviation of even states' rewards (TorchOpt MGRL: N(0, 1)).
  public let noiseStd: Double

  public init(length: Int = 10, constantReward: Double = 0.1, noiseStd: Double = 1) {
    precondition(length > 1, "the chain needs at least two states")
    stateCount = length
    self.constantReward = constantReward
    self.noiseStd = noiseStd
  }

  /// Whether state i's reward is the noisy one.
  public func isNoisy(_ state: Int) -> Bool { state % 2 == 0 }

  public var trueValues: [Double] {
    (0..<stateCount).map { i in Double((i..<stateCount).filter { !isNoisy($0) }.count) * constantReward }
  }

  public func sampleEpisode(rng: inout RandomStream) -> Episode {
    let rewards = (0..<stateCount).map { isNoisy($0) ? rng.normal(mean: 0, std: noiseStd) : constantReward }
    return Episode(states: Array(0..<stateCount), rewards: rewards)
  }
}
