extension Statistics {
  /// The probability that a random draw from `x` exceeds one from `y`, ties counting ½:
  /// the Mann–Whitney U statistic of x over y divided by n_x·n_y,
  ///
  ///     P(X > Y) = 1/(n_x n_y) Σ_i Σ_j S(x_i, y_j),   S(a, b) = 1 if a > b, ½ if a = b, 0 if a < b.
  ///
  /// Identical samples give exactly ½ (rliable special-cases `array_equal` to ½; the
  /// formula agrees).
  public static func mannWhitneyProbability<X: Collection, Y: Collection>(_ x: X, greaterThan y: Y) -> Double
  where X.Element == Double, Y.Element == Double {
    precondition(!x.isEmpty && !y.isEmpty, "Mann–Whitney probability of an empty sample")
    var u = 0.0
    for a in x {
      for b in y {
        if a > b { u += 1 } else if a == b { u += 0.5 }
      }
    }
    return u / Double(x.count * y.count)
  }

  /// The average probability of improvement of algorithm X over Y (Agarwal et al., 2021;
  /// rliable's `probability_of_improvement`):
  ///
  ///     P(X > Y) = (1/M) Σ_m P(X_m > Y_m),
  ///
  /// where P(X_m > Y_m) is ``mannWhitneyProbability(_:greaterThan:)`` of the runs of X
  /// and Y on task m. X and Y may have different numbers of runs.
  ///
  /// - Throws: ``StatisticsError/taskCountMismatch(expected:got:what:)`` when X and Y are
  ///   scored on different numbers of tasks.
  public static func probabilityOfImprovement(_ x: ScoreMatrix, over y: ScoreMatrix) throws -> Double {
    guard x.taskCount == y.taskCount else {
      throw StatisticsError.taskCountMismatch(expected: x.taskCount, got: y.taskCount, what: "the second algorithm's score matrix")
    }
    return unsafeProbabilityOfImprovement(x, over: y)
  }

  /// ``probabilityOfImprovement(_:over:)`` with the task counts already checked.
  static func unsafeProbabilityOfImprovement(_ x: ScoreMatrix, over y: ScoreMatrix) -> Double {
    var total = 0.0
    for m in 0..<x.taskCount { total += mannWhitneyProbability(x.task(m), greaterThan: y.task(m)) }
    return total / Double(x.taskCount)
  }
}

extension StratifiedBootstrap {
  /// P(X > Y) (``Statistics/probabilityOfImprovement(_:over:)``) with its percentile
  /// interval, X and Y resampled independently, each stratified by task.
  ///
  /// - Throws: ``StatisticsError/taskCountMismatch(expected:got:what:)`` when X and Y are
  ///   scored on different numbers of tasks.
  public func probabilityOfImprovement(_ x: ScoreMatrix, over y: ScoreMatrix) throws -> IntervalEstimate {
    _ = try Statistics.probabilityOfImprovement(x, over: y)
    return interval(x, y, statistic: Statistics.unsafeProbabilityOfImprovement)
  }
}
