import Foundation
import Testing
@testable import MetaGradient

/// The held-out best fixed η: chosen per environment on tuning folders (``CompareFixture``'s
/// hand-known scores), recorded in its runs' headers, and read back by `compare`, which
/// refuses a reference whose tuning and scoring seeds overlap.
@Suite struct HeldOutReferenceTests {
  @Test func choosesTheBestCellPerEnvironmentFromTheFirstFolderWithFixedRuns() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, meta) = try CompareFixture.write(in: root)
    // meta-gamma has no fixed-η runs, so baseline supplies every environment.
    let reference = try HeldOutReference(tuning: [ExperimentFolder(meta), ExperimentFolder(baseline)], environments: ["catch", "cartpole"])
    #expect(reference.choices.map(\.env) == ["catch", "cartpole"])
    #expect(reference["cartpole"]?.variant == "gamma0.99-lambda1" && reference["cartpole"]?.meanScore == 70)
    #expect(reference["catch"]?.variant == "gamma0.99-lambda0.9" && abs(reference["catch"]!.meanScore - 0.6) < 1e-12)
    for choice in reference.choices {
      #expect(choice.folder == "baseline" && choice.seeds == [0, 1] && choice.baseSeed == "0" && choice.cells == 2)
      #expect(choice.header.contains { $0.key == HeldOutReference.headerKeys.seeds && $0.value == "0–1" })
    }
    #expect(throws: CompareError.self) { try HeldOutReference(tuning: [ExperimentFolder(baseline)], environments: ["seaquest"]) }
  }

  @Test func seedListsReadBack() {
    #expect(HeldOutReference.describe([8, 0, 1, 2, 5, 7]) == "0–2, 5, 7–8")
    #expect(HeldOutReference.parse("0–2, 5, 7–8") == [0, 1, 2, 5, 7, 8])
    #expect(HeldOutReference.parse("10–19") == Array(10...19))
    for bad in ["", "x", "3–1", "1–2–3", "-1"] { #expect(HeldOutReference.parse(bad) == nil, "parsed '\(bad)'") }
  }

  /// A reference run on seeds 10–11 tuned on seeds 0–1 is held out and said to be; on
  /// seeds 0–1 it is refused; a reference with the header on only some runs is refused.
  @Test func compareSaysWhereTheReferenceWasChosenAndRefusesOverlaps() throws {
    let root = try CompareFixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let (baseline, _) = try CompareFixture.write(in: root)
    let reference = try HeldOutReference(tuning: [ExperimentFolder(baseline)], environments: CompareFixture.environments)
    func evaluation(_ name: String, seeds: [Int], tagged: (Int) -> Bool = { _ in true }) throws -> URL {
      let folder = root.appendingPathComponent(name)
      for env in CompareFixture.environments {
        for seed in seeds {
          try CompareFixture.writeRun(in: folder, env: env, variant: "tuned", seed: seed, final: env == "catch" ? 0.5 : 60,
                                      extraHeader: tagged(seed) ? reference[env]!.header : [])
          try CompareFixture.writeRun(in: folder, env: env, variant: "meta", seed: seed, final: env == "catch" ? 0.6 : 70, meta: true)
        }
        try CompareFixture.writeRandom(in: folder, env: env, score: CompareFixture.random[env]!)
      }
      try CompletionMarker.write(in: folder, summary: "fixture\n")
      return folder
    }
    let heldOut = try CompareFixture.compare([evaluation("table", seeds: [10, 11])], reference: .variant("tuned"))
    let sentences = try #require(heldOut.heldOut).sentences
    #expect(sentences.contains("cartpole: γ = 0.99, λ = 0.9, the best of 2 fixed-η cells of baseline on seeds 0–1 (base seed 0), scored on seeds 10–11 (base seed 0)"))
    let report = ComparisonReport(heldOut, inputs: ["table"]).markdown
    #expect(report.contains("held out") && report.contains("`tuned` on catch:"))
    // Chosen in the comparison itself, or a plain variant: no provenance.
    #expect(try CompareFixture.compare([baseline]).heldOut == nil)
    #expect(try CompareFixture.compare([baseline], reference: .variant("gamma0.99-lambda1")).heldOut == nil)

    #expect(throws: CompareError.self) { try CompareFixture.compare([evaluation("overlap", seeds: [0, 1])], reference: .variant("tuned")) }
    #expect(throws: CompareError.self) {
      try CompareFixture.compare([evaluation("partial", seeds: [10, 11], tagged: { $0 == 10 })], reference: .variant("tuned"))
    }
  }
}
