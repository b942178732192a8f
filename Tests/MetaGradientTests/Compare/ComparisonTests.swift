import Foundation
import Testing
@testable import MetaGradient

/// The comparison layer on ``CompareFixture``, whose answers are worked out by hand in
/// its doc comment.
@Suite struct ComparisonTests {
  func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

  @Test func bestFixedEtaIsChosenPerEnvironmentAndNormalises() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let c = try CompareFixture.compare([baseline, meta])
    #expect(c.entries.map(\.name) == ["best-fixed-eta", "gamma0.99-lambda0.9", "gamma0.99-lambda1", "meta-gamma"])
    #expect(c.referenceIndex == 0 && c.reference.isComposite)
    // B (index 1) on cartpole, A (index 0) on catch.
    #expect(c.reference.sources == [1, 0])
    #expect(near(c.referenceScores[0], 70) && near(c.referenceScores[1], 0.6))
    // Normalised: (x − 10)/60 on cartpole, x/0.6 on catch.
    let m = try #require(c.normalised[3])
    #expect(zip(m.task(0), [1.0, 4.0 / 3]).allSatisfy(near) && zip(m.task(1), [1.0, 4.0 / 3]).allSatisfy(near))
    let a = try #require(c.normalised[1])
    #expect(zip(a.task(0), [20.0 / 60, 40.0 / 60]).allSatisfy(near) && zip(a.task(1), [0.5 / 0.6, 0.7 / 0.6]).allSatisfy(near))
    // Aggregates: reference 1 on every metric, meta-gamma 7/6.
    for k in 0..<3 {
      #expect(near(c.aggregates[0]![k].point, 1))
      #expect(near(c.aggregates[3]![k].point, 7.0 / 6))
      #expect(c.aggregates[3]![k].low <= c.aggregates[3]![k].point + 1e-12)
    }
    // P(meta-gamma > best fixed η) = ¾ on each environment.
    #expect(c.improvement[0] == nil)
    #expect(near(c.improvement[3]!.point, 0.75))
    // A vs the reference: cartpole {30, 50} vs {60, 80}: 0; catch A vs A: ½ → ¼.
    #expect(near(c.improvement[1]!.point, 0.25))
    // Per environment: A 0 on cartpole (every run below), ½ on catch (itself); the
    // environments' mean is the aggregate's point for every entry.
    #expect(c.environmentImprovement[0] == nil)
    let a1 = try #require(c.environmentImprovement[1])
    #expect(near(a1[0].point, 0) && near(a1[1].point, 0.5) && a1[0].low == 0 && a1[0].high == 0)
    for i in 1...3 {
      let perEnvironment = try #require(c.environmentImprovement[i])
      #expect(perEnvironment.count == c.matched.environments.count)
      #expect(near(perEnvironment.map(\.point).reduce(0, +) / Double(perEnvironment.count), c.improvement[i]!.point))
    }
    #expect(c.diverged.isEmpty && c.validSeeds.allSatisfy { $0 == [0, 1] })
  }

  @Test func namedReferenceNormalisesByThatVariant() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let c = try CompareFixture.compare([baseline, meta], reference: .variant("baseline/gamma0.99-lambda0.9"))
    #expect(c.entries.map(\.name) == ["gamma0.99-lambda0.9", "gamma0.99-lambda1", "meta-gamma"])
    #expect(c.referenceIndex == 0 && !c.reference.isComposite)
    #expect(near(c.referenceScores[0], 40) && near(c.referenceScores[1], 0.6))
    // meta-gamma: cartpole (70 − 10)/30 = 2, (90 − 10)/30 = 8/3; catch 1, 4/3.
    let m = try #require(c.normalised[2])
    #expect(zip(m.allScores, [2, 8.0 / 3, 1, 4.0 / 3]).allSatisfy(near))
    #expect(near(c.aggregates[2]![0].point, (7.0 / 3 + 7.0 / 6) / 2))
    // Cartpole: every meta run beats every A run (1); catch: ¾.
    #expect(near(c.improvement[2]!.point, 0.875))
    #expect(throws: CompareError.unknownVariant("meta", available: ["gamma0.99-lambda0.9", "gamma0.99-lambda1", "meta-gamma"])) {
      try CompareFixture.compare([baseline, meta], reference: .variant("meta"))
    }
    #expect(throws: CompareError.noFixedEtaVariant(available: ["meta-gamma"])) { try CompareFixture.compare([meta]) }
  }

  @Test func divergedRunsAreReportedAndNotAveragedIn() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    try CompareFixture.writeRun(in: meta, env: "catch", variant: "meta-gamma", seed: 1, final: 0.8, meta: true,
                                extraHeader: [("diverged", "at env_steps 600")])
    try CompareFixture.writeRun(in: baseline, env: "cartpole", variant: "gamma0.99-lambda0.9", seed: 0, final: 0, returns: [
      1, 2, 3, 4, 5, 6, 7, 8, 9, .nan,
    ])
    let c = try CompareFixture.compare([baseline, meta])
    #expect(c.diverged.count == 2)
    #expect(c.diverged[0].variant == "gamma0.99-lambda0.9" && c.diverged[0].env == "cartpole" && c.diverged[0].seed == 0)
    #expect(c.diverged[1].variant == "meta-gamma" && c.diverged[1].env == "catch" && c.diverged[1].seed == 1)
    #expect(c.diverged[1].reason == "diverged = at env_steps 600")
    // meta-gamma keeps seed 0 only, on every environment: normalised {1} and {1}.
    #expect(c.validSeeds[3] == [0])
    #expect(c.normalised[3]!.runCount == 1 && c.normalised[3]!.allScores.allSatisfy { near($0, 1) })
    // A lost seed 0; the reference (B on cartpole, A on catch: A's seed 0 diverged on
    // cartpole, where the reference uses B) keeps both seeds.
    #expect(c.validSeeds[1] == [1] && c.validSeeds[0] == [0, 1])
    #expect(near(c.referenceScores[1], 0.6))
    let markdown = ComparisonReport(c, inputs: ["b", "m"]).markdown
    #expect(markdown.contains("| meta-gamma | 1 × 2 (1 seed diverged) |"))
    #expect(markdown.contains("meta-gamma on catch, seed 1: diverged = at env_steps 600"))
    #expect(markdown.contains("gamma0.99-lambda0.9 on cartpole, seed 0: episode_return = nan at env_steps 1000"))
  }

  @Test func aReferenceAtTheRandomScoreCannotNormalise() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    for seed in 0..<2 {
      try CompareFixture.writeRun(in: baseline, env: "catch", variant: "gamma0.99-lambda1", seed: seed, final: 0)
    }
    #expect(throws: CompareError.degenerateReference(env: "catch", random: 0, reference: 0)) {
      try CompareFixture.compare([baseline, meta], reference: .variant("gamma0.99-lambda1"))
    }
  }

  @Test func profilesAndEfficiencyCurves() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let c = try CompareFixture.compare([baseline, meta])
    // Thresholds from min(0, lowest) to max(1, highest) rounded to 0.1: A's 1/3 … M's 4/3.
    #expect(c.thresholds.first == 0 && near(c.thresholds.last!, 1.4) && c.thresholds.count == 101)
    let profile = try #require(c.profiles[3])
    #expect(profile.fractions == Statistics.scoreDistribution(c.normalised[3]!, thresholds: c.thresholds))
    // Every run ramps linearly from the random score to its final score over 10 rows:
    // at progress p its normalised score is p × its final one, so IQM(p) = p × IQM(1).
    let curve = try #require(c.efficiency[3])
    #expect(curve.fractions.count == 10 && near(curve.fractions[0], 0.1) && curve.fractions[9] == 1)
    for (p, e) in zip(curve.fractions, curve.estimates) { #expect(near(e!.point, p * 7.0 / 6)) }
    let reference = try #require(c.efficiency[0])
    #expect(near(reference.estimates[9]!.point, 1))
  }

  @Test func efficiencyValuesStepToTheLastLoggedRow() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try CompareFixture.writeRun(in: root, env: "catch", variant: "v", seed: 0, final: 0, returns: [.nan, 1, 2, 3])
    let run = try RunRecord(contentsOf: CompareFixture.runFile(root, env: "catch", variant: "v", seed: 0))
    let values = SampleEfficiencyCurve.values(run, at: [0.1, 0.25, 0.3, 0.5, 0.99, 1])
    // Rows at p = 0.25 (nan: no episode yet), 0.5, 0.75, 1.
    #expect(values[0].isNaN && values[1].isNaN && values[2].isNaN)
    #expect(Array(values[3...]) == [1, 2, 3])
  }

  @Test func sameSeedSameFilesAnotherSeedOtherIntervals() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let files = { (seed: UInt64) throws -> [String] in
      let matched = try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)])
      let c = try Comparison(matched, settings: ComparisonSettings(bootstrap: try StratifiedBootstrap(resamples: 100, seed: seed)))
      return ComparisonFiles(c, inputs: ["b", "m"]).files().map { "\($0.path)\n\($0.contents)" }
    }
    let first = try files(3), again = try files(3), other = try files(4)
    #expect(first == again)
    #expect(first != other)
    #expect(first.count == 1 + 2 + 2 * 4 + 2)
  }

  @Test func filesHoldTheTableAndOneDataFilePerFigure() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let c = try CompareFixture.compare([baseline, meta])
    let files = Dictionary(uniqueKeysWithValues: ComparisonFiles(c, inputs: ["b", "m"]).files().map { ($0.path, $0.contents) })
    #expect(Set(files.keys) == [
      "comparison.md", "aggregates.dat", "improvement.dat", "scores.dat", "environments.dat",
      "profiles/best-fixed-eta.dat", "profiles/gamma0.99-lambda0.9.dat", "profiles/gamma0.99-lambda1.dat", "profiles/meta-gamma.dat",
      "efficiency/best-fixed-eta.dat", "efficiency/gamma0.99-lambda0.9.dat", "efficiency/gamma0.99-lambda1.dat", "efficiency/meta-gamma.dat",
    ])
    #expect(files["aggregates.dat"]!.contains(
      "# variant index mean mean_lo mean_hi median median_lo median_hi iqm iqm_lo iqm_hi seeds diverged\nbest-fixed-eta 0 1 "))
    #expect(files["aggregates.dat"]!.contains("\n# reference = best-fixed-eta\n"))
    let profile = try DataFileReader(text: files["profiles/meta-gamma.dat"]!, path: "profile")
    #expect(profile.columns == ["tau", "fraction", "fraction_lo", "fraction_hi"] && profile.rows.count == 101)
    let efficiency = try DataFileReader(text: files["efficiency/meta-gamma.dat"]!, path: "efficiency")
    #expect(efficiency.columns == ["training_fraction", "iqm", "iqm_lo", "iqm_hi"] && efficiency.rows.count == 10)
    #expect(files["aggregates.dat"]!.contains("\nmeta-gamma 3 1.16666667 "))
    #expect(files["improvement.dat"]!.hasSuffix("meta-gamma 3 0.75 0.5 1\n") || files["improvement.dat"]!.contains("\nmeta-gamma 3 0.75 "))
    #expect(files["environments.dat"]!.hasSuffix("cartpole gamma0.99-lambda1 1000 10 70\ncatch gamma0.99-lambda0.9 1000 0 0.6\n"))
    #expect(files["scores.dat"]!.contains("\nmeta-gamma cartpole 1 90 1.33333333 0\n"))
    let table = files["comparison.md"]!
    #expect(table.contains("| variant | runs | mean | median | IQM | P(variant > best-fixed-eta) |"))
    #expect(table.contains("| **best-fixed-eta** (reference) | 2 × 2 | 1.000 ["))
    #expect(table.contains("| meta-gamma | 2 × 2 | 1.167 ["))
    #expect(table.contains("| cartpole | 1000 | 10 | 70 (gamma0.99-lambda1) | 40 | 70 | 80 |"))
    #expect(table.contains("## P(variant > best-fixed-eta) per environment\n"))
    #expect(table.contains("| variant | cartpole | catch |\n"))
    #expect(table.contains("| gamma0.99-lambda0.9 | 0.00 [0.00, 0.00] | 0.50 ["))
  }
}
