import Foundation
import Testing
@testable import MetaGradient

@Suite struct MatchedRunsTests {
  @Test func matchesTheFixtureByEnvironmentAndSeed() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let matched = try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)])
    #expect(matched.variants.map(\.name) == ["gamma0.99-lambda0.9", "gamma0.99-lambda1", "meta-gamma"])
    #expect(matched.variants.map(\.isFixedEta) == [true, true, false])
    #expect(matched.environments == ["cartpole", "catch"])
    #expect(matched.seeds == [0, 1])
    #expect(matched.randomScores == [10, 0])
    #expect(matched.notes.isEmpty && matched.incompleteFolders.isEmpty)
    for v in 0..<3 {
      for m in 0..<2 {
        for n in 0..<2 {
          let run = matched.runs[v][m][n]
          #expect(run.variant == matched.variants[v].variant && run.env == matched.environments[m] && run.seed == n)
        }
      }
    }
    // `only` selects and orders.
    let only = try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)],
                               only: ["meta-gamma", "baseline/gamma0.99-lambda1"])
    #expect(only.variants.map(\.name) == ["meta-gamma", "gamma0.99-lambda1"])
    #expect(throws: CompareError.unknownVariant("nope", available: ["gamma0.99-lambda0.9", "gamma0.99-lambda1", "meta-gamma"])) {
      try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)], only: ["nope"])
    }
  }

  @Test func sharedVariantNamesAreQualifiedByExperiment() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, _) = try CompareFixture.write(in: root)
    let copy = root.appendingPathComponent("baseline-rerun")
    try FileManager.default.copyItem(at: baseline, to: copy)
    let matched = try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(copy)])
    #expect(matched.variants.map(\.name) == [
      "baseline/gamma0.99-lambda0.9", "baseline/gamma0.99-lambda1",
      "baseline-rerun/gamma0.99-lambda0.9", "baseline-rerun/gamma0.99-lambda1",
    ])
    #expect(throws: CompareError.duplicateExperiment(name: "baseline", folders: [baseline.path, baseline.path])) {
      try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(baseline)])
    }
  }

  @Test func missingRunsFailOrAreDroppedAndListed() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    try FileManager.default.removeItem(at: CompareFixture.runFile(meta, env: "catch", variant: "meta-gamma", seed: 1))
    // A third environment only the baseline has.
    for variant in ["gamma0.99-lambda0.9", "gamma0.99-lambda1"] {
      for seed in 0..<2 { try CompareFixture.writeRun(in: baseline, env: "breakout", variant: variant, seed: seed, final: 3) }
    }
    try CompareFixture.writeRandom(in: baseline, env: "breakout", score: 0.5)
    let folders = [try ExperimentFolder(baseline), try ExperimentFolder(meta)]
    // Environments in EnvironmentID order: cartpole, catch, breakout.
    #expect(throws: CompareError.several([
      .missingRuns(variant: "meta-gamma", env: "catch", seeds: [1]),
      .missingRuns(variant: "meta-gamma", env: "breakout", seeds: []),
    ])) { try MatchedRuns(folders: folders) }

    let dropped = try MatchedRuns(folders: folders, missing: .drop)
    #expect(dropped.environments == ["cartpole", "catch"])
    #expect(dropped.seeds == [0])
    #expect(dropped.notes == [
      "dropped: meta-gamma on catch lacks seed 1, which other variants have",
      "dropped: meta-gamma has no runs on breakout, which other variants have",
      "dropped: environment breakout (not run by every variant)",
      "cartpole: seeds 1 not used: score matrices need the same seeds on every environment (0)",
    ])
  }

  @Test func environmentsWithMoreSeedsUseOnlyTheCommonOnes() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    for variant in ["gamma0.99-lambda0.9", "gamma0.99-lambda1"] {
      try CompareFixture.writeRun(in: baseline, env: "cartpole", variant: variant, seed: 2, final: 40)
    }
    try CompareFixture.writeRun(in: meta, env: "cartpole", variant: "meta-gamma", seed: 2, final: 40, meta: true)
    let matched = try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)])
    #expect(matched.seeds == [0, 1])
    #expect(matched.notes == ["cartpole: seeds 2 not used: score matrices need the same seeds on every environment (0, 1)"])
  }

  @Test func differentBudgetsAndUnfinishedRunsAreReported() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    try CompareFixture.writeRun(in: meta, env: "catch", variant: "meta-gamma", seed: 0, final: 0.6, meta: true, rows: 20)
    try CompareFixture.writeRun(in: meta, env: "catch", variant: "meta-gamma", seed: 1, final: 0.8, meta: true, rows: 20)
    try CompareFixture.writeRun(in: meta, env: "cartpole", variant: "meta-gamma", seed: 1, final: 90, meta: true, totalEnvSteps: 1200)
    let unfinished = CompareFixture.runFile(meta, env: "cartpole", variant: "meta-gamma", seed: 1).path
    for policy in MissingRunPolicy.allCases {
      #expect(throws: CompareError.several([
        .incompleteRun(file: unfinished, lastEnvSteps: 1000, totalEnvSteps: 1200),
        .budgetMismatch(env: "cartpole", budgets: [
          "gamma0.99-lambda0.9: 1000", "gamma0.99-lambda1: 1000", "meta-gamma seed 0: 1000", "meta-gamma seed 1: 1200"]),
        .budgetMismatch(env: "catch", budgets: ["gamma0.99-lambda0.9: 1000", "gamma0.99-lambda1: 1000", "meta-gamma: 2000"]),
      ])) { try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)], missing: policy) }
    }
  }

  @Test func garbledFilesAndMissingRandomScoresAreAllListed() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    let bad = CompareFixture.runFile(baseline, env: "catch", variant: "gamma0.99-lambda1", seed: 0)
    var lines = try String(contentsOf: bad, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let row = lines.firstIndex { !$0.hasPrefix("#") }! + 2  // the second data row
    lines[row] = "300 0.1 10 1 x3 0.99 0.9"
    try lines.joined(separator: "\n").write(to: bad, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: baseline.appendingPathComponent("random/catch.dat"))
    try FileManager.default.removeItem(at: meta.appendingPathComponent("random/catch.dat"))
    #expect(throws: CompareError.garbled(file: bad.path, line: row + 1, reason: "'x3' in column total_episodes is not a number")) {
      try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)])
    }
    try CompareFixture.writeRun(in: baseline, env: "catch", variant: "gamma0.99-lambda1", seed: 0, final: 0.2)
    #expect(throws: CompareError.missingRandomScore(env: "catch", looked: [
      baseline.appendingPathComponent("random/catch.dat").path, meta.appendingPathComponent("random/catch.dat").path,
    ])) { try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)]) }
  }

  @Test func foldersWithoutCompleteMarkersAreNoted() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    CompletionMarker.remove(in: meta)
    let matched = try MatchedRuns(folders: [try ExperimentFolder(baseline), try ExperimentFolder(meta)])
    #expect(matched.incompleteFolders == [meta.path])
    let c = try Comparison(matched, settings: ComparisonSettings(bootstrap: try StratifiedBootstrap(resamples: 10)))
    #expect(ComparisonReport(c, inputs: []).markdown.contains("- \(meta.path) has no COMPLETE marker: its experiment may still be running"))
  }

  @Test func foldersMustHoldRuns() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: CompareError.notAFolder(root.appendingPathComponent("nope").path)) {
      try ExperimentFolder(root.appendingPathComponent("nope"))
    }
    #expect(throws: CompareError.noRuns(folder: root.path)) { try ExperimentFolder(root) }
    #expect(CompareError.notAFolder("x").isUsageError && !CompareError.noRuns(folder: "x").isUsageError)
  }
}
