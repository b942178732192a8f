/// Stratified bootstrap confidence intervals, percentile method (Agarwal et al., 2021;
/// rliable's `StratifiedBootstrap` and `get_interval_estimates`).
///
/// One resample x* of a score matrix x (N runs × M tasks) draws, independently for every
/// task m, N runs with replacement from that task's own N runs:
///
///     x*[n][m] = x[I_{n,m}][m],   I_{n,m} ~ Uniform{0, …, N − 1} i.i.d.
///
/// Tasks are strata: they are never resampled, so the interval reflects the uncertainty
/// from having finitely many runs (seeds) on a fixed set of tasks. With B resamples
/// giving statistics θ*_1, …, θ*_B and α = 1 − confidence, the percentile interval is
///
///     [Q(α/2), Q(1 − α/2)]
///
/// of the θ*_b (``Statistics/quantile(_:_:)``, linear interpolation as `np.percentile`),
/// and the point estimate is the statistic on the observed x.
///
/// Each call draws from a fresh ``RandomStream`` seeded with ``seed``, so the same seed,
/// data and statistic give identical intervals.
public struct StratifiedBootstrap: Sendable, Hashable {
  /// Number of bootstrap resamples B. Default 2,000 — rliable's default for performance
  /// profiles, and fast; rliable's `get_interval_estimates` uses 50,000 for final tables.
  public let resamples: Int
  /// Coverage 1 − α of the interval. Default 0.95 (rliable's default).
  public let confidence: Double
  /// Seed of the ``RandomStream`` each call starts from.
  public let seed: UInt64

  /// - Throws: ``StatisticsError/invalidResamples(_:)`` when `resamples` < 1 and
  ///   ``StatisticsError/invalidConfidence(_:)`` unless 0 < `confidence` < 1.
  public init(resamples: Int = 2_000, confidence: Double = 0.95, seed: UInt64 = 0) throws {
    guard resamples >= 1 else { throw StatisticsError.invalidResamples(resamples) }
    guard confidence > 0, confidence < 1 else { throw StatisticsError.invalidConfidence(confidence) }
    self.resamples = resamples
    self.confidence = confidence
    self.seed = seed
  }

  /// One stratified resample of `scores`: runs drawn with replacement within each task.
  public static func resample(_ scores: ScoreMatrix, using rng: inout RandomStream) -> ScoreMatrix {
    let n = scores.runCount
    var out = [Double](repeating: 0, count: scores.storage.count)
    scores.storage.withUnsafeBufferPointer { x in
      for m in 0..<scores.taskCount {
        let base = m * n
        for i in 0..<n { out[base + i] = x[base + rng.index(n)] }
      }
    }
    return ScoreMatrix(runCount: n, taskCount: scores.taskCount, storage: out)
  }

  /// The percentile interval of a vector-valued statistic, one ``IntervalEstimate`` per
  /// component (all components share the same resamples).
  public func intervals(_ scores: ScoreMatrix, statistic: (ScoreMatrix) -> [Double]) -> [IntervalEstimate] {
    var rng = RandomStream(seed: seed)
    return percentileIntervals(point: statistic(scores)) {
      statistic(Self.resample(scores, using: &rng))
    }
  }

  /// The percentile interval of a scalar statistic of one score matrix.
  public func interval(_ scores: ScoreMatrix, statistic: (ScoreMatrix) -> Double) -> IntervalEstimate {
    intervals(scores) { [statistic($0)] }[0]
  }

  /// The percentile interval of an aggregate metric (mean, median, IQM, optimality gap).
  public func interval(_ scores: ScoreMatrix, metric: AggregateMetric) -> IntervalEstimate {
    interval(scores, statistic: metric.callAsFunction)
  }

  /// Percentile intervals of several aggregate metrics computed on the same resamples.
  public func intervals(_ scores: ScoreMatrix, metrics: [AggregateMetric]) -> [IntervalEstimate] {
    intervals(scores) { s in metrics.map { $0(s) } }
  }

  /// The percentile interval of a statistic of two independent score matrices, each
  /// resampled by its own stratified bootstrap in every replicate (rliable's
  /// `StratifiedIndependentBootstrap`); the run counts of `x` and `y` may differ.
  public func interval(
    _ x: ScoreMatrix, _ y: ScoreMatrix, statistic: (ScoreMatrix, ScoreMatrix) -> Double
  ) -> IntervalEstimate {
    var rng = RandomStream(seed: seed)
    return percentileIntervals(point: [statistic(x, y)]) {
      let xs = Self.resample(x, using: &rng)
      let ys = Self.resample(y, using: &rng)
      return [statistic(xs, ys)]
    }[0]
  }

  /// Runs `replicate` B times and turns each component's replicates into
  /// [Q(α/2), Q(1 − α/2)] around `point`.
  private func percentileIntervals(point: [Double], replicate: () -> [Double]) -> [IntervalEstimate] {
    let k = point.count
    var samples = [[Double]](repeating: [], count: k)
    for j in 0..<k { samples[j].reserveCapacity(resamples) }
    for _ in 0..<resamples {
      let r = replicate()
      precondition(r.count == k, "statistic returned \(r.count) values, expected \(k)")
      for j in 0..<k { samples[j].append(r[j]) }
    }
    let alpha = 1 - confidence
    return (0..<k).map { j in
      let sorted = samples[j].sorted()
      return IntervalEstimate(
        point: point[j],
        low: Statistics.quantile(sorted: sorted, alpha / 2),
        high: Statistics.quantile(sorted: sorted, 1 - alpha / 2))
    }
  }
}
