// table-1: the analogue of Xu, van Hasselt & Silver (2018), Table 1 — A2C with fixed γ
// against meta-learned λ, γ and {γ, λ}, with and without η-conditioning — on every
// environment, scored against the best fixed η chosen on other seeds (held out).
import ArgumentParser
import Foundation
import MetaGradient

/// The rows.
enum TableOne {
  /// The paper's IMPALA baselines: fixed γ ∈ {0.99, 0.995} with λ = 1.
  static let fixedGammas = [0.99, 0.995]
  /// The meta-gradient rows: (variant, learns γ, learns λ, η-conditioning). The paper's
  /// meta rows are conditioned on e_η (its §3); meta-γ+λ is also run without.
  static let metaRows = [
    ("meta-lambda", false, true, true), ("meta-gamma", true, false, true), ("meta-gamma-lambda", true, true, true),
    ("meta-gamma-lambda-unconditioned", true, true, false),
  ]
}

struct TableOneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "table-1",
    abstract: "The Table 1 analogue: fixed γ, the held-out best fixed η, meta-λ, meta-γ and meta-γ+λ, on evaluation seeds.",
    discussion: """
      Rows: \(TableOne.fixedGammas.map { FixedEtaGridOptions.name(gamma: $0, lambda: 1) }.joined(separator: ", ")) \
      (fixed γ, λ = 1), \(TableOneStudy.heldOutVariant) (per environment the best fixed η of the tuning folders' \
      runs, on their seeds, by the final-score rule of compare), \(TableOne.metaRows.map(\.0).joined(separator: ", ")) \
      (η₀ and β from the meta options; conditioned on e_η unless named unconditioned). Seeds \(TableOneStudy.firstSeed), \
      \(TableOneStudy.firstSeed + 1), … (full: \(TableOneStudy.fullSeeds) per environment in rounds of \
      \(TableOneStudy.seedsPerRound); MinAtar \(TableOneStudy.minAtarSteps / 1_000_000)M steps per run). Writes \
      <out>/<env>/<variant>/seedNN.dat with columns \(LearningCurve.columns.joined(separator: " ")), aggregate.dat, \
      <out>/random/<env>.dat, then <out>/COMPLETE. make compare normalises it to 0 = random, 1 = \(TableOneStudy.heldOutVariant).
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions
  @Option(help: "Comma-separated finished experiment folders whose fixed-η runs choose the held-out reference, first with runs on an environment first (default: \(TableOneStudy.tuningExperiments.joined(separator: ",")) beside --out).")
  var tuning: String?

  func experiment(out: URL) throws -> ControlExperiment {
    let fixed = TableOne.fixedGammas.map { ControlVariant(name: FixedEtaGridOptions.name(gamma: $0, lambda: 1), gamma: $0, lambda: 1) }
    let learned = TableOne.metaRows.map { name, gamma, lambda, conditioned in
      ControlVariant(name: name, meta: meta.config(learnGamma: gamma, learnLambda: lambda, conditioning: conditioned))
    }
    var experiment = try TableOneStudy.experiment(title: "table-1", variants: fixed + learned, control: control, common: common)
    experiment.environmentVariants = try TableOneStudy.heldOutVariants(
      tuning: TableOneStudy.tuningFolders(tuning, out: out), for: experiment)
    return experiment
  }

  // The held-out choice reads the tuning folders (about a thousand files): once per
  // process, before the output folder is created, so bad input touches nothing.
  mutating func run() throws {
    let experiment = try experiment(out: URL(fileURLWithPath: common.out ?? "data/table-1"))
    let out = try common.outputFolder(experiment: "table-1")
    try experiment.run(out: out, options: common)
  }
}

BLASKernels.selectForThisCPU()
TableOneCommand.main()
