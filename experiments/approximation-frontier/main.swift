// approximation-frontier: is there an approximation of dθ′/dη close to exact and close
// to free? (the notes' second question). Meta-γ+λ trained with the paper's first order
// hosts shadow traces of every approximation — first order, accumulating, exact K-step,
// and the hybrid, finite-difference, curvature-scaled and diagonal traces — whose
// meta-gradients are compared with the exact K_ref-step one on the same θ and data, and
// whose cost per update is timed next to first order's.
import ArgumentParser
import Foundation
import MetaGradient

/// What the frontier measures, and on what.
enum FrontierSetting {
  /// Every family at a few settings; exact-10 is the reference, and every k divides the
  /// window of 10 updates, so each cost averages whole cycles of the k-periodic traces.
  static let measured: [TraceApproximation] = [
    .firstOrder, .accumulating(mu: 0.5), .accumulating(mu: 0.9), .exact(horizon: 3), .exact(horizon: 10),
    .hybrid(every: 2, mu: 0.9), .hybrid(every: 5, mu: 0.9), .hybrid(every: 10, mu: 0.9), .finiteDifference(horizon: 10),
    .curvature(every: 5), .curvature(every: 10), .diagonal(every: 2), .diagonal(every: 10),
  ]
  /// The host: the paper's agent.
  static let host: TraceApproximation = .firstOrder
  /// CartPole and Catch (the MLP), Breakout (the conv net).
  static let environments: [EnvironmentID] = [.cartpole, .catch, .breakout]
  /// Full profile: 10 seeds on CartPole and Catch (rliable's minimum), 5 on Breakout.
  static let fullSeeds = (classic: 10, minAtar: 5)
}

struct ApproximationFrontier: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approximation-frontier",
    abstract: "Measure every approximation of dθ′/dη against exact K_ref-step on first order's runs: accuracy against cost.",
    discussion: """
      Writes what approximation-order writes for its host (<out>/<env>/first-order/seedNN.dat and aggregate.dat; \
      <out>/<env>/accuracy-seedNN.dat, timing-seedNN.dat, accuracy.dat and cost.dat, one cost.dat row per measured \
      approximation: cost per update relative to first order, mean cosine, median relative error, trace cosine, \
      each with its 95% CI over seeds; <out>/random/<env>.dat; <out>/COMPLETE). \
      Defaults: trained first-order; measured \(FrontierSetting.measured.map(\.name).joined(separator: ",")) \
      against exact-10; environments \(FrontierSetting.environments.map(\.rawValue).joined(separator: ", ")); \
      seeds (full) \(FrontierSetting.fullSeeds.classic) on CartPole and Catch, \(FrontierSetting.fullSeeds.minAtar) \
      per MinAtar game; η₀ and β as meta-gamma-lambda's.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions
  @OptionGroup var approximation: ApproximationOptions

  func validate() throws { _ = try experiment() }

  func experiment() throws -> ApproximationOrderExperiment {
    var experiment = try ApproximationOrderExperiment(
      environments: control.env == nil ? FrontierSetting.environments : try control.environments(),
      variants: approximation.trained(defaults: [FrontierSetting.host]),
      measurement: approximation.measurement(defaults: [FrontierSetting.host], measuredDefaults: FrontierSetting.measured),
      meta: meta.config(learnGamma: true, learnLambda: true), options: control, common: common)
    experiment.title = "approximation-frontier"
    if common.profile == .full { (experiment.budget.classicSeeds, experiment.budget.minAtarSeeds) = FrontierSetting.fullSeeds }
    return experiment
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "approximation-frontier")
    try experiment().run(out: out, options: common)
  }
}

BLASKernels.selectForThisCPU()
ApproximationFrontier.main()
