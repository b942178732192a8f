import Foundation
import Testing
@testable import MetaGradient

/// An experiment draws its own figures into `<out>/figures/` when it finishes, from
/// the scripts `make figures` uses (those whose `# drawn by:` line names it); `--plot
/// off` draws nothing; without gnuplot the run completes and says so once; `make
/// figures DATA=<out>` redraws the same files.
@Suite struct RunFiguresTests {
  /// Targets and the tiny options that finish them in seconds.
  static let tinyRuns: [(target: String, options: [String])] = [
    ("baseline", ["--env", "cartpole,breakout", "--steps", "640", "--seeds", "2", "--gammas", "0.99", "--lambdas", "0.9,1"]),
    ("meta-gamma-lambda", ["--env", "catch,breakout", "--steps", "640", "--seeds", "2"]),
    ("landscape", ["--profile", "quick", "--env", "catch", "--steps", "640", "--seeds", "2"]),
    ("eta-conditioning", ["--env", "catch", "--steps", "640", "--seeds", "2"]),
    ("eta-paths", ["--env", "catch", "--steps", "960", "--seeds", "2", "--starts", "0.9:0.5,0.99:0.9", "--betas", "0.001,0.1"]),
    ("approximation-order", ["--env", "catch", "--steps", "400", "--num-envs", "4", "--rollout-steps", "5", "--seeds", "2",
                             "--approximations", "first-order,exact-3", "--measured", "first-order,trace-0.9,exact-1,exact-3",
                             "--measurements", "3"]),
    ("prediction", ["--seeds", "2", "--chain-episodes", "20", "--walk-episodes", "12"]),
    ("beta-sensitivity", ["--env", "catch,breakout", "--steps", "960", "--seeds", "2", "--betas", "0.001,0.1"]),
    ("approximation-payoff", ["--env", "catch", "--steps", "400", "--num-envs", "4", "--rollout-steps", "5", "--seeds", "2",
                              "--approximations", "first-order,exact-3", "--measurements", "3"]),
    ("outer-critic", ["--env", "catch,breakout", "--steps", "640", "--seeds", "2"]),
    ("approximation-frontier", ["--env", "catch", "--steps", "400", "--num-envs", "4", "--rollout-steps", "5", "--seeds", "2",
                                "--measured", "first-order,trace-0.9,hybrid-2-0.9,fd-2,curvature-2,diagonal-2,exact-2",
                                "--measurements", "3"]),
  ]

  @Test(arguments: tinyRuns.map(\.target))
  func aFinishedRunDrawsItsFigures(target: String) throws {
    let options = Self.tinyRuns.first { $0.target == target }!.options
    let out = try ExperimentRunner.temporaryFolder().appendingPathComponent(target)
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    let r = try ExperimentRunner.run(target, options + ["--quiet", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let scripts = RunFigures(experiment: target).figureScripts()
    #expect(!scripts.isEmpty, "no figure script is drawn by \(target)")
    for script in scripts {
      let name = script.deletingPathExtension().lastPathComponent
      for format in RunFigures.Format.allCases {
        let file = out.appendingPathComponent("figures/\(name).\(format.rawValue)")
        #expect(FileManager.default.fileExists(atPath: file.path), "\(target): \(file.lastPathComponent) missing; \(r.stderr)")
        #expect(r.stdout.contains("figure: \(file.path)"), "\(target) did not print \(file.path)")
      }
      #expect(PNGFile.isPNG(out.appendingPathComponent("figures/\(name).png")))
    }
    #expect(!r.stderr.contains("not drawn"), "\(r.stderr)")
    // No temporary file is left behind.
    let left = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("figures").path)
    #expect(left.allSatisfy { !$0.hasSuffix(".tmp") }, "\(left)")
  }

  @Test func plotOffDrawsNothing() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("meta-gamma", ["--env", "catch", "--steps", "640", "--seeds", "1", "--quiet", "--plot", "off", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("figures").path))
    #expect(!r.stdout.contains("figure: "))
  }

  @Test func withoutGnuplotTheRunCompletesAndSaysSoOnce() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("baseline", ["--env", "catch,breakout", "--steps", "640", "--seeds", "2", "--quiet", "--out", out.path],
                                     environment: ["PATH": "/nonexistent"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
    #expect(r.stderr.components(separatedBy: "gnuplot not found on PATH").count - 1 == 1, "\(r.stderr)")
    #expect(!r.stdout.contains("figure: "))
  }

  @Test func makeFiguresRedrawsARunFolder() throws {
    let out = try ExperimentRunner.temporaryFolder().appendingPathComponent("run")
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    let r = try ExperimentRunner.run("meta-gamma", ["--env", "catch", "--steps", "640", "--seeds", "2", "--quiet", "--plot", "off", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    guard let make = Shell.which("make") else { Issue.record("make not on PATH"); return }
    let m = try ExperimentRunner.run(executable: make, ["-C", ExperimentRunner.packageRoot.path, "--no-print-directory", "figures", "DATA=\(out.path)"])
    #expect(m.status == 0, "\(m.stdout)\(m.stderr)")
    for script in RunFigures(experiment: "meta-gamma").figureScripts() {
      let name = script.deletingPathExtension().lastPathComponent
      #expect(PNGFile.isPNG(out.appendingPathComponent("figures/\(name).png")), "make figures DATA=… did not draw \(name): \(m.stdout)\(m.stderr)")
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/\(name).svg").path))
    }
  }

  @Test func scriptsAreFoundByTheExperimentTheyName() {
    let scripts = RunFigures(experiment: "eta-conditioning").figureScripts().map { $0.lastPathComponent }
    #expect(scripts == ["conditioning-curves.gp"])
    #expect(RunFigures(experiment: "no-such-experiment").figureScripts().isEmpty)
  }
}
