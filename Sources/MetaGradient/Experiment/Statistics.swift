import Foundation

/// Small-sample statistics for curves aggregated over seeds.
public enum Statistics {
  /// The sample mean x̄ = (1/n) Σ x_i.
  public static func mean(_ xs: [Double]) -> Double {
    precondition(!xs.isEmpty, "mean of an empty sample")
    return xs.reduce(0, +) / Double(xs.count)
  }

  /// The unbiased sample standard deviation s = √(Σ (x_i − x̄)² / (n − 1)); 0 for n = 1.
  public static func standardDeviation(_ xs: [Double]) -> Double {
    guard xs.count > 1 else { return 0 }
    let m = mean(xs)
    return (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)).squareRoot()
  }

  /// The 0.975 quantile of Student's t with `df` degrees of freedom, so that
  /// x̄ ± t · s/√n is a two-sided 95% confidence interval for the mean.
  /// Exact table values for df ≤ 30; beyond, the Cornish–Fisher expansion around
  /// z = 1.959964 (error < 1e-4).
  public static func studentT975(df: Int) -> Double {
    precondition(df >= 1, "t quantile needs df ≥ 1")
    let table: [Double] = [
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
      2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
    if df <= table.count { return table[df - 1] }
    let z = 1.959964, n = Double(df)
    return z + (z * z * z + z) / (4 * n) + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n)
  }

  /// The mean with its two-sided 95% t-interval (the interval is the point for n = 1).
  public static func meanInterval(_ xs: [Double]) -> (mean: Double, low: Double, high: Double) {
    let m = mean(xs)
    guard xs.count > 1 else { return (m, m, m) }
    let half = studentT975(df: xs.count - 1) * standardDeviation(xs) / Double(xs.count).squareRoot()
    return (m, m - half, m + half)
  }
}
