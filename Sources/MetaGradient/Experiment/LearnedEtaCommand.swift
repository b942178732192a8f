import ArgumentParser
import Foundation

/// One of the single-variant meta-gradient experiments of the paper's Table 1 rows —
/// `meta-gamma` (γ learned, λ held at λ₀), `meta-lambda` (λ learned, γ held at γ₀) and
/// `meta-gamma-lambda` (both) — on every environment with the baseline's budgets and
/// seeds, so their curves compare directly with it.
public protocol LearnedEtaExperiment {
  /// The executable's and the variant's name.
  static var name: String { get }
  static var learnsGamma: Bool { get }
  static var learnsLambda: Bool { get }
}

/// The command of a ``LearnedEtaExperiment``: the shared options, one variant named
/// after the experiment, the control experiment's plan of units.
public struct LearnedEtaCommand<Experiment: LearnedEtaExperiment>: ParsableCommand {
  public static var configuration: CommandConfiguration {
    let learned = [Experiment.learnsGamma ? "γ" : nil, Experiment.learnsLambda ? "λ" : nil].compactMap { $0 }.joined(separator: " and ")
    let held = Experiment.learnsGamma ? (Experiment.learnsLambda ? "" : ", λ held at λ₀") : ", γ held at γ₀"
    return CommandConfiguration(
      commandName: Experiment.name,
      abstract: "Meta-learn \(learned) online\(held) (first-order meta-gradient, online cross-validation).",
      discussion: """
        Writes <out>/<env>/\(Experiment.name)/seedNN.dat with columns \(LearningCurve.columns.joined(separator: " ")),
        aggregate.dat (mean and 95% CI over seeds), <out>/random/<env>.dat, then <out>/COMPLETE.
        """)
  }

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  public init() {}

  public mutating func run() throws {
    let out = try common.outputFolder(experiment: Experiment.name)
    let variant = ControlVariant(
      name: Experiment.name, meta: meta.config(learnGamma: Experiment.learnsGamma, learnLambda: Experiment.learnsLambda))
    try ControlExperiment(
      title: Experiment.name, environments: try control.environments(), variants: [variant], options: control, common: common
    ).run(out: out, options: common)
  }
}
