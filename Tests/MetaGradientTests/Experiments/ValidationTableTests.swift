import Foundation
import Testing

/// Every rejected input of every target, in one table: a usage error (exit 64), one
/// message naming the bad value, and nothing written.
@Suite struct ValidationTableTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var target: String, arguments: [String], mentions: String
    var testDescription: String { "\(target) \(arguments.joined(separator: " "))" }
  }

  static let control = ["baseline", "meta-gamma", "meta-gamma-lambda", "eta-conditioning", "outer-critic", "fixed-start"]
  static let cases: [Case] =
    control.flatMap { t in
      [
        Case(target: t, arguments: ["--env", "pong"], mentions: "pong"),
        Case(target: t, arguments: ["--env", "cartpole,atari"], mentions: "atari"),
        Case(target: t, arguments: ["--steps", "0"], mentions: "0"),
        Case(target: t, arguments: ["--steps=-100"], mentions: "-100"),
        Case(target: t, arguments: ["--seeds", "0"], mentions: "0"),
        Case(target: t, arguments: ["--num-envs", "0"], mentions: "0"),
        Case(target: t, arguments: ["--rollout-steps=-1"], mentions: "-1"),
        Case(target: t, arguments: ["--learning-rate", "0"], mentions: "0"),
        Case(target: t, arguments: ["--learning-rate=-0.1"], mentions: "-0.1"),
        Case(target: t, arguments: ["--entropy-coefficient=-1"], mentions: "-1"),
        Case(target: t, arguments: ["--optimizer", "sgdx"], mentions: "sgdx"),
        Case(target: t, arguments: ["--sticky-action-probability", "1.5"], mentions: "1.5"),
        Case(target: t, arguments: ["--profile", "huge"], mentions: "huge"),
        Case(target: t, arguments: ["--out", "/proc/metagradient-cannot-write"], mentions: "/proc/metagradient-cannot-write"),
      ]
    }
    + (control + ["prediction", "approximation-order"]).map { t in
      Case(target: t, arguments: ["--checkpoint-minutes=-1"], mentions: "-1")
    }
    + (control + ["prediction", "approximation-order", "meta-lambda", "landscape", "eta-paths", "beta-sensitivity",
                  "approximation-payoff", "approximation-frontier", "table-1"]).flatMap { t in
      [
        Case(target: t, arguments: ["--plot", "bogus"], mentions: "bogus"),
        Case(target: t, arguments: ["--plot", "live=/nonexistent/metagradient/live.png"], mentions: "/nonexistent/metagradient"),
      ]
    }
    + ["meta-gamma", "meta-gamma-lambda", "eta-conditioning", "outer-critic", "table-1", "fixed-start"].flatMap { t in
      [
        Case(target: t, arguments: ["--initial-gamma", "1.2"], mentions: "1.2"),
        Case(target: t, arguments: ["--initial-lambda=-0.5"], mentions: "-0.5"),
        Case(target: t, arguments: ["--gamma-bar", "2"], mentions: "2"),
        Case(target: t, arguments: ["--lambda-bar=-1"], mentions: "-1"),
        Case(target: t, arguments: ["--meta-learning-rate", "0"], mentions: "0"),
        Case(target: t, arguments: ["--meta-gradient-clip", "0"], mentions: "0"),
      ]
    }
    + [
      Case(target: "baseline", arguments: ["--gammas", "0.99,1.01"], mentions: "1.01"),
      Case(target: "baseline", arguments: ["--lambdas", "x"], mentions: "x"),
      Case(target: "baseline", arguments: ["--episodes", "0"], mentions: "0"),
      Case(target: "baseline", arguments: ["--policy", "greedy"], mentions: "greedy"),
      Case(target: "eta-conditioning", arguments: ["--embedding-size", "0"], mentions: "0"),
      Case(target: "eta-conditioning", arguments: ["--conditioning", "maybe"], mentions: "maybe"),
      Case(target: "prediction", arguments: ["--walk-lambdas", "0,1.5"], mentions: "1.5"),
      Case(target: "prediction", arguments: ["--chain-alpha", "0"], mentions: "0"),
      Case(target: "prediction", arguments: ["--walk-beta=-1"], mentions: "-1"),
      Case(target: "prediction", arguments: ["--chain-episodes", "5"], mentions: "5"),
      Case(target: "prediction", arguments: ["--walk-trace", "trace-2"], mentions: "trace-2"),
      Case(target: "prediction", arguments: ["--part", "everything"], mentions: "everything"),
      Case(target: "prediction", arguments: ["--seeds=-3"], mentions: "-3"),
      Case(target: "approximation-order", arguments: ["--env", "pong"], mentions: "pong"),
      Case(target: "approximation-order", arguments: ["--approximations", "second-order"], mentions: "second-order"),
      Case(target: "approximation-order", arguments: ["--measured", "exact"], mentions: "exact"),
      Case(target: "approximation-order", arguments: ["--measurements", "0"], mentions: "0"),
      Case(target: "approximation-order", arguments: ["--initial-gamma", "1.5"], mentions: "1.5"),
      Case(target: "approximation-order", arguments: ["--steps", "0"], mentions: "0"),
      Case(target: "landscape", arguments: ["--gammas", "0.9,1.5"], mentions: "--gammas must be comma-separated numbers in [0, 1], got '0.9,1.5'"),
      Case(target: "eta-paths", arguments: ["--starts", "0.9-0.5"], mentions: "--starts must be γ:λ pairs in [0, 1] separated by commas, got '0.9-0.5'"),
      Case(target: "beta-sensitivity", arguments: ["--betas", "0,0.001"], mentions: "--betas must be comma-separated positive numbers, got '0,0.001'"),
      Case(target: "beta-sensitivity", arguments: ["--start", "0.9:0.9,0.99:0.9"], mentions: "--start must be one γ:λ pair, got '0.9:0.9,0.99:0.9'"),
      Case(target: "beta-sensitivity", arguments: ["--start", "1.5:1"], mentions: "--start must be γ:λ pairs in [0, 1] separated by commas, got '1.5:1'"),
      Case(target: "beta-sensitivity", arguments: ["--env", "pong"], mentions: "pong"),
      Case(target: "approximation-payoff", arguments: ["--beta=-1"], mentions: "--beta must be a positive number, got '-1'"),
      Case(target: "approximation-payoff", arguments: ["--start", "0.9"], mentions: "got '0.9'"),
      Case(target: "approximation-payoff", arguments: ["--approximations", "second-order"], mentions: "second-order"),
      Case(target: "approximation-payoff", arguments: ["--measured", "exact"], mentions: "exact"),
      Case(target: "approximation-payoff", arguments: ["--seeds", "0"], mentions: "0"),
      Case(target: "approximation-frontier", arguments: ["--measured", "hybrid-0-0.9"], mentions: "hybrid-0-0.9"),
      Case(target: "approximation-frontier", arguments: ["--measured", "fd-x"], mentions: "fd-<K>"),
      Case(target: "approximation-frontier", arguments: ["--approximations", "diagonal-0"], mentions: "diagonal-0"),
      Case(target: "prediction", arguments: ["--walk-trace", "hybrid-2-0.9"], mentions: "hybrid-2-0.9"),
      Case(target: "table-1", arguments: ["--env", "pong"], mentions: "pong"),
      Case(target: "table-1", arguments: ["--seeds", "0"], mentions: "0"),
      Case(target: "table-1", arguments: ["--steps=-5"], mentions: "-5"),
      Case(target: "table-1", arguments: ["--tuning", "/nonexistent/metagradient"], mentions: "tuning folder /nonexistent/metagradient does not exist"),
      Case(target: "table-1", arguments: ["--tuning", "/proc"], mentions: "tuning folder /proc has no COMPLETE marker"),
      Case(target: "compare", arguments: [], mentions: "folder"),
      Case(target: "compare", arguments: ["/nonexistent/metagradient"], mentions: "/nonexistent/metagradient"),
    ]

  @Test(arguments: cases)
  func rejected(_ c: Case) throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let outArgs = c.arguments.contains("--out") ? [] : ["--out", out.path]
    let quiet = c.target == "compare" ? [] : ["--quiet"]
    let r = try ExperimentRunner.run(c.target, c.arguments + outArgs + quiet)
    #expect(r.status == 64, "exit \(r.status): \(r.stderr)")
    #expect(r.stderr.contains(c.mentions), "message does not name '\(c.mentions)': \(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }

  /// An unreadable or garbled checkpoint in the output folder: a usage error naming the
  /// file, before anything is written (the folder is left exactly as it was).
  @Test(arguments: ["baseline", "meta-gamma", "meta-gamma-lambda", "eta-conditioning", "prediction", "approximation-order"])
  func garbledCheckpoint(target: String) throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let first = target == "prediction" ? "chain/gamma-0.5/seed00" : "random/cartpole"
    let checkpoint = out.appendingPathComponent(".sweep/\(first).checkpoint")
    try FileManager.default.createDirectory(at: checkpoint.deletingLastPathComponent(), withIntermediateDirectories: true)
    for garbage in [Data("MetaGradientRL checkpoint 1\nbytes 999 fnv1a64 0\n{}".utf8), Data([0xff, 0x00, 0x17])] {
      try garbage.write(to: checkpoint)
      let r = try ExperimentRunner.run(target, ["--steps", "640", "--seeds", "1", "--quiet", "--out", out.path]
                                         .filter { target != "prediction" || !["--steps", "640"].contains($0) })
      #expect(r.status == 64, "exit \(r.status): \(r.stderr)")
      #expect(r.stderr.contains(checkpoint.path) && r.stderr.contains("garbled"), "\(r.stderr)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == [".sweep"])
      #expect(try Data(contentsOf: checkpoint) == garbage)
    }
  }
}
