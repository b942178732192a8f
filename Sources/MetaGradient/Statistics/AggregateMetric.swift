/// An aggregate point estimate of performance over a score matrix x[n][m] of N runs by
/// M tasks (Agarwal et al., 2021, "Deep RL at the Edge of the Statistical Precipice";
/// rliable's `metrics.py`). Scores are usually normalised first
/// (``ScoreMatrix/normalised(random:reference:)``).
public enum AggregateMetric: Sendable, Hashable, CustomStringConvertible {
  /// Mean over tasks of the per-task mean: (1/M) Σ_m x̄_m, x̄_m = (1/N) Σ_n x[n][m].
  case mean
  /// Median over tasks of the per-task mean: median_m x̄_m.
  case median
  /// Interquartile mean of all N·M scores pooled: the 25%-trimmed mean
  /// (``Statistics/interquartileMean(_:)``).
  case interquartileMean
  /// Optimality gap at threshold γ: γ − (1/NM) Σ_{n,m} min(x[n][m], γ), how far the
  /// scores fall short of γ (lower is better). rliable's default γ = 1.
  case optimalityGap(threshold: Double = 1)

  /// The four metrics rliable reports: median, IQM, mean, optimality gap (γ = 1).
  public static let standard: [AggregateMetric] = [.median, .interquartileMean, .mean, .optimalityGap()]

  /// The metric on `scores`.
  public func callAsFunction(_ scores: ScoreMatrix) -> Double {
    switch self {
    case .mean: return Statistics.aggregateMean(scores)
    case .median: return Statistics.aggregateMedian(scores)
    case .interquartileMean: return Statistics.aggregateInterquartileMean(scores)
    case let .optimalityGap(gamma): return Statistics.optimalityGap(scores, threshold: gamma)
    }
  }

  /// A short name for tables and data-file columns: `mean`, `median`, `iqm`,
  /// `optimality_gap` (with `@γ` when γ ≠ 1).
  public var description: String {
    switch self {
    case .mean: return "mean"
    case .median: return "median"
    case .interquartileMean: return "iqm"
    case let .optimalityGap(gamma): return gamma == 1 ? "optimality_gap" : "optimality_gap@\(gamma)"
    }
  }
}

extension Statistics {
  /// Mean of per-task means, (1/M) Σ_m x̄_m (rliable's `aggregate_mean`).
  public static func aggregateMean(_ scores: ScoreMatrix) -> Double { mean(scores.taskMeans) }

  /// Median of per-task means, median_m x̄_m (rliable's `aggregate_median`).
  public static func aggregateMedian(_ scores: ScoreMatrix) -> Double { median(scores.taskMeans) }

  /// IQM of all N·M scores pooled, trim_mean_¼(x) (rliable's `aggregate_iqm`).
  public static func aggregateInterquartileMean(_ scores: ScoreMatrix) -> Double {
    interquartileMean(scores.allScores)
  }

  /// Optimality gap γ − (1/NM) Σ_{n,m} min(x[n][m], γ) (rliable's
  /// `aggregate_optimality_gap`; default γ = 1, the reference score after normalisation).
  public static func optimalityGap(_ scores: ScoreMatrix, threshold gamma: Double = 1) -> Double {
    let all = scores.allScores
    return gamma - all.reduce(0) { $0 + Swift.min($1, gamma) } / Double(all.count)
  }
}
