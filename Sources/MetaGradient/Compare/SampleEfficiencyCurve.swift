/// Sample efficiency: the IQM of normalised score over training, with its
/// stratified-bootstrap band (Agarwal et al., 2021, Fig. 7 — rliable's
/// `get_interval_estimates` of `aggregate_iqm` at each logged point).
///
/// At training progress p (a fraction of each environment's `total_env_steps`, since
/// environments have different budgets), the score of run n on environment m is the
/// `episode_return` of its last row logged at or before p, normalised as the final
/// scores are, x̂ = (G − x_random[m]) / (x_reference[m] − x_random[m]); the curve is
///
///     IQM(p) = trim_mean_¼({x̂[n][m](p)}_{n,m}),
///
/// with its percentile interval from ``StratifiedBootstrap``. The grid of p is the
/// logged points of the run with the fewest rows, so when all runs share a schedule
/// the curve sits exactly at each logged `env_steps`. A point where some run has no
/// finished episode yet (`nan`) has no estimate (a gap in the figure).
public struct SampleEfficiencyCurve: Sendable, Hashable {
  /// The training progress p of each point, in (0, 1].
  public let fractions: [Double]
  /// IQM(p) with its interval, or nil where some run has no score yet.
  public let estimates: [IntervalEstimate?]

  /// The curve of `runs[m][n]` (environment m, run n) normalised by `random[m]` and
  /// `reference[m]`, at the points `grid`.
  public init(runs: [[RunRecord]], random: [Double], reference: [Double], grid: [Double], bootstrap: StratifiedBootstrap) {
    fractions = grid
    let columns = runs.indices.map { m in
      runs[m].map { run in Self.values(run, at: grid).map { ($0 - random[m]) / (reference[m] - random[m]) } }
    }
    estimates = grid.indices.map { k -> IntervalEstimate? in
      let tasks = columns.map { $0.map { $0[k] } }
      guard tasks.allSatisfy({ $0.allSatisfy(\.isFinite) }), let scores = try? ScoreMatrix(tasks: tasks) else { return nil }
      return bootstrap.interval(scores, metric: .interquartileMean)
    }
  }

  /// The logged points, as fractions of training, of the run with the fewest rows.
  public static func grid(_ runs: [RunRecord]) -> [Double] {
    guard let sparsest = runs.min(by: { $0.envSteps.count < $1.envSteps.count }) else { return [] }
    return sparsest.envSteps.map { $0 / Double(sparsest.totalEnvSteps) }
  }

  /// The run's `episode_return` at each p of an ascending grid: the last row logged at
  /// or before p of its training (nan before its first row).
  public static func values(_ run: RunRecord, at grid: [Double]) -> [Double] {
    let total = Double(run.totalEnvSteps)
    var i = -1
    return grid.map { p in
      while i + 1 < run.envSteps.count, run.envSteps[i + 1] / total <= p * (1 + 1e-12) { i += 1 }
      return i >= 0 ? run.returns[i] : .nan
    }
  }
}
