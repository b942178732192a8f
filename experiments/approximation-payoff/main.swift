// approximation-payoff: what a better dθ′/dη buys where η has to move ("When does
// meta-learning η pay off?"). Meta-γ+λ from a poor η₀ with a β that moves η, trained
// with first order, accumulating traces and exact traces; their returns, paths of η,
// accuracy against the exact K_ref-step meta-gradient, and cost per update.
import ArgumentParser
import Foundation
import MetaGradient

/// The regime and the budget.
enum PayoffSetting {
  /// η₀ = (0.995, 1), far-sighted Monte Carlo: the landscape's poor CartPole cell from
  /// which meta-γ+λ at β = 1e-3 recovers (the paths of η), the one regime where moving η paid.
  static let start = (gamma: 0.995, lambda: 1.0)
  static let beta = 1e-3
  /// The paper's first order, accumulating traces μ ∈ {0.5, 0.9}, exact traces K ∈ {3, 10}.
  static let approximations: [TraceApproximation] = [
    .firstOrder, .accumulating(mu: 0.5), .accumulating(mu: 0.9), .exact(horizon: 3), .exact(horizon: 10),
  ]
  /// CartPole and Catch, and Breakout, where the traces disagree most.
  static let environments: [EnvironmentID] = [.cartpole, .catch, .breakout]
  /// Full profile: 10 seeds on CartPole and Catch (rliable's minimum), 5 on Breakout.
  static let fullSeeds = (classic: 10, minAtar: 5)
}

struct ApproximationPayoff: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approximation-payoff",
    abstract: "Meta-learn (γ, λ) from a poor η₀ with each approximation of dθ′/dη: returns, paths of η, accuracy and cost.",
    discussion: """
      Writes what approximation-order writes (per approximation <out>/<env>/<approximation>/seedNN.dat and \
      aggregate.dat, whose gamma and lambda columns are the paths of η; <out>/<env>/accuracy*.dat, timing*.dat, \
      cost.dat from the first approximation's runs; <out>/random/<env>.dat; <out>/COMPLETE). \
      Defaults: η₀ = (\(DataFile.format(PayoffSetting.start.gamma)), \(DataFile.format(PayoffSetting.start.lambda))), \
      β = \(DataFile.format(PayoffSetting.beta)) (--start and --beta override; --initial-gamma, --initial-lambda and \
      --meta-learning-rate are ignored); approximations \(PayoffSetting.approximations.map(\.name).joined(separator: ",")); \
      environments \(PayoffSetting.environments.map(\.rawValue).joined(separator: ", ")); seeds (full) \
      \(PayoffSetting.fullSeeds.classic) on CartPole and Catch, \(PayoffSetting.fullSeeds.minAtar) per MinAtar game.
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions
  @OptionGroup var meta: MetaOptions
  @OptionGroup var approximation: ApproximationOptions
  @Option(help: "η₀ to start from, as γ:λ (default: 0.995:1).")
  var start: String?
  @Option(help: "The meta learning rate β (default: 1e-3).")
  var beta: String?

  func validate() throws { _ = try experiment() }

  func experiment() throws -> ApproximationOrderExperiment {
    let η0 = try LandscapeStudy.start(start, default: PayoffSetting.start)
    let β = beta.map { Double($0) } ?? PayoffSetting.beta
    guard let β, β > 0, β.isFinite else { throw ValidationError("--beta must be a positive number, got '\(beta ?? "")'") }
    var experiment = try ApproximationOrderExperiment(
      environments: control.env == nil ? PayoffSetting.environments : try control.environments(),
      variants: approximation.trained(defaults: PayoffSetting.approximations),
      measurement: approximation.measurement(defaults: PayoffSetting.approximations),
      meta: LandscapeStudy.metaGammaLambda(from: η0, beta: β, meta: meta), options: control, common: common)
    experiment.title = "approximation-payoff"
    if common.profile == .full { (experiment.budget.classicSeeds, experiment.budget.minAtarSeeds) = PayoffSetting.fullSeeds }
    return experiment
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "approximation-payoff")
    try experiment().run(out: out, options: common)
  }
}

BLASKernels.selectForThisCPU()
ApproximationPayoff.main()
