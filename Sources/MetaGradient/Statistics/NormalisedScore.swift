extension Statistics {
  /// The normalised score
  ///
  ///     x̂ = (x − x_random) / (x_reference − x_random),
  ///
  /// 0 at the random policy's score and 1 at the reference score (a human, or the best
  /// known agent). Requires `reference ≠ random`; for user data prefer
  /// ``ScoreMatrix/normalised(random:reference:)``, which reports that as an error.
  public static func normalisedScore(_ score: Double, random: Double, reference: Double) -> Double {
    precondition(reference != random, "normalised score needs reference ≠ random (both \(random))")
    return (score - random) / (reference - random)
  }
}

extension ScoreMatrix {
  /// The matrix with every score normalised per task,
  /// x̂[n][m] = (x[n][m] − random[m]) / (reference[m] − random[m]).
  ///
  /// - Throws: ``StatisticsError/taskCountMismatch(expected:got:what:)`` when a baseline
  ///   list does not have one entry per task, and
  ///   ``StatisticsError/degenerateBaseline(task:random:reference:)`` when a task's
  ///   random and reference scores coincide.
  public func normalised(random: [Double], reference: [Double]) throws -> ScoreMatrix {
    guard random.count == taskCount else {
      throw StatisticsError.taskCountMismatch(expected: taskCount, got: random.count, what: "random-score list")
    }
    guard reference.count == taskCount else {
      throw StatisticsError.taskCountMismatch(expected: taskCount, got: reference.count, what: "reference-score list")
    }
    var out = storage
    for m in 0..<taskCount {
      guard random[m] != reference[m], random[m].isFinite, reference[m].isFinite else {
        throw StatisticsError.degenerateBaseline(task: m, random: random[m], reference: reference[m])
      }
      for n in 0..<runCount {
        out[m * runCount + n] = Statistics.normalisedScore(out[m * runCount + n], random: random[m], reference: reference[m])
      }
    }
    return ScoreMatrix(runCount: runCount, taskCount: taskCount, storage: out)
  }
}
