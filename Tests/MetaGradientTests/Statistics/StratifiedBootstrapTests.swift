import Testing
@testable import MetaGradient

@Suite struct StratifiedBootstrapTests {
  /// `runs` × `tasks` draws from N(task index, 1), from a fixed stream.
  static func normalScores(runs: Int, tasks: Int, seed: UInt64) -> ScoreMatrix {
    var rng = RandomStream(seed: seed)
    let columns = (0..<tasks).map { m in (0..<runs).map { _ in rng.normal(mean: Double(m), std: 1) } }
    return try! ScoreMatrix(tasks: columns)
  }

  @Test func resamplingStaysWithinEachTask() {
    let scores = try! ScoreMatrix(tasks: [[0, 1, 2, 3], [100, 101, 102, 103], [200, 201, 202, 203]])
    var rng = RandomStream(seed: 3)
    var seen = Set<Double>()
    for _ in 0..<50 {
      let r = StratifiedBootstrap.resample(scores, using: &rng)
      #expect(r.runCount == 4 && r.taskCount == 3)
      for m in 0..<3 {
        for x in r.task(m) { #expect(scores.task(m).contains(x)); seen.insert(x) }
      }
    }
    #expect(seen.count == 12)  // every run gets drawn at some point
  }

  @Test func sameSeedSameIntervalsDifferentSeedDifferent() throws {
    let scores = Self.normalScores(runs: 10, tasks: 3, seed: 1)
    let a = try StratifiedBootstrap(resamples: 500, seed: 7)
    let b = try StratifiedBootstrap(resamples: 500, seed: 7)
    let c = try StratifiedBootstrap(resamples: 500, seed: 8)
    let metrics = AggregateMetric.standard
    let ia = a.intervals(scores, metrics: metrics)
    #expect(ia == b.intervals(scores, metrics: metrics))
    let ic = c.intervals(scores, metrics: metrics)
    #expect(ia != ic)
    for (x, y) in zip(ia, ic) { #expect(x.point == y.point) }  // only the intervals move
    #expect(a.interval(scores, metric: .interquartileMean) == ia[1])
  }

  @Test func intervalShrinksWithMoreRuns() throws {
    // Average widths over eight data sets each, so one lucky tight sample of five cannot
    // decide the test; expected ratio ≈ √(5/100) ≈ 0.22.
    let bootstrap = try StratifiedBootstrap(resamples: 500, seed: 11)
    func averageWidth(runs: Int) -> Double {
      let widths = (0..<8).map { s in
        bootstrap.interval(Self.normalScores(runs: runs, tasks: 1, seed: 100 + UInt64(s)), metric: .mean).width
      }
      return Statistics.mean(widths)
    }
    let few = averageWidth(runs: 5), many = averageWidth(runs: 100)
    #expect(many < few / 2)
    let one = bootstrap.interval(Self.normalScores(runs: 100, tasks: 1, seed: 2), metric: .mean)
    #expect(one.contains(0) && one.contains(one.point))
    // For the mean of 100 normal draws the percentile interval ≈ the t-interval.
    let t = Statistics.meanInterval(Self.normalScores(runs: 100, tasks: 1, seed: 2).allScores)
    #expect(abs(one.width / (t.high - t.low) - 1) < 0.15)
  }

  @Test func lowerConfidenceGivesNarrowerInterval() throws {
    let scores = Self.normalScores(runs: 20, tasks: 2, seed: 4)
    let wide = try StratifiedBootstrap(resamples: 1_000, confidence: 0.95, seed: 1).interval(scores, metric: .median)
    let narrow = try StratifiedBootstrap(resamples: 1_000, confidence: 0.5, seed: 1).interval(scores, metric: .median)
    #expect(narrow.width < wide.width)
    #expect(wide.low <= narrow.low && narrow.high <= wide.high)
  }

  @Test func constantScoresGiveADegenerateInterval() throws {
    let scores = try ScoreMatrix(tasks: [[2, 2, 2], [5, 5, 5]])
    let i = try StratifiedBootstrap(resamples: 200).interval(scores, metric: .mean)
    #expect(i == IntervalEstimate(point: 3.5, low: 3.5, high: 3.5))
  }

  @Test func invalidSettingsAreRejected() {
    #expect(throws: StatisticsError.invalidResamples(0)) { try StratifiedBootstrap(resamples: 0) }
    #expect(throws: StatisticsError.invalidConfidence(1)) { try StratifiedBootstrap(confidence: 1) }
    #expect(throws: StatisticsError.invalidConfidence(0)) { try StratifiedBootstrap(confidence: 0) }
  }
}
