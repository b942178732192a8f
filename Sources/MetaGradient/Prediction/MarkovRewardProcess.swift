/// One episode of a tabular Markov reward process: S_0, R_1, S_1, …, R_T, with the
/// last transition terminating (S_T is terminal and has value 0).
public struct Episode: Sendable {
  /// S_0 … S_{T−1}, as state indices.
  public var states: [Int]
  /// R_1 … R_T: `rewards[t]` follows `states[t]`.
  public var rewards: [Double]
  public var length: Int { states.count }
}

/// A tabular episodic Markov reward process for the prediction experiments.
public protocol MarkovRewardProcess: Sendable {
  /// The number of non-terminal states.
  var stateCount: Int { get }
  /// v*(s) for the undiscounted return (γ̄ = 1), the error's reference.
  var trueValues: [Double] { get }
  /// Samples one episode from the start state.
  func sampleEpisode(rng: inout RandomStream) -> Episode
}

extension MarkovRewardProcess {
  /// The root-mean-square value error √((1/|S|) Σ_s (v(s) − v*(s))²) over all states.
  public func rmsError(_ values: [Double]) -> Double {
    let truth = trueValues
    precondition(values.count == truth.count, "value table has \(values.count) states, expected \(truth.count)")
    let sum = zip(values, truth).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return (sum / Double(truth.count)).squareRoot()
  }
}
