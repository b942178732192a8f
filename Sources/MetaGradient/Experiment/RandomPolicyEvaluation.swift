/// The uniformly random policy's episodes on an environment: the "random" anchor of
/// normalised scores, (score − random) / (reference − random).
///
/// Plays `episodes` complete episodes in one copy of the environment, each action
/// drawn uniformly from `0..<actionCount` with the run's stream.
public struct RandomPolicyEvaluation: EnvironmentVisitor {
  public var episodes: Int
  public var rng: RandomStream

  public init(episodes: Int, rng: RandomStream) {
    precondition(episodes > 0, "episodes must be positive, got \(episodes)")
    self.episodes = episodes
    self.rng = rng
  }

  /// Each episode's return and length, in play order.
  public struct Result: Sendable {
    public var returns: [Double]
    public var lengths: [Double]
    /// The mean return with its 95% t-interval.
    public var meanReturn: (mean: Double, low: Double, high: Double) { Statistics.meanInterval(returns) }
    /// The mean length with its 95% t-interval.
    public var meanLength: (mean: Double, low: Double, high: Double) { Statistics.meanInterval(lengths) }
  }

  public func run(on id: EnvironmentID, options: EnvironmentOptions = .init()) throws -> Result {
    try id.accept(self, options: options)
  }

  public func visit<E: Environment>(_ id: EnvironmentID, make: @escaping @Sendable (RandomStream) -> E) throws -> Result {
    var env = make(rng.split("environment"))
    var actions = rng.split("actions")
    var observation = [Float](repeating: 0, count: env.observationSize)
    var result = Result(returns: [], lengths: [])
    observation.withUnsafeMutableBufferPointer { obs in
      for _ in 0..<episodes {
        env.reset(observation: obs.baseAddress!)
        var total = 0.0, length = 0
        while true {
          let t = env.step(actions.index(env.actionCount), observation: obs.baseAddress!)
          total += Double(t.reward)
          length += 1
          if t.done { break }
        }
        result.returns.append(total)
        result.lengths.append(Double(length))
      }
    }
    return result
  }
}
