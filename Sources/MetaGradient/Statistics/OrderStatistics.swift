extension Statistics {
  /// The p-quantile of a sample by linear interpolation between order statistics
  /// (Hyndman & Fan type 7, NumPy's default `np.percentile`): with x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎
  /// and h = (n − 1)·p,
  ///
  ///     Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
  public static func quantile(_ xs: [Double], _ p: Double) -> Double {
    precondition(!xs.isEmpty, "quantile of an empty sample")
    precondition(p >= 0 && p <= 1, "quantile level \(p) outside [0, 1]")
    return quantile(sorted: xs.sorted(), p)
  }

  /// ``quantile(_:_:)`` of an already ascending sample.
  static func quantile(sorted xs: [Double], _ p: Double) -> Double {
    let h = Double(xs.count - 1) * p
    let i = Int(h.rounded(.down))
    guard i + 1 < xs.count else { return xs[xs.count - 1] }
    return xs[i] + (h - Double(i)) * (xs[i + 1] - xs[i])
  }

  /// The sample median: the middle order statistic, or the mean of the two middle
  /// ones when n is even (``quantile(_:_:)`` at p = ½).
  public static func median(_ xs: [Double]) -> Double { quantile(xs, 0.5) }

  /// The trimmed mean with `proportionToCut` = α cut from each end, with
  /// `scipy.stats.trim_mean`'s rule: k = ⌊α·n⌋ order statistics are dropped at each end
  /// and
  ///
  ///     trim_mean_α(x) = 1/(n − 2k) · Σ_{i=k}^{n−k−1} x₍ᵢ₎.
  ///
  /// When α·n is fractional the cut rounds *down* (n = 10, α = ¼ drops 2 per side and
  /// averages the middle 6); no order statistic is partially weighted.
  public static func trimmedMean(_ xs: [Double], proportionToCut alpha: Double) -> Double {
    precondition(!xs.isEmpty, "trimmed mean of an empty sample")
    precondition(alpha >= 0 && alpha < 0.5, "proportion to cut \(alpha) outside [0, 0.5)")
    let sorted = xs.sorted()
    let k = Int((alpha * Double(sorted.count)).rounded(.down))
    let kept = sorted[k..<(sorted.count - k)]
    return kept.reduce(0, +) / Double(kept.count)
  }

  /// The interquartile mean, IQM(x) = trim_mean_¼(x): the mean of the middle 50% of the
  /// sample (``trimmedMean(_:proportionToCut:)`` with α = 0.25, as rliable's
  /// `aggregate_iqm`). For 1…8 it is (3 + 4 + 5 + 6)/4 = 4.5.
  public static func interquartileMean(_ xs: [Double]) -> Double {
    trimmedMean(xs, proportionToCut: 0.25)
  }
}
