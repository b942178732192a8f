import Testing
@testable import MetaGradient

@Suite struct OrderStatisticsTests {
  @Test func interquartileMeanOfOneToEight() {
    // n = 8, k = ⌊0.25·8⌋ = 2 cut per side: mean of 3, 4, 5, 6.
    #expect(Statistics.interquartileMean([8, 1, 7, 2, 6, 3, 5, 4]) == 4.5)
  }

  @Test func interquartileMeanRoundsTheCutDown() {
    // n = 10: 0.25·10 = 2.5, scipy's trim_mean cuts int(2.5) = 2 per side and averages
    // the middle six: (4 + 8 + 16 + 32 + 64 + 128) / 6 = 42 (cutting 3 would give 30).
    let xs: [Double] = [512, 1, 64, 2, 256, 4, 128, 8, 32, 16]
    #expect(Statistics.interquartileMean(xs) == 42)
    // n = 5: int(1.25) = 1 per side → mean(2, 3, 4) = 3; n = 3: int(0.75) = 0 → plain mean.
    #expect(Statistics.interquartileMean([5, 1, 4, 2, 30]) == 11.0 / 3.0)
    #expect(Statistics.interquartileMean([1, 2, 9]) == 4)
    #expect(Statistics.interquartileMean([7]) == 7)
  }

  @Test func trimmedMeanWithoutCutIsTheMean() {
    let xs: [Double] = [3, 1, 10, -2]
    #expect(Statistics.trimmedMean(xs, proportionToCut: 0) == Statistics.mean(xs))
    // α = 0.1, n = 4: int(0.4) = 0 cut.
    #expect(Statistics.trimmedMean(xs, proportionToCut: 0.1) == 3)
  }

  @Test func medianAndQuantiles() {
    #expect(Statistics.median([3, 1, 2]) == 2)
    #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    // Linear interpolation (np.percentile): h = 4·0.1 = 0.4 → 1 + 0.4·(2 − 1).
    #expect(abs(Statistics.quantile([5, 4, 3, 2, 1], 0.1) - 1.4) < 1e-12)
    #expect(Statistics.quantile([5, 4, 3, 2, 1], 0) == 1)
    #expect(Statistics.quantile([5, 4, 3, 2, 1], 1) == 5)
    #expect(Statistics.quantile([5, 4, 3, 2, 1], 0.75) == 4)
  }
}
