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
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions

  @Option(help: "Comma-separated approximations trained as variants; the first one's runs carry the measurements.")
  var approximations = "first-order,trace-0.5,trace-0.9,trace-1.0,exact-1,exact-3,exact-10"
  @Option(help: "Comma-separated approximations whose meta-gradients are measured (exact ones need a horizon K).")
  var measured = "first-order,trace-0.5,trace-0.9,trace-1.0,exact-1,exact-3,exact-10"
  @Option(help: "K_ref, the horizon of the exact reference trace (default: the largest measured K).")
  var referenceHorizon: Int?
  @Option(help: "Measurements per run, spread evenly over it (at least K_ref updates apart).")
  var measurements = 20

  func validate() throws {
    let trained = try parse(approximations, option: "--approximations")
    let compared = try parse(measured, option: "--measured")
    guard !trained.isEmpty else { throw ValidationError("--approximations must name at least one approximation") }
    if let bad = compared.first(where: { $0 == .exact(horizon: nil) }) {
      throw ValidationError("--measured: '\(bad.name)' needs a horizon, e.g. exact-10")
    }
    if let referenceHorizon, referenceHorizon <= 0 {
      throw ValidationError("--reference-horizon must be a positive integer, got \(referenceHorizon)")
    }
    guard measurements > 0 else { throw ValidationError("--measurements must be a positive integer, got \(measurements)") }
  }

  /// The approximations named in `text`, each checked.
  func parse(_ text: String, option: String) throws -> [TraceApproximation] {
    try text.split(separator: ",").map { name in
      guard let a = TraceApproximation(name: String(name)) else {
        throw ValidationError("\(option): unknown approximation '\(name)'; allowed: first-order, trace-<μ> with μ in [0, 1], exact-<K> with K ≥ 1, exact")
      }
      return a
    }
  }

  mutating func run() throws {
    let compared = try parse(measured, option: "--measured")
    let horizons = compared.compactMap { a -> Int? in if case .exact(let k) = a { k } else { nil } }
    let measurement = TracedControlRun.Measurement(
      approximations: compared, referenceHorizon: referenceHorizon ?? horizons.max() ?? 10, count: measurements)
    let environments = control.env == nil
      ? ApproximationOrderExperiment.defaultEnvironments(common.profile) : try control.environments()
    let out = try common.outputFolder(experiment: "approximation-order")
    try ApproximationOrderExperiment(
      environments: environments, variants: try parse(approximations, option: "--approximations"),
      measurement: measurement, meta: meta.config(learnGamma: true, learnLambda: true), options: control, common: common
    ).run(out: out, options: common)
  }
}


BLASKernels.selectForThisCPU()
ApproximationOrder.main()
