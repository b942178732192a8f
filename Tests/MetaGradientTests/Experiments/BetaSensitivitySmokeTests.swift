import Foundation
import Testing

/// `beta-sensitivity` end to end on a tiny budget: one variant per β, all from η₀, and
/// each environment's final-eta.dat summarising the seeds' files.
@Suite struct BetaSensitivitySmokeTests {
  @Test func eachBetaIsAVariantFromOneStartAndTheTableSummarisesItsSeeds() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let betas = ["0.0001", "0.1"]
    let r = try ExperimentRunner.run("beta-sensitivity", ["--env", "catch", "--steps", "3200", "--seeds", "2", "--start", "0.9:0.5",
                                                          "--betas", betas.joined(separator: ","), "--quiet", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let table = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/final-eta.dat"))
    #expect(table.header.contains("# variants = \(betas.map { "beta\($0)" }.joined(separator: " "))"), "\(table.header)")
    #expect(table.column("variant_index") == betas.indices.map(Double.init))
    #expect(table.column("meta_learning_rate") == betas.map { Double($0)! })
    #expect(table.column("initial_gamma").allSatisfy { $0 == 0.9 } && table.column("initial_lambda").allSatisfy { $0 == 0.5 })
    var moved: [Double] = []
    for (i, beta) in betas.enumerated() {
      let seeds = try (0..<2).map { s in
        try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/beta\(beta)/seed0\(s).dat"))
      }
      #expect(seeds[0].header.contains("# meta_learning_rate = \(beta)") && seeds[0].header.contains("# initial_gamma = 0.9"))
      // The table's final γ is the mean of the seeds' last γ; its final return their mean over the last 10% of rows.
      let lastGammas = seeds.map { $0.column("gamma").last! }
      #expect(abs(table.column("gamma_mean")[i] - lastGammas.reduce(0, +) / 2) < 1e-8)
      #expect(table.column("gamma_lo")[i] <= table.column("gamma_mean")[i] && table.column("gamma_mean")[i] <= table.column("gamma_hi")[i])
      let finals = seeds.map { file -> Double in
        let returns = file.column("episode_return")
        let tail = returns.suffix(max(1, Int((Double(returns.count) * 0.1).rounded())))
        return tail.reduce(0, +) / Double(tail.count)
      }
      #expect(abs(table.column("final_mean")[i] - finals.reduce(0, +) / 2) < 1e-6)
      #expect(table.column("seeds")[i] == 2)
      moved.append(abs(table.column("gamma_mean")[i] - 0.9) + abs(table.column("lambda_mean")[i] - 0.5))
    }
    // A thousand times the meta learning rate moves η further.
    #expect(moved[1] > moved[0], "\(moved)")
  }

  @Test func helpNamesTheGridAndTheTable() throws {
    let r = try ExperimentRunner.run("beta-sensitivity", ["--help"])
    #expect(r.status == 0)
    for text in ["--betas", "--start", "0.0001, 0.001, 0.003, 0.01, 0.03", "final-eta.dat", "--plot"] {
      // The help wraps its lines: compare with the whitespace folded.
      #expect(r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(text), "help lacks \(text)")
    }
  }
}
