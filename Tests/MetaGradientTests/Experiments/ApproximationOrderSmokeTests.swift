import Foundation
import Testing

/// `approximation-order` end to end on a tiny budget into a temporary folder.
@Suite struct ApproximationOrderSmokeTests {
  static let measured = ["first-order", "trace-0.9", "exact-1", "exact-3"]
  static let tiny = ["--env", "cartpole,catch", "--steps", "400", "--num-envs", "4", "--rollout-steps", "5", "--seeds", "2",
                     "--approximations", "first-order,exact-3", "--measured", measured.joined(separator: ","),
                     "--measurements", "3", "--quiet"]

  @Test func writesCurvesAccuracyAndCost() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try ExperimentRunner.run("approximation-order", Self.tiny + ["--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("catch exact-3: final return"))
    #expect(result.stdout.contains("cartpole exact-3: cosine to exact-3 1 [1, 1] (median 1), median relative error 0"))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    let perApproximation = ["cos", "relerr", "zcos"]
    for env in ["cartpole", "catch"] {
      for variant in ["first-order", "exact-3"] {
        for seed in ["seed00", "seed01"] {
          let file = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(variant)/\(seed).dat"))
          #expect(file.header.contains { $0.hasPrefix("# command = approximation-order") })
          for line in ["# env = \(env)", "# variant = \(variant)", "# approximation = \(variant)", "# total_env_steps = 400"] {
            #expect(file.header.contains(line), "\(line) missing in \(env)/\(variant)/\(seed)")
          }
          #expect(file.columns == ["env_steps", "episode_return", "episode_length", "episodes", "total_episodes", "gamma", "lambda"])
          #expect(file.rows.count == 20 && file.rows.allSatisfy { $0.count == 7 })
          #expect(file.column("gamma").allSatisfy { $0 > 0 && $0 < 1 })
        }
        let aggregate = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(variant)/aggregate.dat"))
        #expect(aggregate.header.contains("# seeds = 2") && aggregate.rows.count == 20)
      }
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("random/\(env).dat").path))
      let columns = ["env_steps", "update", "ref_gamma", "ref_lambda"]
        + Self.measured.flatMap { a in perApproximation.map { "\($0)_\(a)" } }
      for seed in ["seed00", "seed01"] {
        let accuracy = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/accuracy-\(seed).dat"))
        #expect(accuracy.columns == columns)
        #expect(accuracy.header.contains("# reference = exact-3") && accuracy.header.contains("# host = first-order"))
        #expect(accuracy.header.contains("# approximations = \(Self.measured.joined(separator: " "))"))
        #expect(accuracy.column("update") == [6, 12, 18])
        #expect(accuracy.column("cos_exact-3").allSatisfy { abs($0 - 1) < 1e-9 })
        #expect(accuracy.column("relerr_exact-3").allSatisfy { $0 == 0 })
        #expect(zip(accuracy.column("cos_exact-1"), accuracy.column("cos_first-order")).allSatisfy { abs($0 - $1) < 1e-5 })
        let timing = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/timing-\(seed).dat"))
        #expect(timing.columns == ["env_steps", "update"] + Self.measured.map { "seconds_\($0)" } + ["seconds_a2c"])
        #expect(timing.column("update") == [6, 12, 18] && timing.rows.allSatisfy { $0.dropFirst(2).allSatisfy { $0 > 0 } })
      }
      let aggregate = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/accuracy.dat"))
      #expect(aggregate.columns.first == "env_steps" && aggregate.columns.count == 1 + 3 * (columns.count - 1))
      #expect(aggregate.rows.count == 3)
      let cost = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/cost.dat"))
      #expect(cost.columns.prefix(4) == ["index", "cost_ratio_mean", "cost_ratio_lo", "cost_ratio_hi"])
      #expect(cost.column("index") == [0, 1, 2, 3])
      #expect(cost.rows[0][1] == 1)  // first order relative to itself
      #expect(cost.column("cosine_mean")[3] == 1)
    }
  }

  /// The same seed gives the same curves and accuracy rows (timings aside).
  @Test func sameSeedSameData() throws {
    let args = ["--env", "catch", "--steps", "400", "--num-envs", "4", "--rollout-steps", "5", "--seeds", "1",
                "--approximations", "exact-3", "--measured", "first-order,trace-0.5,exact-3", "--measurements", "2", "--quiet"]
    let (a, b) = (try ExperimentRunner.temporaryFolder(), try ExperimentRunner.temporaryFolder())
    defer { for f in [a, b] { try? FileManager.default.removeItem(at: f) } }
    for out in [a, b] { #expect(try ExperimentRunner.run("approximation-order", args + ["--out", out.path]).status == 0) }
    for path in ["catch/exact-3/seed00.dat", "catch/accuracy-seed00.dat", "catch/accuracy.dat"] {
      let (x, y) = (try ParsedDataFile(contentsOf: a.appendingPathComponent(path)), try ParsedDataFile(contentsOf: b.appendingPathComponent(path)))
      #expect(!x.rows.isEmpty && x.rows.map { $0.map(\.bitPattern) } == y.rows.map { $0.map(\.bitPattern) }, "\(path) differs")
    }
  }

  @Test func helpDocumentsEveryOption() throws {
    let r = try ExperimentRunner.run("approximation-order", ["--help"])
    #expect(r.status == 0)
    for option in ["--profile", "--seeds", "--seed", "--out", "--quiet", "--fresh", "--checkpoint-minutes", "--env", "--steps", "--sticky-action-probability",
                   "--full-action-set", "--optimizer", "--learning-rate", "--entropy-coefficient", "--num-envs",
                   "--rollout-steps", "--initial-gamma", "--initial-lambda", "--gamma-bar", "--lambda-bar",
                   "--meta-learning-rate", "--meta-gradient-clip", "--approximations", "--measured",
                   "--reference-horizon", "--measurements"] {
      #expect(r.stdout.contains(option), "\(option) missing from --help")
    }
  }

  @Test func rejectsBadInputWithoutWriting() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let bad = [["--approximations", "second-order"], ["--approximations", ""], ["--measured", "exact"],
               ["--measured", "trace-1.5"], ["--measured", "exact-0"], ["--reference-horizon", "0"], ["--measurements", "0"],
               ["--env", "pong"], ["--steps", "0"], ["--seeds", "0"], ["--initial-gamma", "2"], ["--profile", "huge"]]
    for args in bad {
      let r = try ExperimentRunner.run("approximation-order", args + ["--out", out.path, "--quiet"])
      #expect(r.status != 0, "accepted \(args)")
      #expect(!r.stderr.isEmpty, "no message for \(args)")
    }
    let name = try ExperimentRunner.run("approximation-order", ["--approximations", "first-order,second-order", "--out", out.path])
    #expect(name.stderr.contains("second-order") && name.stderr.contains("exact-<K>"))
    let exact = try ExperimentRunner.run("approximation-order", ["--measured", "exact", "--out", out.path])
    #expect(exact.stderr.contains("needs a horizon"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }
}
