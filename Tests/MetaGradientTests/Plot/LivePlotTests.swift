import Foundation
import Testing
@testable import MetaGradient

/// `--plot`: the option's forms, the PNG the live plot writes without a terminal, and
/// its silence where there is no terminal to draw on.
@Suite struct LivePlotTests {
  /// Two units (the random policy, one seed of 640 steps: two logged rows).
  static let tiny = ["--profile", "quick", "--env", "catch", "--steps", "640", "--seeds", "1"]
  static let targets = ["prediction", "baseline", "landscape", "eta-paths", "meta-gamma", "meta-lambda", "meta-gamma-lambda",
                        "eta-conditioning", "approximation-order", "beta-sensitivity", "approximation-payoff",
                        "approximation-frontier", "table-1", "outer-critic", "fixed-start"]
  static let hasGnuplot = Shell.which("gnuplot") != nil

  @Test func parsesEveryForm() throws {
    #expect(PlotMode(argument: "figures") == .figures)
    #expect(PlotMode(argument: "live") == .live)
    #expect(PlotMode(argument: "live=/tmp/run.png") == .liveFile("/tmp/run.png"))
    #expect(PlotMode(argument: "off") == .off)
    for bad in ["", "bogus", "Live", "live=", "live=.png", "live=run.svg", "figures=x"] {
      #expect(PlotMode(argument: bad) == nil, "accepted '\(bad)'")
    }
    #expect([PlotMode.figures, .live, .liveFile("a.png")].allSatisfy { $0.drawsRunFigures })
    #expect(!PlotMode.off.drawsRunFigures)
    #expect(try ExperimentOptions.parse([]).plot == .figures)
  }

  @Test func aBadValueIsOneErrorLineNamingItAndTheForms() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("meta-gamma-lambda", Self.tiny + ["--plot", "bogus", "--out", out.path])
    #expect(r.status == 64)
    let naming = r.stderr.split(separator: "\n").filter { $0.contains("bogus") }
    #expect(naming.count == 1, "\(r.stderr)")
    #expect(naming.first?.hasPrefix("Error: ") == true)
    #expect(naming.first?.contains("'figures', 'live', 'live=FILE.png' or 'off'") == true, "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
  }

  @Test(arguments: targets)
  func helpDocumentsPlot(target: String) throws {
    let r = try ExperimentRunner.run(target, ["--help"])
    #expect(r.status == 0)
    for text in ["--plot <plot>", "figures", "live=FILE.png", "off", "(default: figures)"] {
      #expect(r.stdout.contains(text), "\(target) --help lacks '\(text)'")
    }
  }

  @Test(.enabled(if: hasGnuplot || PseudoTerminal.required, "gnuplot not on PATH (make deps installs it)"))
  func writesAPNGWithoutATerminal() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let png = out.appendingPathComponent("live.png")
    let r = try ExperimentRunner.run("meta-gamma-lambda", Self.tiny + ["--plot", "live=\(png.path)", "--out", out.appendingPathComponent("run").path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stderr.contains("live plot off"), "\(r.stderr)")
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("run/COMPLETE").path))
    #expect(PNGFile.isPNG(png))
    #expect(!FileManager.default.fileExists(atPath: png.path + ".tmp"))
  }

  @Test func liveIsSilentWhenStderrIsNotATerminal() throws {
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try ExperimentRunner.run("meta-gamma-lambda", Self.tiny + ["--plot", "live", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty, "\(r.stderr)")
  }
}

/// `--plot live` on a terminal (a pseudo-terminal: ``PseudoTerminal``): gnuplot's
/// `dumb` drawing above the progress line, and a run that goes on without gnuplot.
@Suite(.enabled(if: PseudoTerminal.script != nil || PseudoTerminal.required,
                "script (util-linux) not found: the pseudo-terminal tests need it"))
struct LivePlotTerminalTests {
  /// Runs meta-γ+λ on Catch under a pseudo-terminal with `extra` options into a fresh folder.
  static func run(_ extra: [String], seeds: Int = 1, environment: [String: String] = [:])
    throws -> (result: ExperimentRunner.Result, complete: Bool)
  {
    _ = try #require(PseudoTerminal.script, "script (util-linux) not found on PATH, and CI=true requires it")
    let out = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let arguments = ["--profile", "quick", "--env", "catch", "--steps", "640", "--seeds", "\(seeds)", "--out", out.path] + extra
    let result = try PseudoTerminal.run("meta-gamma-lambda", arguments, environment: environment)
    return (result, FileManager.default.fileExists(atPath: out.appendingPathComponent("COMPLETE").path))
  }

  static func occurrences(of text: String, in output: String) -> Int { output.components(separatedBy: text).count - 1 }

  @Test(.enabled(if: LivePlotTests.hasGnuplot || PseudoTerminal.required, "gnuplot not on PATH (make deps installs it)"))
  func drawsTheCurveAndEtaInTheTerminal() throws {
    let (r, complete) = try Self.run(["--plot", "live"])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(complete)
    // Only the drawing has these: its title, panel titles, axis label and a box border;
    // it is redrawn in place (the cursor moved up over it) or drawn once.
    for text in ["meta-gamma-lambda  catch/meta-gamma-lambda/seed00", "episode return", "γ, λ", "environment steps", "+------"] {
      #expect(r.stdout.contains(text), "the terminal got no '\(text)': \(r.stdout)")
    }
    #expect(!r.stdout.contains("live plot off"), "\(r.stdout)")
  }

  @Test func quietDrawsNothing() throws {
    let (r, complete) = try Self.run(["--plot", "live", "--quiet"])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(complete)
    #expect(!r.stdout.contains("environment steps") && !r.stdout.contains("live plot"), "\(r.stdout)")
  }

  @Test func withoutGnuplotTheRunGoesOnSayingSoOnce() throws {
    let (r, complete) = try Self.run(["--plot", "live"], seeds: 2, environment: ["PATH": "/nonexistent"])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(complete)
    #expect(Self.occurrences(of: "live plot off: gnuplot not found on PATH", in: r.stdout) == 1, "\(r.stdout)")
    #expect(Self.occurrences(of: "live plot", in: r.stdout) == 1, "\(r.stdout)")
    // The run's figures, drawn after it, do not say it again.
    #expect(Self.occurrences(of: "gnuplot not found", in: r.stdout) == 1, "\(r.stdout)")
  }

  @Test func aGnuplotThatExitsMidRunIsReportedOnce() throws {
    let bin = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: bin) }
    let fake = bin.appendingPathComponent("gnuplot")
    try Data("#!/bin/sh\nexit 0\n".utf8).write(to: fake)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
    let (r, complete) = try Self.run(["--plot", "live"], seeds: 2, environment: ["PATH": bin.path])
    #expect(r.status == 0, "\(r.stdout)")
    #expect(complete)
    #expect(Self.occurrences(of: "live plot off: gnuplot exited", in: r.stdout) == 1, "\(r.stdout)")
    #expect(Self.occurrences(of: "live plot", in: r.stdout) == 1, "\(r.stdout)")
  }
}
