import Foundation
import Testing
@testable import MetaGradient

/// `table-1` and `outer-critic` end to end on a tiny budget: a tiny `baseline` is the
/// tuning folder; the held-out best fixed η is its best cell, run on seeds 10–11; every
/// row writes its curves and figures; `compare` says which seeds chose the reference and
/// which scored it.
@Suite(.serialized) struct TableOneSmokeTests {
  static let tiny = ["--env", "cartpole,breakout", "--steps", "640", "--seeds", "2", "--quiet"]
  static let rows = ["gamma0.99-lambda1", "gamma0.995-lambda1", "tuned-fixed-eta", "meta-lambda", "meta-gamma",
                     "meta-gamma-lambda", "meta-gamma-lambda-unconditioned"]

  /// A finished tiny baseline grid in `root/baseline` (seeds 0–1).
  static func tuningFolder(in root: URL) throws -> URL {
    let tuning = root.appendingPathComponent("baseline")
    let r = try ExperimentRunner.run("baseline", tiny + ["--gammas", "0.99,0.995", "--lambdas", "0.9,1", "--plot", "off", "--out", tuning.path])
    #expect(r.status == 0, "\(r.stderr)")
    return tuning
  }

  /// The tuning folder's best cell on `env` by the final-score rule (mean over seeds of
  /// each run's mean return over its last 10% of rows), read straight from its files.
  static func bestCell(_ tuning: URL, env: String) throws -> (variant: String, gamma: String, lambda: String) {
    var best: (String, Double, ParsedDataFile)?
    let cells = try FileManager.default.contentsOfDirectory(atPath: tuning.appendingPathComponent(env).path).sorted()
    for cell in cells {
      let files = try (0..<2).map { try ParsedDataFile(contentsOf: tuning.appendingPathComponent("\(env)/\(cell)/seed0\($0).dat")) }
      let scores = files.map { file -> Double in
        let returns = file.column("episode_return"), k = max(1, Int((Double(returns.count) * 0.1).rounded()))
        return returns.suffix(k).reduce(0, +) / Double(k)
      }
      let mean = scores.reduce(0, +) / Double(scores.count)
      if best == nil || mean > best!.1 { best = (cell, mean, files[0]) }
    }
    let header = best!.2.header
    func value(_ key: String) -> String { header.first { $0.hasPrefix("# \(key) = ") }!.dropFirst(key.count + 5).description }
    return (best!.0, value("gamma"), value("lambda"))
  }

  @Test func everyRowOnEvaluationSeedsWithTheHeldOutReference() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let tuning = try Self.tuningFolder(in: root)
    let out = root.appendingPathComponent("table-1")
    let r = try ExperimentRunner.run("table-1", Self.tiny + ["--meta-learning-rate", "0.01", "--tuning", tuning.path, "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    for env in ["cartpole", "breakout"] {
      let best = try Self.bestCell(tuning, env: env)
      for row in Self.rows {
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(env)/\(row)/aggregate.dat").path))
        for seed in [10, 11] {
          let file = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(row)/seed\(seed).dat"))
          #expect(file.header.contains("# seed = \(seed)"))
          #expect(file.column("env_steps") == [320, 640])
          if row.hasPrefix("meta-") {
            #expect(file.header.contains("# conditioning = \(row.hasSuffix("unconditioned") ? "off" : "on")"))
            #expect(file.header.contains("# learn_gamma = \(row != "meta-lambda")"))
            #expect(file.header.contains("# learn_lambda = \(row != "meta-gamma")"))
          }
          if row == "tuned-fixed-eta" {
            for line in ["# gamma = \(best.gamma)", "# lambda = \(best.lambda)", "# tuning_folder = baseline",
                         "# tuning_variant = \(best.variant)", "# tuning_seeds = 0–1", "# tuning_base_seed = 0", "# tuning_cells = 4"] {
              #expect(file.header.contains(line), "\(env): \(line) missing")
            }
          }
        }
      }
      // The held-out reference is the tuning folder's best cell, run again on the evaluation seeds:
      // the same curve as table-1's own run of that cell when the cell is one of its rows.
      if ["gamma0.99-lambda1", "gamma0.995-lambda1"].contains(best.variant) {
        let a = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/tuned-fixed-eta/seed10.dat"))
        let b = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(best.variant)/seed10.dat"))
        #expect(a.column("episode_return") == b.column("episode_return"))
      }
    }
    for figure in ["table-1-curves", "table-1-eta"] {
      #expect(PNGFile.isPNG(out.appendingPathComponent("figures/\(figure).png")) || Shell.which("gnuplot") == nil, "\(figure): \(r.stderr)")
    }

    // The outer critic's row on the same seeds, then the comparison against the held-out reference.
    let critic = root.appendingPathComponent("outer-critic")
    let c = try ExperimentRunner.run("outer-critic", Self.tiny + ["--meta-learning-rate", "0.01", "--plot", "off", "--out", critic.path])
    #expect(c.status == 0, "\(c.stderr)")
    for env in ["cartpole", "breakout"] {
      for seed in [10, 11] {
        let file = try ParsedDataFile(contentsOf: critic.appendingPathComponent("\(env)/meta-gamma-lambda-outer-critic/seed\(seed).dat"))
        #expect(file.header.contains("# outer_critic = on") && file.header.contains("# conditioning = on"))
        #expect(file.column("gamma").last != 0.99 && file.column("lambda").last != 0.9, "η moved")
      }
    }
    let compared = root.appendingPathComponent("compare")
    let report = try ExperimentRunner.run("compare", [out.path, critic.path, "--reference", TableOneStudy.heldOutVariant, "--out", compared.path])
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("held out"), "\(report.stdout)")
    for env in ["cartpole", "breakout"] {
      let best = try Self.bestCell(tuning, env: env)
      #expect(report.stdout.contains("`tuned-fixed-eta` on \(env): γ = \(best.gamma), λ = \(best.lambda), the best of 4 fixed-η cells of baseline on seeds 0–1 (base seed 0), scored on seeds 10–11 (base seed 0)"),
              "\(report.stdout)")
    }
    #expect(report.stdout.contains("meta-gamma-lambda-outer-critic"))

    // The meta rows' start η₀ held fixed, with and without e_η, scored as the reference of the conditioned rows.
    let start = root.appendingPathComponent("fixed-start")
    let s = try ExperimentRunner.run("fixed-start", Self.tiny + ["--plot", "off", "--out", start.path])
    #expect(s.status == 0, "\(s.stderr)")
    for env in ["cartpole", "breakout"] {
      for seed in [10, 11] {
        let plain = try ParsedDataFile(contentsOf: start.appendingPathComponent("\(env)/gamma0.99-lambda0.9/seed\(seed).dat"))
        #expect(plain.header.contains("# gamma = 0.99") && plain.header.contains("# lambda = 0.9"))
        let conditioned = try ParsedDataFile(contentsOf: start.appendingPathComponent("\(env)/gamma0.99-lambda0.9-conditioned/seed\(seed).dat"))
        for line in ["# conditioning = on", "# learn_gamma = false", "# learn_lambda = false", "# seed = \(seed)"] {
          #expect(conditioned.header.contains(line), "\(env): \(line) missing")
        }
        #expect(Set(conditioned.column("gamma")) == [0.99] && Set(conditioned.column("lambda")) == [0.9], "η held at η₀")
      }
    }
    let againstStart = try ExperimentRunner.run("compare", [start.path, out.path, critic.path, "--reference", "gamma0.99-lambda0.9-conditioned",
      "--variants", "gamma0.99-lambda0.9-conditioned,meta-lambda,meta-gamma,meta-gamma-lambda,meta-gamma-lambda-outer-critic",
      "--out", root.appendingPathComponent("compare-start").path])
    #expect(againstStart.status == 0, "\(againstStart.stderr)")
    #expect(againstStart.stdout.contains("meta-gamma-lambda-outer-critic") && againstStart.stdout.contains("gamma0.99-lambda0.9-conditioned"))
  }

  /// The full profile's plan: 10 evaluation seeds (10–19) per row and environment in two
  /// rounds, MinAtar at 3M steps; the outer critic's plan the same.
  @Test func theFullPlanRunsFiveSeedsOfEveryRowFirst() throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let tuning = try Self.tuningFolder(in: root)
    for (target, rows) in [("table-1", Self.rows), ("outer-critic", ["meta-gamma-lambda-outer-critic"]),
                          ("fixed-start", ["gamma0.99-lambda0.9", "gamma0.99-lambda0.9-conditioned"])] {
      let tuningOption = target == "table-1" ? ["--tuning", tuning.path] : []
      let r = try ExperimentRunner.run(target, ["--profile", "full", "--env", "cartpole,breakout", "--list-units",
                                                "--out", root.appendingPathComponent(target).path] + tuningOption)
      #expect(r.status == 0, "\(r.stderr)")
      let units = r.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map(String.init) }
      for env in ["cartpole", "breakout"] {
        for row in rows {
          let mine = units.filter { $0[0].hasPrefix("\(env)/\(row)/") }
          #expect(mine.map { $0[0] } == (10...19).map { "\(env)/\(row)/seed\($0)" })
          #expect(mine.map { Int($0[4])! } == Array(repeating: 0, count: 5) + Array(repeating: 1, count: 5))
          #expect(Set(mine.map { $0[1] }) == [env == "breakout" ? "\(TableOneStudy.minAtarSteps)" : "1000000"])
        }
      }
    }
  }

  @Test(arguments: ["table-1", "outer-critic", "fixed-start"])
  func helpDocumentsEveryOption(target: String) throws {
    let r = try ExperimentRunner.run(target, ["--help"])
    #expect(r.status == 0)
    var options = ["--profile", "--seeds", "--seed", "--out", "--quiet", "--plot", "--fresh", "--env", "--steps", "--initial-gamma",
                   "--initial-lambda", "--gamma-bar", "--lambda-bar", "--meta-learning-rate", "--outer-critic"]
    if target == "table-1" { options += ["--tuning"] }
    for option in options { #expect(r.stdout.contains(option), "\(target): \(option) missing from --help") }
    #expect(r.stdout.contains("Seeds 10, 11"))
  }
}
