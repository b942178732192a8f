import Foundation
import Testing

/// `meta-gamma`, `meta-lambda`, `meta-gamma-lambda` and `eta-conditioning` end to end on a tiny
/// budget into a temporary folder.
@Suite struct MetaGradientSmokeTests {
  static let tiny = ["--env", "cartpole,breakout", "--steps", "640", "--seeds", "2", "--quiet"]

  @Test(arguments: [
    ("meta-gamma", ["meta-gamma"], true, false),
    ("meta-lambda", ["meta-lambda"], false, true),
    ("meta-gamma-lambda", ["meta-gamma-lambda"], true, true),
    ("eta-conditioning", ["conditioning-on", "conditioning-off"], true, true),
  ])
  func writesCurvesWithLearnedEta(target: String, variants: [String], learnsGamma: Bool, learnsLambda: Bool) throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try ExperimentRunner.run(target, Self.tiny + ["--meta-learning-rate", "0.01", "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    for env in ["cartpole", "breakout"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("random/\(env).dat").path))
      for variant in variants {
        for seed in 0..<2 {
          let file = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(variant)/seed0\(seed).dat"))
          #expect(file.header.contains { $0.hasPrefix("# command = \(target)") })
          for line in ["# env = \(env)", "# variant = \(variant)", "# seed = \(seed)", "# total_env_steps = 640",
                       "# gamma_bar = 0.995", "# lambda_bar = 1.0", "# learn_gamma = \(learnsGamma)",
                       "# learn_lambda = \(learnsLambda)"] {
            #expect(file.header.contains(line), "\(line) missing in \(target) \(env)/\(variant)")
          }
          #expect(file.columns.suffix(2) == ["gamma", "lambda"])
          #expect(file.column("env_steps") == [320, 640])
          // One meta-update happened (the second rollout), so the learned η moved.
          #expect((file.column("gamma").last != 0.99) == learnsGamma)
          #expect((file.column("lambda").last != 0.9) == learnsLambda)
        }
        let aggregate = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(variant)/aggregate.dat"))
        #expect(aggregate.columns.contains("gamma_mean"))
      }
    }
  }

  @Test(arguments: ["meta-gamma", "meta-lambda", "meta-gamma-lambda", "eta-conditioning"])
  func rejectsBadInputWithoutWriting(target: String) throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    for bad in [["--gamma-bar", "1.5"], ["--initial-lambda", "-0.1"], ["--meta-learning-rate", "0"], ["--env", "pong"],
                ["--steps", "0"], ["--meta-gradient-clip", "-1"]] {
      let r = try ExperimentRunner.run(target, bad + ["--out", out.path, "--quiet"])
      #expect(r.status == 64, "\(target) accepted \(bad)")
      #expect(!r.stderr.isEmpty)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }

  @Test(arguments: ["meta-gamma", "meta-lambda", "meta-gamma-lambda", "eta-conditioning"])
  func helpDocumentsEveryOption(target: String) throws {
    let r = try ExperimentRunner.run(target, ["--help"])
    #expect(r.status == 0)
    var options = ["--profile", "--seeds", "--seed", "--out", "--quiet", "--fresh", "--checkpoint-minutes", "--env", "--steps", "--sticky-action-probability",
                   "--full-action-set", "--optimizer", "--learning-rate", "--entropy-coefficient", "--num-envs",
                   "--rollout-steps", "--initial-gamma", "--initial-lambda", "--gamma-bar", "--lambda-bar",
                   "--meta-learning-rate", "--meta-gradient-clip"]
    if target == "eta-conditioning" { options += ["--conditioning", "--embedding-size"] }
    for option in options { #expect(r.stdout.contains(option), "\(target): \(option) missing from --help") }
  }
}

/// A folder holding another configuration's data is refused unless `--fresh`.
@Suite struct RunManifestTests {
  @Test func refusesToMixConfigurationsUnlessFresh() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let base = ["--env", "catch", "--steps", "320", "--seeds", "1", "--quiet", "--out", out.path]
    #expect(try ExperimentRunner.run("baseline", base + ["--gammas", "0.99", "--lambdas", "1"]).status == 0)
    let first = try Data(contentsOf: out.appendingPathComponent("catch/gamma0.99-lambda1/seed00.dat"))
    // The same configuration again is fine.
    #expect(try ExperimentRunner.run("baseline", base + ["--gammas", "0.99", "--lambdas", "1"]).status == 0)
    // Another one is refused with a usage error, and nothing is touched.
    let other = try ExperimentRunner.run("baseline", base + ["--gammas", "0.9", "--lambdas", "1"])
    #expect(other.status == 64)
    #expect(other.stderr.contains("different configuration") && other.stderr.contains("--fresh"))
    #expect(try Data(contentsOf: out.appendingPathComponent("catch/gamma0.99-lambda1/seed00.dat")) == first)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("catch/gamma0.9-lambda1").path))
    // --fresh starts over: the old variant's data is gone.
    #expect(try ExperimentRunner.run("baseline", base + ["--gammas", "0.9", "--lambdas", "1", "--fresh"]).status == 0)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("catch/gamma0.99-lambda1").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("catch/gamma0.9-lambda1/seed00.dat").path))
  }
}
