// approximation-order: how much does the paper's first-order dθ′/dη ≈ ∂f/∂η cost?
// Meta-learned γ and λ (Xu, van Hasselt & Silver 2018) with the trace z ≈ dθ/dη
// formed to first order, as an accumulating trace z ← μz + ∂f/∂η, or exactly through
// the last K updates; their meta-gradients against the exact K_ref-step one on the
// same θ and data, their cost per update, and the returns each reaches.
import ArgumentParser
import Foundation
import MetaGradient

struct ApproximationOrder: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approximation-order",
    abstract: "Ablate the approximation of dθ′/dη in the meta-gradient: accuracy, cost per update and returns.",
    discussion: """
      Approximations are named first-order, trace-<μ> (z ← μz + ∂f/∂η, μ in [0, 1]) and exact-<K> (exact
      z ← (I + ∂f/∂θ)z + ∂f/∂η, reset every K updates). Writes <out>/<env>/<approximation>/seedNN.dat with
      columns \(LearningCurve.columns.joined(separator: " ")) and aggregate.dat (mean and 95% CI over seeds);
      <out>/<env>/accuracy-seedNN.dat (on the first variant's runs: per measurement the reference meta-gradient
      and per measured approximation its cosine and relative error against it and the traces' cosine),
      timing-seedNN.dat (seconds per update of each trace and of plain A2C), accuracy.dat (mean and 95% CI over
      seeds) and cost.dat (per approximation: cost relative to first order and to plain A2C, mean cosine, median
      relative error, mean trace cosine); <out>/random/<env>.dat; then <out>/COMPLETE.
      Default environments: \(ApproximationOrderExperiment.defaultEnvironments(.full).map(\.rawValue).joined(separator: ", ")) \
      (quick: \(ApproximationOrderExperiment.defaultEnvironments(.quick).map(\.rawValue).joined(separator: ", "))); seeds: \
      \(ApproximationOrderExperiment.defaultSeeds(.full)) (quick: \(ApproximationOrderExperiment.defaultSeeds(.quick))); steps: the control experiments' budgets.
      Approximations trained and measured: \(Self.approximations.map(\.name).joined(separator: ",")).
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  @OptionGroup var approximation: ApproximationOptions

  /// Every approximation: first order, three accumulating traces, three exact horizons.
  static let approximations = ApproximationOrderExperiment.defaultApproximations

  func validate() throws { _ = try experiment() }

  func experiment() throws -> ApproximationOrderExperiment {
    try ApproximationOrderExperiment(
      environments: control.env == nil ? ApproximationOrderExperiment.defaultEnvironments(common.profile) : try control.environments(),
      variants: approximation.trained(defaults: Self.approximations),
      measurement: approximation.measurement(defaults: Self.approximations),
      meta: meta.config(learnGamma: true, learnLambda: true), options: control, common: common)
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "approximation-order")
    try experiment().run(out: out, options: common)
  }
}


BLASKernels.selectForThisCPU()
ApproximationOrder.main()
