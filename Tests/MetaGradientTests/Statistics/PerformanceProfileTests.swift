import Testing
@testable import MetaGradient

@Suite struct PerformanceProfileTests {
  /// Pooled scores 0, 0, 0.5, 1, 2, 3 (2 runs × 3 tasks).
  let scores = try! ScoreMatrix(runs: [
    [0.0, 1.0, 2.0],
    [0.5, 3.0, 0.0],
  ])

  @Test func fractionAboveThreshold() {
    let f = Statistics.scoreDistribution(scores, thresholds: [-1, 0, 0.5, 1, 2.5, 3])
    // Strictly greater than τ: 6, 4, 3, 2, 1, 0 of 6 scores.
    let expected: [Double] = [6, 4, 3, 2, 1, 0].map { $0 / 6 }
    #expect(f == expected)
  }

  @Test func profileWithBands() throws {
    let taus = PerformanceProfile.linearThresholds(from: -1, through: 3, count: 9)
    #expect(taus == [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3])
    let profile = PerformanceProfile(scores, thresholds: taus, bootstrap: try StratifiedBootstrap(resamples: 500, seed: 2))
    #expect(profile.fractions == Statistics.scoreDistribution(scores, thresholds: taus))
    for (a, b) in zip(profile.fractions, profile.fractions.dropFirst()) { #expect(a >= b) }
    for e in profile.estimates { #expect(0 <= e.low && e.low <= e.high && e.high <= 1) }
    // Below every score and at the maximum the band cannot move.
    #expect(profile.estimates.first == IntervalEstimate(point: 1, low: 1, high: 1))
    #expect(profile.estimates.last == IntervalEstimate(point: 0, low: 0, high: 0))
    // In between, resampling runs does move the fraction.
    #expect(profile.estimates[4].width > 0)
    let again = PerformanceProfile(scores, thresholds: taus, bootstrap: try StratifiedBootstrap(resamples: 500, seed: 2))
    #expect(again == profile)
  }
}
