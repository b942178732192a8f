import Foundation
import Testing
@testable import MetaGradient

@Suite struct FinalScoreRuleTests {
  func run(_ returns: [Double], header: String = "") throws -> RunRecord {
    var text = "# t\n# env = catch\n# variant = v\n# seed = 0\n# total_env_steps = \(100 * returns.count)\n\(header)"
    text += "# env_steps episode_return\n"
    for (i, r) in returns.enumerated() { text += "\(100 * (i + 1)) \(DataFile.format(r))\n" }
    return try RunRecord(DataFileReader(text: text, path: "seed00.dat"))
  }

  @Test func windowIsTheLastTenthOfRowsAtLeastOne() {
    let rule = FinalScoreRule()
    #expect(rule.windowCount(rows: 150) == 15)
    #expect(rule.windowCount(rows: 79) == 8)  // round(7.9)
    #expect(rule.windowCount(rows: 4) == 1)
    #expect(FinalScoreRule(fraction: 0.5).windowCount(rows: 3) == 2)  // round(1.5) = 2
    #expect(FinalScoreRule.isValid(fraction: 1) && !FinalScoreRule.isValid(fraction: 0) && !FinalScoreRule.isValid(fraction: 1.1))
  }

  @Test func scoreIsTheWindowMeanAndMatchesLearningCurve() throws {
    let returns: [Double] = [.nan, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20]
    // k = round(20 · 0.1) = 2: mean of 18 and 20.
    #expect(FinalScoreRule().score(try run(returns)) == .score(19))
    #expect(FinalScoreRule(fraction: 0.25).score(try run(returns)) == .score((15 + 16 + 17 + 18 + 20) / 5))  // k = 5
  }

  @Test func scoreAgreesWithTheExperimentsOwnSummary() throws {
    var curve = LearningCurve()
    for i in 1...37 {
      var tally = EpisodeTally()
      tally.add(episodeReturn: Double(i * i % 11), length: 5)
      curve.log(envSteps: 100 * i, episodes: tally, gamma: 0.99, lambda: 1)
    }
    var file = DataFile(title: "t", config: [("env", "catch"), ("variant", "v"), ("seed", "0"), ("total_env_steps", "3700")],
                        columns: LearningCurve.columns)
    for row in curve.rows { file.append(row) }
    let run = try RunRecord(DataFileReader(text: file.contents, path: "seed00.dat"))
    for f in [0.1, 0.25, 1] {
      #expect(FinalScoreRule(fraction: f).score(run).value == curve.finalReturn(fraction: f))
    }
  }

  @Test func nonFiniteInTheWindowOrADivergedLineIsDiverged() throws {
    let nan = FinalScoreRule().score(try run([1, 2, 3, 4, 5, 6, 7, 8, 9, .nan]))
    #expect(nan == .diverged("episode_return = nan at env_steps 1000, in the final 1 rows"))
    #expect(nan.value == nil)
    let inf = FinalScoreRule(fraction: 0.2).score(try run([1, 2, 3, 4, 5, 6, 7, 8, .infinity, 1]))
    #expect(inf == .diverged("episode_return = inf at env_steps 900, in the final 2 rows"))
    // NaN before the window (no episode finished yet) is fine.
    #expect(FinalScoreRule().score(try run([.nan, 2, 3, 4, 5, 6, 7, 8, 9, 10])) == .score(10))
    let marked = try run([1, 2, 3], header: "# diverged at env_steps 300: NaN in θ\n")
    #expect(FinalScoreRule().score(marked) == .diverged("diverged at env_steps 300: NaN in θ"))
    let keyed = try run([1, 2, 3], header: "# diverged = env_steps 300\n")
    #expect(FinalScoreRule().score(keyed) == .diverged("diverged = env_steps 300"))
  }

  @Test func runHeaderMustMatchItsFolder() throws {
    let url = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: url) }
    try CompareFixture.writeRun(in: url, env: "catch", variant: "a", seed: 0, final: 1)
    let file = CompareFixture.runFile(url, env: "catch", variant: "a", seed: 0)
    #expect(throws: CompareError.garbled(file: file.path, line: nil, reason: "`# variant = a` but the file lies in the folder of variant 'b'")) {
      try RunRecord(contentsOf: file, env: "catch", variant: "b")
    }
    let run = try RunRecord(contentsOf: file, env: "catch", variant: "a")
    #expect(run.isFixedEta && run.seed == 0 && run.totalEnvSteps == 1000 && run.incompleteness == nil)
  }
}
