/// A performance profile with its bootstrap confidence band (Agarwal et al., 2021;
/// rliable's `create_performance_profile` with `use_score_distribution=True`).
///
/// At each threshold τ the profile is the run-score distribution's tail,
///
///     F̂(τ) = (1/NM) Σ_{n,m} 1[x[n][m] > τ],
///
/// the fraction of all runs, over all tasks, whose (normalised) score exceeds τ. The band
/// at each τ is the ``StratifiedBootstrap`` percentile interval of F̂(τ), all thresholds
/// sharing the same resamples.
public struct PerformanceProfile: Sendable, Hashable {
  /// The thresholds τ_1, …, τ_K.
  public let thresholds: [Double]
  /// F̂(τ_k) with its confidence interval, one per threshold.
  public let estimates: [IntervalEstimate]

  /// The profile of `scores` at `thresholds`, with bands from `bootstrap`.
  public init(_ scores: ScoreMatrix, thresholds: [Double], bootstrap: StratifiedBootstrap) {
    self.thresholds = thresholds
    self.estimates = bootstrap.intervals(scores) { Statistics.scoreDistribution($0, thresholds: thresholds) }
  }

  /// The fractions F̂(τ_k).
  public var fractions: [Double] { estimates.map(\.point) }

  /// K evenly spaced thresholds from `low` to `high` inclusive (as `np.linspace`).
  public static func linearThresholds(from low: Double, through high: Double, count: Int) -> [Double] {
    precondition(count >= 1, "threshold count \(count) must be at least 1")
    guard count > 1 else { return [low] }
    let step = (high - low) / Double(count - 1)
    return (0..<count).map { $0 == count - 1 ? high : low + Double($0) * step }
  }
}

extension Statistics {
  /// The score distribution F̂(τ) = (1/NM) Σ_{n,m} 1[x[n][m] > τ] at each threshold
  /// (strictly greater, as rliable's `run_score_deviation`).
  public static func scoreDistribution(_ scores: ScoreMatrix, thresholds: [Double]) -> [Double] {
    let sorted = scores.allScores.sorted()
    let total = Double(sorted.count)
    return thresholds.map { tau in
      // Count of scores ≤ τ by binary search for the first score > τ.
      var lo = 0, hi = sorted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if sorted[mid] > tau { hi = mid } else { lo = mid + 1 }
      }
      return Double(sorted.count - lo) / total
    }
  }
}
