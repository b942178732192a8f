// eta-paths: meta-γ+λ started from good and poor η₀ across the fixed-η landscape, at
// several meta learning rates β ("When does meta-learning η pay off?"): does η move
// toward the landscape's best region, and does the return catch up with the best fixed
// η, and how fast? Same environments, seeds and budgets as `landscape`.
import ArgumentParser
import Foundation
import MetaGradient

/// The starts and learning rates.
enum PathGrid {
  /// η₀ = (γ₀, λ₀): the paper's (0.99, 0.9); a 10-step horizon (0.9, 0.9); far-sighted
  /// Monte Carlo (0.995, 1), the worst cells of the committed baseline; TD(0) (0.99, 0).
  /// (λ₀ = 1 is a logit of 1 − 1e-6, where the sigmoid's slope is ≈ 1e-6: λ cannot move
  /// from there, which is itself a finding about the parametrisation.)
  static let starts: [(gamma: Double, lambda: Double)] = [(0.99, 0.9), (0.9, 0.9), (0.995, 1), (0.99, 0)]
  /// β: the paper's 1e-3 (η barely moves in 1M steps), and 1e-2, which visibly moves it.
  static let betas = [1e-3, 1e-2]
}

struct EtaPaths: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eta-paths",
    abstract: "Meta-learn (γ, λ) from several η₀ and β: the paths of η over training, to draw on the fixed-η landscape.",
    discussion: """
      Writes <out>/<env>/<variant>/seedNN.dat (variant from-gammaG-lambdaL-betaB; its gamma and lambda columns are the \
      path), aggregate.dat (mean and 95% CI over seeds, the mean path included), <out>/random/<env>.dat, then \
      <out>/COMPLETE. Starts η₀: \(PathGrid.starts.map { "(\(DataFile.format($0.gamma)), \(DataFile.format($0.lambda)))" }.joined(separator: ", ")); \
      β: \(PathGrid.betas.map(DataFile.format).joined(separator: ", ")) (--starts and --betas override). \
      Environments and seeds as landscape's.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions
  @Option(help: "η₀ to start from, as γ:λ pairs separated by commas, e.g. 0.9:0.9,0.995:1 (default: above).")
  var starts: String?
  @Option(help: "Comma-separated meta learning rates β (default: above).")
  var betas: String?

  func validate() throws { _ = try experiment() }

  func variants() throws -> [ControlVariant] {
    let rates = try betas.map { try LandscapeStudy.betas($0) } ?? PathGrid.betas
    return try (starts.map { try LandscapeStudy.starts($0) } ?? PathGrid.starts).flatMap { start in
      rates.map { beta in
        ControlVariant(
          name: "from-\(FixedEtaGridOptions.name(gamma: start.gamma, lambda: start.lambda))-beta\(DataFile.format(beta))",
          meta: LandscapeStudy.metaGammaLambda(from: start, beta: beta, meta: meta))
      }
    }
  }

  func experiment() throws -> ControlExperiment {
    try LandscapeStudy.experiment(title: "eta-paths", variants: try variants(), control: control, common: common)
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "eta-paths")
    try experiment().run(out: out, options: common)
  }
}


BLASKernels.selectForThisCPU()
EtaPaths.main()
