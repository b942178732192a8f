import Foundation
import Testing

/// `beta-sensitivity` end to end on a tiny budget: one variant per β, all from η₀, with
/// the final return per β in the summary and the final η in each aggregate's last row
/// (what figures/beta-sensitivity.gp reads).
@Suite struct BetaSensitivitySmokeTests {
  @Test func eachBetaIsAVariantFromOneStartWithItsFinalReturnInTheSummary() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let betas = ["0.0001", "0.1"]
    let r = try ExperimentRunner.run("beta-sensitivity", ["--env", "catch", "--steps", "3200", "--seeds", "2", "--start", "0.9:0.5",
                                                          "--betas", betas.joined(separator: ","), "--quiet", "--plot", "off", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let summary = try String(contentsOf: out.appendingPathComponent("COMPLETE"), encoding: .utf8)
    var moved: [Double] = []
    for beta in betas {
      let seeds = try (0..<2).map { s in
        try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/beta\(beta)/seed0\(s).dat"))
      }
      for line in ["# meta_learning_rate = \(beta)", "# initial_gamma = 0.9", "# initial_lambda = 0.5", "# learn_gamma = true", "# learn_lambda = true"] {
        #expect(seeds[0].header.contains(line), "\(line) missing")
      }
      // The summary line the figure reads: the seeds' mean final return (last 10% of rows) and its interval.
      let finals = seeds.map { file -> Double in
        let returns = file.column("episode_return")
        let tail = returns.suffix(max(1, Int((Double(returns.count) * 0.1).rounded())))
        return tail.reduce(0, +) / Double(tail.count)
      }
      let prefix = "catch beta\(beta): final return (last 10% of rows) "
      let line = try #require(summary.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(summary)")
      #expect(abs(Double(line.dropFirst(prefix.count).split(separator: " ")[0])! - finals.reduce(0, +) / 2) < 1e-6, "\(line)")
      #expect(line.hasSuffix("over 2 seeds"))
      // The aggregate's last row is the final η, mean over seeds.
      let aggregate = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/beta\(beta)/aggregate.dat"))
      let lastGammas = seeds.map { $0.column("gamma").last! }
      #expect(abs(aggregate.column("gamma_mean").last! - lastGammas.reduce(0, +) / 2) < 1e-8)
      moved.append(abs(aggregate.column("gamma_mean").last! - 0.9) + abs(aggregate.column("lambda_mean").last! - 0.5))
    }
    // A thousand times the meta learning rate moves η further.
    #expect(moved[1] > moved[0], "\(moved)")
  }

  @Test func helpNamesTheGridAndTheTable() throws {
    let r = try ExperimentRunner.run("beta-sensitivity", ["--help"])
    #expect(r.status == 0)
    for text in ["--betas", "--start", "0.0001, 0.001, 0.003, 0.01, 0.03", "final γ and λ", "--plot"] {
      // The help wraps its lines: compare with the whitespace folded.
      #expect(r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(text), "help lacks \(text)")
    }
  }
}
