// landscape: the fixed-η landscape — A2C's final return at every cell of a grid of
// discounts γ and bootstrapping parameters λ, per environment — the map on which the
// meta-gradient agents' paths of η are drawn ("When does meta-learning η pay off?").
import ArgumentParser
import Foundation
import MetaGradient

/// The landscape's defaults.
enum LandscapeGrid {
  /// γ from a 10-step horizon (1/(1 − γ)) to a 1000-step one, λ from TD(0) to Monte Carlo.
  static func gammas(_ profile: Profile) -> [Double] { profile == .quick ? [0.9, 0.99] : [0.9, 0.95, 0.98, 0.99, 0.995, 0.999] }
  static func lambdas(_ profile: Profile) -> [Double] { profile == .quick ? [0, 1] : [0, 0.5, 0.8, 0.9, 0.95, 1] }
  /// CartPole and Catch, and the three MinAtar games with the widest spread of returns over η.
  static let environments: [EnvironmentID] = [.cartpole, .catch, .breakout, .spaceInvaders, .seaquest]
  /// Full profile: 10 seeds on the classic tasks (rliable's minimum for trustworthy
  /// intervals, Agarwal et al. 2021), 3 per MinAtar game (36 cells × 1M steps each).
  static let fullSeeds = (classic: 10, minAtar: 3)
}

struct Landscape: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A2C with fixed (γ, λ) over a grid γ × λ: final return per cell, per environment (for heatmaps).",
    discussion: """
      Writes <out>/<env>/<variant>/seedNN.dat and aggregate.dat as the baseline does, \
      <out>/<env>/landscape.dat (one row per cell: mean final return and 95% CI over seeds, best cell in the header), \
      <out>/random/<env>.dat, then <out>/COMPLETE.
      Default environments: \(LandscapeGrid.environments.map(\.rawValue).joined(separator: ", ")).
      The grid: \(Profile.allCases.map { "\(FixedEtaGridOptions.describe(gammas: LandscapeGrid.gammas($0), lambdas: LandscapeGrid.lambdas($0))) (\($0.rawValue))" }.joined(separator: ", ")).
      Seeds (full): \(LandscapeGrid.fullSeeds.classic) on CartPole and Catch, \(LandscapeGrid.fullSeeds.minAtar) per MinAtar game.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var grid: FixedEtaGridOptions

  func validate() throws { _ = try experiment() }

  func experiment() throws -> ControlExperiment {
    let p = common.profile
    var experiment = ControlExperiment(
      title: "landscape", environments: control.env == nil ? LandscapeGrid.environments : try control.environments(),
      variants: try grid.variants(gammas: LandscapeGrid.gammas(p), lambdas: LandscapeGrid.lambdas(p)),
      options: control, common: common)
    if p == .full { (experiment.budget.classicSeeds, experiment.budget.minAtarSeeds) = LandscapeGrid.fullSeeds }
    experiment.writesLandscape = true
    return experiment
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "landscape")
    try experiment().run(out: out, options: common)
  }
}


BLASKernels.selectForThisCPU()
Landscape.main()
