// beta-sensitivity: meta-γ+λ from one η₀ at every meta learning rate β of a log grid
// ("When does meta-learning η pay off?"): which β works, where the meta-update becomes
// unstable, and how far η ends from η₀. Same environments, seeds and budgets as
// `landscape`, whose best fixed η is the reference of its comparison (`make compare`).
import ArgumentParser
import Foundation
import MetaGradient

/// The sweep's defaults.
enum BetaGrid {
  /// β from a tenth of the paper's 1e-3 to thirty times it, about half a decade apart.
  static let betas = [1e-4, 1e-3, 3e-3, 1e-2, 3e-2]
  /// η₀: the paper's (γ₀, λ₀) = (0.99, 0.9), MetaOptions' defaults.
  static let start = (gamma: 0.99, lambda: 0.9)
}

struct BetaSensitivity: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "beta-sensitivity",
    abstract: "Meta-learn (γ, λ) from one η₀ at several meta learning rates β: final return and final η against β.",
    discussion: """
      Writes <out>/<env>/<variant>/seedNN.dat (variant betaB; its gamma and lambda columns are the path of η), \
      aggregate.dat (mean and 95% CI over seeds; its last row holds the final γ and λ), <out>/random/<env>.dat, then <out>/COMPLETE (per environment and β the final return with its 95% CI). \
      β: \(BetaGrid.betas.map(DataFile.format).joined(separator: ", ")) (--betas overrides); η₀ = \
      (\(DataFile.format(BetaGrid.start.gamma)), \(DataFile.format(BetaGrid.start.lambda))) (--start overrides; \
      --initial-gamma, --initial-lambda and --meta-learning-rate are ignored). Environments and seeds as landscape's.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions
  @Option(help: "η₀ to start from, as γ:λ (default: 0.99:0.9).")
  var start: String?
  @Option(help: "Comma-separated meta learning rates β (default: 1e-4,1e-3,3e-3,1e-2,3e-2).")
  var betas: String?

  func validate() throws { _ = try experiment() }

  func experiment() throws -> ControlExperiment {
    let η0 = try LandscapeStudy.start(start, default: BetaGrid.start)
    let variants = try (betas.map { try LandscapeStudy.betas($0) } ?? BetaGrid.betas).map { beta in
      ControlVariant(name: "beta\(DataFile.format(beta))",
                     meta: LandscapeStudy.metaGammaLambda(from: η0, beta: beta, meta: meta))
    }
    return try LandscapeStudy.experiment(title: "beta-sensitivity", variants: variants, control: control, common: common)
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "beta-sensitivity")
    try experiment().run(out: out, options: common)
  }
}

BLASKernels.selectForThisCPU()
BetaSensitivity.main()
