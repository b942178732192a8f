/// The 19-state random walk (Sutton & Barto 2018, Example 7.1 and §12.1, Figure 12.3).
///
/// States 1…19 (indices 0…18) lie in a row between two terminals; every episode
/// starts in the centre (state 10) and moves left or right with probability ½. The
/// reward is −1 on reaching the left terminal, +1 on the right, 0 otherwise; γ = 1.
/// The true values are v*(i) = i/10 − 1 for states i = 1…19.
public struct RandomWalk: MarkovRewardProcess {
  /// Non-terminal states (Sutton & Barto: 19).
  public let stateCount: Int

  public init(states: Int = 19) {
    precondition(states >= 3 && states % 2 == 1, "the random walk needs an odd number of states ≥ 3")
    stateCount = states
  }

  public var trueValues: [Double] {
    let half = Double(stateCount + 1) / 2
    return (1...stateCount).map { Double($0) / half - 1 }
  }

  public func sampleEpisode(rng: inout RandomStream) -> Episode {
    var states: [Int] = [], rewards: [Double] = []
    var s = stateCount / 2
    while true {
      states.append(s)
      s += rng.uniform() < 0.5 ? -1 : 1
      if s < 0 { rewards.append(-1); break }
      if s >= stateCount { rewards.append(1); break }
      rewards.append(0)
    }
    return Episode(states: states, rewards: rewards)
  }
}
