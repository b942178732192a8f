// eta-conditioning: meta-learned γ and λ with and without conditioning the policy and
// value on a learned embedding e_η = W_η η (Xu, van Hasselt & Silver 2018, §3 and its
// ablation), on every environment with the baseline's budgets and seeds.
import ArgumentParser
import Foundation
import MetaGradient

enum Conditioning: String, CaseIterable, ExpressibleByArgument { case on, off, both }

struct EtaConditioning: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eta-conditioning",
    abstract: "Meta-learn γ and λ with and without η-conditioning of π and v.",
    discussion: """
      Writes <out>/<env>/conditioning-on|conditioning-off/seedNN.dat with columns \(LearningCurve.columns.joined(separator: " ")),
      aggregate.dat (mean and 95% CI over seeds), <out>/random/<env>.dat, then <out>/COMPLETE.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  @Option(help: "Which variants to run: \(Conditioning.allCases.map(\.rawValue).joined(separator: ", ")).")
  var conditioning: Conditioning = .both
  @Option(help: "E, the size of the η-embedding e_η.")
  var embeddingSize = 16

  func validate() throws {
    guard embeddingSize > 0 else { throw ValidationError("--embedding-size must be a positive integer, got \(embeddingSize)") }
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "eta-conditioning")
    let variants = [true, false].filter { conditioning == .both || ($0 ? conditioning == .on : conditioning == .off) }.map { on in
      var config = meta.config(learnGamma: true, learnLambda: true, conditioning: on)
      config.embeddingSize = embeddingSize
      return ControlVariant(name: on ? "conditioning-on" : "conditioning-off", meta: config)
    }
    try ControlExperiment(
      title: "eta-conditioning", environments: try control.environments(), variants: variants, options: control, common: common
    ).run(out: out, options: common)
  }
}


BLASKernels.selectForThisCPU()
EtaConditioning.main()
