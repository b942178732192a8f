// outer-critic: meta-γ+λ whose meta-objective's advantage uses an outer value head v̄
// trained on returns with η̄ (Bonnet, Midgley & Laterre 2022, "Debiasing meta-gradient
// reinforcement learning by learning the outer value function"), on the seeds and
// budgets of table-1, whose meta-gamma-lambda row is the same agent without it.
import ArgumentParser
import Foundation
import MetaGradient

struct OuterCriticCommand: ParsableCommand {
  static let variant = "meta-gamma-lambda-outer-critic"
  static let configuration = CommandConfiguration(
    commandName: "outer-critic",
    abstract: "Meta-learn γ and λ with J̄'s advantage from an outer critic v̄ trained on η̄'s returns (table-1's seeds and budgets).",
    discussion: """
      The agent of table-1's meta-gamma-lambda row (conditioned on e_η, η₀ and β from the meta options) with \
      --outer-critic always on. Seeds \(TableOneStudy.firstSeed), \(TableOneStudy.firstSeed + 1), … (full: \
      \(TableOneStudy.fullSeeds) per environment in rounds of \(TableOneStudy.seedsPerRound); MinAtar \
      \(TableOneStudy.minAtarSteps / 1_000_000)M steps per run). Writes <out>/<env>/\(variant)/seedNN.dat with columns \
      \(LearningCurve.columns.joined(separator: " ")), aggregate.dat, <out>/random/<env>.dat, then <out>/COMPLETE.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "outer-critic")
    var config = meta.config(learnGamma: true, learnLambda: true, conditioning: true)
    config.outerCritic = true
    try TableOneStudy.experiment(
      title: "outer-critic", variants: [ControlVariant(name: Self.variant, meta: config)], control: control, common: common
    ).run(out: out, options: common)
  }
}

BLASKernels.selectForThisCPU()
OuterCriticCommand.main()
