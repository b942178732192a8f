/// A control run's learning curve: one row per logging point, at the same environment
/// steps for every seed of a config (so ``SeedAggregate`` can average them).
///
/// Columns (``columns``):
/// - `env_steps`: environment steps taken so far, summed over the N copies;
/// - `episode_return`: the mean undiscounted return of the episodes that finished since
///   the previous row; when none finished, the previous row's value is repeated
///   (nan before the first episode ever finishes) and `episodes` is 0;
/// - `episode_length`: their mean length, same rule;
/// - `episodes`: how many episodes that mean is over;
/// - `total_episodes`: episodes finished since the start;
/// - `gamma`, `lambda`: η = (γ, λ) at the logging point (constant for a fixed-η run).
public struct LearningCurve: Codable, Sendable {
  public static let columns = ["env_steps", "episode_return", "episode_length", "episodes", "total_episodes", "gamma", "lambda"]
  /// The rows, each with one value per column.
  public private(set) var rows: [[Double]] = []
  /// Why the run stopped early (NaN/Inf, ``TrainingError``), or nil for a complete run:
  /// the rows are then the data up to the divergence.
  public var diverged: TrainingError?
  private var lastReturn = Double.nan, lastLength = Double.nan, totalEpisodes = 0

  public init() {}

  /// Logs one row at `envSteps` from the episodes finished since the previous row.
  public mutating func log(envSteps: Int, episodes: EpisodeTally, gamma: Double, lambda: Double) {
    if let r = episodes.meanReturn, let l = episodes.meanLength { (lastReturn, lastLength) = (r, l) }
    totalEpisodes += episodes.count
    rows.append([Double(envSteps), lastReturn, lastLength, Double(episodes.count), Double(totalEpisodes), gamma, lambda])
  }

  /// The latest logged row as the live plot draws it, or nil before the first row.
  public var latestSample: LiveSample? {
    rows.last.map { LiveSample(envSteps: Int($0[0]), episodeReturn: $0[1], gamma: $0[5], lambda: $0[6]) }
  }

  /// The mean of `episode_return` over the last `fraction` of the rows (at least one),
  /// skipping nan: the "final performance" of a run.
  public func finalReturn(fraction: Double = 0.1) -> Double {
    let k = max(1, Int((Double(rows.count) * fraction).rounded()))
    let tail = rows.suffix(k).map { $0[1] }.filter { !$0.isNaN }
    return tail.isEmpty ? .nan : tail.reduce(0, +) / Double(tail.count)
  }
}

/// When a run of a given budget logs: a whole number of rollouts, and a row every
/// `logEvery` of them (and after the last).
public struct TrainingSchedule: Codable, Sendable, Equatable {
  /// The target number of rows of a learning curve (the DESIGN's ~100–200 points).
  public static let targetRows = 150
  /// Environment steps per rollout, T·N.
  public let stepsPerRollout: Int
  /// Rollouts (= inner updates) in the run: ⌈budget / (T·N)⌉.
  public let rollouts: Int
  /// Rollouts between two rows: ⌈rollouts / targetRows⌉.
  public let logEvery: Int

  /// The schedule for at least `budget` environment steps with T·N = `stepsPerRollout`.
  public init(budget: Int, stepsPerRollout: Int) {
    precondition(budget > 0 && stepsPerRollout > 0, "budget and rollout size must be positive")
    self.stepsPerRollout = stepsPerRollout
    rollouts = (budget + stepsPerRollout - 1) / stepsPerRollout
    logEvery = (rollouts + Self.targetRows - 1) / Self.targetRows
  }

  /// The environment steps actually taken (the budget rounded up to whole rollouts).
  public var totalSteps: Int { rollouts * stepsPerRollout }

  /// Whether a row is logged after rollout `k` (1-based).
  public func logsAfter(_ k: Int) -> Bool { k % logEvery == 0 || k == rollouts }
}
