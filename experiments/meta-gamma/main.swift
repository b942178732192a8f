// meta-gamma: A2C whose discount γ is meta-learned online (Xu, van Hasselt & Silver
// 2018, §2 and the "γ" rows of Table 1), with λ held at λ₀, on every environment with
// the baseline's budgets and seeds, so the curves compare directly.
import ArgumentParser
import Foundation
import MetaGradient

struct MetaGamma: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "meta-gamma",
    abstract: "Meta-learn the discount γ online (first-order meta-gradient, online cross-validation).",
    discussion: """
      Writes <out>/<env>/meta-gamma/seedNN.dat with columns \(LearningCurve.columns.joined(separator: " ")),
      aggregate.dat (mean and 95% CI over seeds), <out>/random/<env>.dat, then <out>/COMPLETE.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "meta-gamma")
    let variant = ControlVariant(name: "meta-gamma", meta: meta.config(learnGamma: true, learnLambda: false))
    try ControlExperiment(
      title: "meta-gamma", environments: try control.environments(), variants: [variant], options: control, common: common
    ).run(out: out, options: common)
  }
}


BLASKernels.selectForThisCPU()
MetaGamma.main()
