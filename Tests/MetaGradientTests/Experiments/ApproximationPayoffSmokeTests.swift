import Foundation
import Testing

/// `approximation-payoff` end to end on a tiny budget: approximation-order's files, from
/// the payoff's poor start and β, with seeds per class of environment.
@Suite struct ApproximationPayoffSmokeTests {
  @Test func trainsEachApproximationFromThePoorStart() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let trained = ["first-order", "trace-0.9", "exact-3"]
    let r = try ExperimentRunner.run("approximation-payoff", [
      "--env", "catch", "--steps", "400", "--num-envs", "4", "--rollout-steps", "5", "--seeds", "2",
      "--approximations", trained.joined(separator: ","), "--measurements", "2", "--quiet", "--out", out.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    for a in trained {
      let file = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/\(a)/seed01.dat"))
      for line in ["# approximation = \(a)", "# initial_gamma = 0.995", "# initial_lambda = 1.0", "# meta_learning_rate = 0.001"] {
        #expect(file.header.contains(line), "\(line) missing in \(a)")
      }
      #expect(abs(file.column("gamma")[0] - 0.995) < 0.01)
    }
    // The measured approximations default to the trained ones, against the largest exact horizon.
    let accuracy = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/accuracy.dat"))
    #expect(accuracy.header.contains("# approximations = \(trained.joined(separator: " "))"), "\(accuracy.header)")
    #expect(accuracy.header.contains("# reference = exact-3") && accuracy.header.contains("# host = first-order"))
    let cost = try ParsedDataFile(contentsOf: out.appendingPathComponent("catch/cost.dat"))
    #expect(cost.column("index") == trained.indices.map(Double.init))
    let manifest = try String(contentsOf: out.appendingPathComponent("MANIFEST"), encoding: .utf8)
    #expect(manifest.contains("experiment = approximation-payoff") && manifest.contains("catch.seeds = 2"), "\(manifest)")
  }

  @Test func fullProfileHasTenClassicAndFiveMinAtarSeeds() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("approximation-payoff", ["--profile", "full", "--list-units", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let units = r.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    for (env, seeds) in [("cartpole", 10), ("catch", 10), ("breakout", 5)] {
      for a in ["first-order", "trace-0.5", "trace-0.9", "exact-3", "exact-10"] {
        #expect(units.filter { $0.hasPrefix("\(env)/\(a)/seed") }.count == seeds, "\(env)/\(a)")
      }
    }
  }

  @Test func helpNamesTheRegime() throws {
    let r = try ExperimentRunner.run("approximation-payoff", ["--help"])
    #expect(r.status == 0)
    for text in ["--start", "--beta", "0.995", "first-order,trace-0.5,trace-0.9,exact-3,exact-10", "--approximations", "--plot"] {
      // The help wraps its lines: compare with the whitespace folded.
      #expect(r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains(text), "help lacks \(text)")
    }
  }
}
