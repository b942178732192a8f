import Foundation
import Testing

/// `baseline` end to end on a tiny budget into a temporary folder.
@Suite struct BaselineSmokeTests {
  static let tiny = ["--env", "cartpole,breakout", "--steps", "640", "--seeds", "2", "--gammas", "0.99",
                     "--lambdas", "0.9,1", "--episodes", "3", "--quiet"]

  @Test func writesSeedAggregateAndRandomFiles() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try ExperimentRunner.run("baseline", Self.tiny + ["--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("breakout gamma0.99-lambda0.9"))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))

    for env in ["cartpole", "breakout"] {
      for variant in ["gamma0.99-lambda0.9", "gamma0.99-lambda1"] {
        var steps: [[Double]] = []
        for seed in ["seed00", "seed01"] {
          let file = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(variant)/\(seed).dat"))
          #expect(file.header.contains { $0.hasPrefix("# command = baseline") })
          for line in ["# env = \(env)", "# variant = \(variant)", "# seed = \(seed == "seed00" ? 0 : 1)",
                       "# total_env_steps = 640", "# gamma = 0.99"] {
            #expect(file.header.contains(line), "\(line) missing in \(env)/\(variant)/\(seed)")
          }
          #expect(file.columns == ["env_steps", "episode_return", "episode_length", "episodes", "total_episodes", "gamma", "lambda"])
          #expect(file.column("gamma").allSatisfy { $0 == 0.99 })
          #expect(file.column("env_steps") == [320, 640])
          #expect(file.rows.allSatisfy { $0.count == file.columns.count })
          steps.append(file.column("env_steps"))
        }
        #expect(steps[0] == steps[1])
        let aggregate = try ParsedDataFile(contentsOf: out.appendingPathComponent("\(env)/\(variant)/aggregate.dat"))
        #expect(aggregate.columns.prefix(4) == ["env_steps", "episode_return_mean", "episode_return_lo", "episode_return_hi"])
        #expect(aggregate.header.contains("# seeds = 2"))
        #expect(aggregate.rows.count == 2)
      }
      let random = try ParsedDataFile(contentsOf: out.appendingPathComponent("random/\(env).dat"))
      #expect(random.columns == ["episodes", "return_mean", "return_lo", "return_hi", "length_mean", "length_lo", "length_hi"])
      #expect(random.rows == [random.rows[0]] && random.rows[0][0] == 3)
    }
    // CartPole's random policy: every episode lasts at least 8 steps and earns 1 per step.
    let cartpole = try ParsedDataFile(contentsOf: out.appendingPathComponent("random/cartpole.dat"))
    #expect(cartpole.rows[0][1] == cartpole.rows[0][4] && cartpole.rows[0][1] >= 8)
  }

  @Test func randomPolicyPrintsAndWritesOnlyItsFile() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("baseline", ["--policy", "random", "--env", "catch", "--episodes", "50", "--out", out.path, "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("catch: random policy over 50 episodes"))
    let file = try ParsedDataFile(contentsOf: out.appendingPathComponent("random/catch.dat"))
    #expect(file.header.contains("# policy = random"))
    #expect(file.rows[0][4] == 9)  // a Catch episode always lasts 9 steps
    #expect(abs(file.rows[0][1] - -0.6) < 0.4)  // the random paddle catches about 1 ball in 5
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["MANIFEST", "random"])
  }

  /// No path around the manifest: the random policy measured into a training run's
  /// folder is refused and leaves every file as it was.
  @Test func randomPolicyIntoATrainingFolderIsRefused() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let train = try ExperimentRunner.run("baseline", Self.tiny + ["--out", out.path])
    #expect(train.status == 0, "\(train.stderr)")
    let before = try KillAndResumeTests.files(out)
    let r = try ExperimentRunner.run("baseline", ["--policy", "random", "--env", "cartpole", "--episodes", "5", "--seed", "7",
                                                  "--out", out.path, "--quiet"])
    #expect(r.status == 64)
    #expect(r.stderr.contains("holds data of a different configuration"), "\(r.stderr)")
    #expect(try KillAndResumeTests.files(out) == before)
  }

  @Test func rejectsBadInputWithoutWriting() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let bad = [["--env", "pong"], ["--gammas", "1.5"], ["--lambdas", "0.9,-0.1"], ["--steps", "0"], ["--steps=-320"],
               ["--episodes", "0"], ["--seeds", "0"], ["--learning-rate", "0"], ["--sticky-action-probability", "2"],
               ["--policy", "greedy"]]
    for args in bad {
      let r = try ExperimentRunner.run("baseline", args + ["--out", out.path, "--quiet"])
      #expect(r.status != 0, "accepted \(args)")
      #expect(!r.stderr.isEmpty, "no message for \(args)")
    }
    let pong = try ExperimentRunner.run("baseline", ["--env", "pong", "--out", out.path])
    #expect(pong.stderr.contains("pong") && pong.stderr.contains("cartpole"))
    let gamma = try ExperimentRunner.run("baseline", ["--gammas", "1.5", "--out", out.path])
    #expect(gamma.stderr.contains("1.5") && gamma.stderr.contains("[0, 1]"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }

  @Test func helpDocumentsEveryOption() throws {
    let r = try ExperimentRunner.run("baseline", ["--help"])
    #expect(r.status == 0)
    for option in ["--profile", "--seeds", "--seed", "--out", "--quiet", "--fresh", "--checkpoint-minutes", "--env", "--policy", "--episodes", "--gammas",
                   "--lambdas", "--steps", "--sticky-action-probability", "--full-action-set", "--optimizer",
                   "--learning-rate", "--entropy-coefficient", "--num-envs", "--rollout-steps"] {
      #expect(r.stdout.contains(option), "\(option) missing from --help")
    }
  }
}
