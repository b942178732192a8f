import Testing
@testable import MetaGradient

@Suite struct ProbabilityOfImprovementTests {
  @Test func dominatingAlgorithmHasProbabilityOne() throws {
    let x = try ScoreMatrix(tasks: [[5, 6, 7], [1.5, 1.2, 1.1]])
    let y = try ScoreMatrix(tasks: [[1, 2, 3], [0.1, 0.2, 1]])
    #expect(try Statistics.probabilityOfImprovement(x, over: y) == 1)
    #expect(try Statistics.probabilityOfImprovement(y, over: x) == 0)
    let i = try StratifiedBootstrap(resamples: 200, seed: 5).probabilityOfImprovement(x, over: y)
    #expect(i == IntervalEstimate(point: 1, low: 1, high: 1))
  }

  @Test func identicalSamplesGiveOneHalf() throws {
    let x = try ScoreMatrix(tasks: [[1, 2, 3, 4], [0.5, 0.5, 9, 2]])
    #expect(try Statistics.probabilityOfImprovement(x, over: x) == 0.5)
    let i = try StratifiedBootstrap(resamples: 500, seed: 5).probabilityOfImprovement(x, over: x)
    #expect(i.point == 0.5 && i.low < 0.5 && i.high > 0.5)
  }

  @Test func handComputedWithTiesAndUnequalRuns() throws {
    // Task 0: x = {1, 3}, y = {2, 2, 0}: 1 beats 0; 3 beats all three → 4/6.
    // Task 1: x = {2, 3}, y = {2, 1, 5}: 2 ties 2 (½), beats 1; 3 beats 2 and 1 → 3.5/6.
    // Average: (4/6 + 3.5/6)/2 = 0.625.
    let x = try ScoreMatrix(tasks: [[1, 3], [2, 3]])
    let y = try ScoreMatrix(tasks: [[2, 2, 0], [2, 1, 5]])
    #expect(abs(Statistics.mannWhitneyProbability([1.0, 3], greaterThan: [2.0, 2, 0]) - 4.0 / 6) < 1e-12)
    #expect(abs(try Statistics.probabilityOfImprovement(x, over: y) - 0.625) < 1e-12)
    // Ties count ½ both ways, so P(X > Y) + P(Y > X) = 1.
    #expect(abs(try Statistics.probabilityOfImprovement(y, over: x) - 0.375) < 1e-12)
    let i = try StratifiedBootstrap(resamples: 500, seed: 9).probabilityOfImprovement(x, over: y)
    #expect(i.point == 0.625 && 0 <= i.low && i.low <= i.high && i.high <= 1)
    #expect(i == (try StratifiedBootstrap(resamples: 500, seed: 9).probabilityOfImprovement(x, over: y)))
  }

  @Test func taskCountsMustMatch() throws {
    let x = try ScoreMatrix(tasks: [[1, 3], [2, 3]])
    let y = try ScoreMatrix(tasks: [[2, 2, 0]])
    #expect(throws: StatisticsError.taskCountMismatch(expected: 2, got: 1, what: "the second algorithm's score matrix")) {
      try Statistics.probabilityOfImprovement(x, over: y)
    }
    #expect(throws: StatisticsError.self) {
      try StratifiedBootstrap(resamples: 10).probabilityOfImprovement(x, over: y)
    }
  }
}
