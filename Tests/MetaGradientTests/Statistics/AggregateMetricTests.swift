import Testing
@testable import MetaGradient

@Suite struct AggregateMetricTests {
  /// 2 runs × 3 tasks. Task means 0.25, 2, 1; pooled scores sorted 0, 0, 0.5, 1, 2, 3.
  let scores = try! ScoreMatrix(runs: [
    [0.0, 1.0, 2.0],
    [0.5, 3.0, 0.0],
  ])

  @Test func layout() throws {
    #expect(scores.runCount == 2 && scores.taskCount == 3)
    #expect(scores[run: 1, task: 1] == 3)
    #expect(Array(scores.task(2)) == [2, 0])
    #expect(scores.taskMeans == [0.25, 2, 1])
    #expect(try ScoreMatrix(tasks: [[0, 0.5], [1, 3], [2, 0]]) == scores)
  }

  @Test func meanAndMedianAreOverTaskMeans() {
    #expect(abs(AggregateMetric.mean(scores) - 3.25 / 3) < 1e-12)
    #expect(AggregateMetric.median(scores) == 1)
    let four = try! ScoreMatrix(runs: [[1, 4, 2, 10]])
    #expect(AggregateMetric.median(four) == 3)
  }

  @Test func interquartileMeanPoolsRunsAndTasks() {
    // n = 6, k = int(1.5) = 1: mean of 0, 0.5, 1, 2.
    #expect(AggregateMetric.interquartileMean(scores) == 0.875)
  }

  @Test func optimalityGap() {
    // min(x, 1) = 0, 1, 1, 0.5, 1, 0 → mean 3.5/6; gap = 1 − 7/12 = 5/12.
    #expect(abs(AggregateMetric.optimalityGap()(scores) - 5.0 / 12) < 1e-12)
    // γ = 2: min(x, 2) sums to 5.5 → 2 − 5.5/6.
    #expect(abs(AggregateMetric.optimalityGap(threshold: 2)(scores) - (2 - 5.5 / 6)) < 1e-12)
    // All scores at or above γ: no gap.
    #expect(Statistics.optimalityGap(try! ScoreMatrix(runs: [[1, 5], [2, 1]])) == 0)
    #expect(AggregateMetric.standard.map(\.description) == ["median", "iqm", "mean", "optimality_gap"])
  }

  @Test func normalisation() throws {
    #expect(Statistics.normalisedScore(15, random: 10, reference: 20) == 0.5)
    let raw = try ScoreMatrix(runs: [[10, 0], [20, -10]])
    let n = try raw.normalised(random: [0, -10], reference: [20, 10])
    #expect(n == (try ScoreMatrix(runs: [[0.5, 0.5], [1, 0]])))
    #expect(throws: StatisticsError.degenerateBaseline(task: 1, random: 3, reference: 3)) {
      try raw.normalised(random: [0, 3], reference: [1, 3])
    }
    #expect(throws: StatisticsError.taskCountMismatch(expected: 2, got: 3, what: "reference-score list")) {
      try raw.normalised(random: [0, 0], reference: [1, 1, 1])
    }
  }

  @Test func badMatricesAreRejectedByName() {
    #expect(throws: StatisticsError.raggedTask(task: 1, runs: 2, expected: 3)) {
      try ScoreMatrix(tasks: [[1, 2, 3], [1, 2]])
    }
    #expect(throws: StatisticsError.raggedRun(run: 2, tasks: 1, expected: 2)) {
      try ScoreMatrix(runs: [[1, 2], [3, 4], [5]])
    }
    #expect(throws: StatisticsError.empty) { try ScoreMatrix(runs: []) }
    #expect(throws: StatisticsError.empty) { try ScoreMatrix(tasks: [[]]) }
    #expect(throws: StatisticsError.nonFiniteScore(run: 1, task: 0, value: .infinity)) {
      try ScoreMatrix(runs: [[1, 2], [.infinity, 4]])
    }
    let message = StatisticsError.raggedTask(task: 1, runs: 2, expected: 3).description
    #expect(message.contains("task 1") && message.contains("2 runs") && message.contains("3"))
  }
}
