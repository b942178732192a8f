import Foundation
import Testing

/// Every rejected input of every target, in one table: a usage error (exit 64), one
/// message naming the bad value, and nothing written.
@Suite struct ValidationTableTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var target: String, arguments: [String], mentions: String
    var testDescription: String { "\(target) \(arguments.joined(separator: " "))" }
  }

  static let control = ["baseline", "meta-gamma", "meta-gamma-lambda", "eta-conditioning"]
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
    + ["meta-gamma", "meta-gamma-lambda", "eta-conditioning"].flatMap { t in
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
}
