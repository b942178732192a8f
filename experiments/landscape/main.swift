// landscape: the fixed-η landscape — A2C's final return at every cell of a grid of
// discounts γ and bootstrapping parameters λ, per environment — the map on which the
// meta-gradient agents' paths of η are drawn ("When does meta-learning η pay off?").
import ArgumentParser
import Foundation
import MetaGradient

struct Landscape: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A2C with fixed (γ, λ) over a grid γ × λ: final return per cell, per environment (for heatmaps).",
    discussion: """
      Writes <out>/<env>/<variant>/seedNN.dat and aggregate.dat as the baseline does, \
      <out>/<env>/landscape.dat (one row per cell: mean final return and 95% CI over seeds, best cell in the header), \
      <out>/random/<env>.dat, then <out>/COMPLETE.
      Default environments: \(LandscapeStudy.environments.map(\.rawValue).joined(separator: ", ")).
      The grid: \(Profile.allCases.map { "\(FixedEtaGridOptions.describe(gammas: LandscapeStudy.gammas($0), lambdas: LandscapeStudy.lambdas($0))) (\($0.rawValue))" }.joined(separator: ", ")).
      Seeds (full): \(LandscapeStudy.fullSeeds.classic) on CartPole and Catch, \(LandscapeStudy.fullSeeds.minAtar) per MinAtar game.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var grid: FixedEtaGridOptions

  func validate() throws { _ = try experiment() }

  func experiment() throws -> ControlExperiment {
    let p = common.profile
    var experiment = try LandscapeStudy.experiment(
      title: "landscape", variants: try grid.variants(gammas: LandscapeStudy.gammas(p), lambdas: LandscapeStudy.lambdas(p)),
      control: control, common: common)
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
