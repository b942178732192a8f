// meta-gamma-lambda: A2C whose γ and λ are both meta-learned online (Xu, van Hasselt & Silver
// 2018, §2 and the "γ, λ" rows of Table 1), on every environment with
// the baseline's budgets and seeds, so the curves compare directly.
import ArgumentParser
import Foundation
import MetaGradient

struct MetaGammaLambda: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "meta-gamma-lambda",
    abstract: "Meta-learn both γ and λ online (first-order meta-gradient, online cross-validation).",
    discussion: """
      Writes <out>/<env>/meta-gamma-lambda/seedNN.dat with columns \(LearningCurve.columns.joined(separator: " ")),
      aggregate.dat (mean and 95% CI over seeds), <out>/random/<env>.dat, then <out>/COMPLETE.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "meta-gamma-lambda")
    let variant = ControlVariant(name: "meta-gamma-lambda", meta: meta.config(learnGamma: true, learnLambda: true))
    try ControlExperiment(
      title: "meta-gamma-lambda", environments: try control.environments(), variants: [variant], options: control, common: common
    ).run(out: out, options: common)
  }
}


BLASKernels.selectForThisCPU()
MetaGammaLambda.main()
