// fixed-start: the control the Table 1 analogue lacked. Every meta row of table-1 and
// outer-critic starts from η₀ = (γ₀, λ₀) = (0.99, 0.9); this runs that η₀ held fixed, on
// the same evaluation seeds and budgets, twice:
//   - gamma0.99-lambda0.9: plain A2C, the network of the unconditioned meta row;
//   - gamma0.99-lambda0.9-conditioned: the meta agent of the conditioned rows (π and v
//     conditioned on e_η) with neither γ nor λ learned, so η stays at η₀ exactly.
// Once its data is there, `make compare` scores every meta row against its own fixed start
// (table-1-start, table-1-start-unconditioned): did meta-learning help or hurt?
import ArgumentParser
import Foundation
import MetaGradient

struct FixedStartCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fixed-start",
    abstract: "The meta rows' start η₀ held fixed, with and without e_η (table-1's seeds and budgets).",
    discussion: """
      Rows: \(FixedEtaGridOptions.name(gamma: 0.99, lambda: 0.9)) (A2C at η₀, unconditioned) and \
      \(FixedEtaGridOptions.name(gamma: 0.99, lambda: 0.9))\(FixedStart.conditionedSuffix) (the conditioned meta \
      agent with nothing learned), η₀ from --initial-gamma and --initial-lambda. Seeds \(TableOneStudy.firstSeed), \
      \(TableOneStudy.firstSeed + 1), … (full: \(TableOneStudy.fullSeeds) per environment in rounds of \
      \(TableOneStudy.seedsPerRound); MinAtar \(TableOneStudy.minAtarSteps / 1_000_000)M steps per run). Writes \
      <out>/<env>/<variant>/seedNN.dat with columns \(LearningCurve.columns.joined(separator: " ")), aggregate.dat, \
      <out>/random/<env>.dat, then <out>/COMPLETE.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "fixed-start")
    try TableOneStudy.experiment(
      title: "fixed-start", variants: FixedStart.variants(meta), control: control, common: common
    ).run(out: out, options: common)
  }
}

/// The two rows.
enum FixedStart {
  static let conditionedSuffix = "-conditioned"

  /// η₀ fixed as plain A2C, and as the conditioned meta agent learning neither γ nor λ
  /// (its η is then η₀ at every step: ``LearnedEta`` reads η₀ for what it does not learn).
  static func variants(_ meta: MetaOptions) -> [ControlVariant] {
    let name = FixedEtaGridOptions.name(gamma: meta.initialGamma, lambda: meta.initialLambda)
    return [
      ControlVariant(name: name, gamma: meta.initialGamma, lambda: meta.initialLambda),
      ControlVariant(name: name + conditionedSuffix, meta: meta.config(learnGamma: false, learnLambda: false, conditioning: true)),
    ]
  }
}

BLASKernels.selectForThisCPU()
FixedStartCommand.main()
