import Foundation
import Testing

/// `landscape` end to end on a tiny budget: every cell's seed files, and one table
/// whose rows are the cells' mean final returns, recomputed here from the seed files.
@Suite struct LandscapeSmokeTests {
  static let gammas = [0.9, 0.99], lambdas = [0.0, 0.5, 1.0]
  static let tiny = ["--env", "catch", "--steps", "1600", "--seeds", "3", "--gammas", "0.9,0.99", "--lambdas", "0,0.5,1", "--quiet"]

  /// The mean episode return over the last 10% of a curve's rows (at least one).
  static func finalReturn(_ file: ParsedDataFile) -> Double {
    let returns = file.column("episode_return")
    let k = max(1, Int((Double(returns.count) * 0.1).rounded()))
    let tail = returns.suffix(k).filter { !$0.isNaN }
    return tail.reduce(0, +) / Double(tail.count)
  }

  @Test func writesTheGridTableFromTheSeedFiles() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try ExperimentRunner.run("landscape", Self.tiny + ["--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("catch: best fixed η: γ = "), "\(result.stdout)")
    let table = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/landscape.dat"))
    #expect(table.columns == ["gamma_index", "lambda_index", "gamma", "lambda", "final_mean", "final_lo", "final_hi", "seeds"])
    #expect(table.rows.count == Self.gammas.count * Self.lambdas.count)
    // γ-major blocks, one blank line between them (gnuplot's grid layout).
    let text = try String(contentsOf: out.appendingPathComponent("catch/landscape.dat"), encoding: .utf8)
    #expect(text.components(separatedBy: "\n\n").count == Self.gammas.count)

    var means: [(gamma: Double, lambda: Double, mean: Double)] = []
    for (row, (i, g, j, l)) in zip(table.rows, Self.gammas.enumerated().flatMap { i, g in Self.lambdas.enumerated().map { (i, g, $0, $1) } }) {
      #expect(row[0] == Double(i) && row[1] == Double(j) && row[2] == g && row[3] == l, "\(row)")
      let variant = "gamma\(g)-lambda\(l == 0 ? "0" : l == 1 ? "1" : "\(l)")"
      let finals = try (0..<3).map { seed in
        Self.finalReturn(try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/\(variant)/seed0\(seed).dat")))
      }
      let mean = finals.reduce(0, +) / 3
      #expect(abs(row[4] - mean) <= 1e-6 * max(1, abs(mean)), "\(variant): \(row[4]) vs \(mean)")
      #expect(row[5] <= row[4] && row[4] <= row[6])
      #expect(row[7] == 3)
      means.append((g, l, row[4]))
    }
    let best = try #require(means.max { $0.mean < $1.mean })
    #expect(table.header.contains("# best_gamma = \(best.gamma)"), "\(table.header)")
    #expect(table.header.contains("# best_lambda = \(best.lambda == 0 ? "0" : best.lambda == 1 ? "1" : "\(best.lambda)")"))
  }
}
