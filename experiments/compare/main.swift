// compare: the statistics of Agarwal et al. (2021, "Deep RL at the Edge of the
// Statistical Precipice") over the control experiments' data — normalised scores,
// mean / median / IQM with stratified-bootstrap intervals, the probability of
// improvement over a reference, performance profiles and sample-efficiency curves —
// for any experiments and variants, runs matched by environment and seed.
import ArgumentParser
import Foundation
import MetaGradient

struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare experiments' variants: normalised scores, aggregate metrics with bootstrap CIs, P(improvement), profiles.",
    discussion: """
      Reads <folder>/<env>/<variant>/seedNN.dat and <folder>/random/<env>.dat of each folder (an experiment's
      output, e.g. data/baseline data/meta-gamma), matches runs by environment and seed, and writes to --out:
      \(ComparisonFiles.report) (also printed), \(ComparisonFiles.aggregates), \(ComparisonFiles.improvement),
      \(ComparisonFiles.profiles)/<variant>.dat, \(ComparisonFiles.efficiency)/<variant>.dat, \(ComparisonFiles.scores),
      \(ComparisonFiles.environments), then COMPLETE. Variants are named <experiment>/<variant> when two experiments
      share a variant name. Exit status: 64 for bad usage, 1 when the data cannot be compared (every problem listed).
      """)

  @Argument(help: "Experiment data folders, e.g. data/baseline data/meta-gamma data/meta-gamma-lambda.")
  var folders: [String] = []

  @Option(help: "The variant scoring 1 after normalisation (name or <experiment>/<variant>; default: the best fixed η per environment).")
  var reference: String?
  @Option(help: "Comma-separated variants to compare, in this order (default: every variant of every folder).")
  var variants: String?
  @Option(help: "Comma-separated environments to compare (default: every environment of the data), e.g. cartpole,catch to keep their 10 seeds where the MinAtar games have fewer.")
  var env: String?
  @Option(help: "The final fraction of training whose mean return is a run's score, in (0, 1].")
  var finalFraction = 0.1
  @Option(help: "Missing runs (a variant lacking an environment or seed the others have): \(MissingRunPolicy.allCases.map(\.rawValue).joined(separator: ", ")).")
  var missing: MissingRunPolicy = .fail
  @Option(help: "Bootstrap resamples of every interval.")
  var resamples = 2_000
  @Option(help: "Confidence level of the intervals, in (0, 1).")
  var confidence = 0.95
  @Option(help: "Seed of the bootstrap (same seed and data, same output).")
  var seed: UInt64 = 0
  @Option(help: "Output folder (claimed with a MANIFEST of these settings: another comparison's folder is refused).")
  var out = "data/compare"
  @Flag(help: "Delete the output folder's old contents first (needed when it holds another comparison).")
  var fresh = false

  /// Everything that determines the comparison's files.
  var manifest: RunManifest {
    RunManifest([("experiment", "compare"), ("inputs", folders.joined(separator: " ")), ("variants", variants ?? "all"), ("environments", env ?? "all"),
                 ("reference", reference ?? "best fixed η"), ("final_fraction", "\(finalFraction)"), ("missing", missing.rawValue),
                 ("resamples", "\(resamples)"), ("confidence", "\(confidence)"), ("seed", "\(seed)")])
  }

  func validate() throws {
    guard !folders.isEmpty else { throw ValidationError("give at least one experiment data folder, e.g. data/baseline") }
    guard FinalScoreRule.isValid(fraction: finalFraction) else {
      throw ValidationError("--final-fraction must be in (0, 1], got \(finalFraction)")
    }
    do { _ = try StratifiedBootstrap(resamples: resamples, confidence: confidence, seed: seed) }
    catch { throw ValidationError("\(error)") }
  }

  func run() throws {
    do {
      let data = try folders.map { try ExperimentFolder(URL(fileURLWithPath: $0)) }
      for folder in data where !folder.isComplete {
        warn("\(folder.url.path) has no \(CompletionMarker.name) marker: its experiment may still be running")
      }
      let only = variants?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      let environments = env?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      let matched = try MatchedRuns(folders: data, only: only, environments: environments, missing: missing)
      let settings = ComparisonSettings(
        reference: reference.map(Reference.variant) ?? .bestFixedEta,
        finalScore: FinalScoreRule(fraction: finalFraction),
        bootstrap: try StratifiedBootstrap(resamples: resamples, confidence: confidence, seed: seed))
      let comparison = try Comparison(matched, settings: settings)
      for note in matched.notes { warn(note) }
      for d in comparison.diverged { warn("diverged, not averaged in: \(d.variant) on \(d.env) seed \(d.seed): \(d.reason)") }
      let files = ComparisonFiles(comparison, inputs: folders)
      let report = ComparisonReport(comparison, inputs: folders).markdown
      // Claimed only now: a comparison that fails writes nothing.
      let outURL = URL(fileURLWithPath: out)
      try FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
      try manifest.claim(outURL, fresh: fresh)
      try files.write(to: outURL, summary: report)
      print(report, terminator: "")
    } catch let error as CompareError {
      Terminal.write("Error: \(error)\n")
      if "\(error)".contains("which other variants have") {
        Terminal.write("(--missing drop compares the environments and seeds every variant has)\n")
      }
      throw error.isUsageError ? ExitCode.validationFailure : ExitCode.failure
    }
  }
}

/// One line on stderr.
func warn(_ message: String) { Terminal.write("compare: \(message)\n") }

Compare.main()
