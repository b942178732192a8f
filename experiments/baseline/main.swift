// The baseline experiment: A2C with a FIXED η = (γ, λ) on CartPole, Catch and the
// five MinAtar games — the reference every meta-gradient variant is compared with
// (Xu, van Hasselt & Silver 2018, the fixed-η baselines of Table 1, on small
// environments). `--policy random` instead measures the uniformly random policy, the
// "random" anchor of normalised scores.
import ArgumentParser
import Foundation
import MetaGradient

enum Policy: String, CaseIterable, ExpressibleByArgument { case a2c, random }

struct Baseline: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A2C with fixed (γ, λ) on every environment: the baseline learning curves.",
    discussion: """
      Writes <out>/<env>/<variant>/seedNN.dat (variant e.g. gamma0.99-lambda0.9) with columns
      \(LearningCurve.columns.joined(separator: " ")), <out>/<env>/<variant>/aggregate.dat
      (mean and 95% CI over seeds), <out>/random/<env>.dat (the random policy), then <out>/COMPLETE.
      With --policy random: only <out>/random/<env>.dat (default out: data/random-policy), also printed.
      The grid: \(Profile.allCases.map { p in
        let b = ControlBudget(profile: p)
        return "\(FixedEtaGridOptions.describe(gammas: b.gammas, lambdas: b.lambdas)) (\(p.rawValue))"
      }.joined(separator: ", ")).
      """)

  @OptionGroup var common: ExperimentOptions
  @OptionGroup var control: ControlOptions

  @Option(help: "a2c: train the baseline grid; random: measure the uniformly random policy.")
  var policy: Policy = .a2c
  @Option(help: "Random policy: episodes per environment (default: 20 quick, 100 full).")
  var episodes: Int?
  @OptionGroup var grid: FixedEtaGridOptions

  func validate() throws {
    if let episodes, episodes <= 0 { throw ValidationError("--episodes must be a positive integer, got \(episodes)") }
    _ = try variants()
  }

  /// The grid γ × λ of fixed-η variants.
  func variants() throws -> [ControlVariant] {
    let budget = ControlBudget(profile: common.profile)
    return try grid.variants(gammas: budget.gammas, lambdas: budget.lambdas)
  }

  mutating func run() throws {
    // The random policy's files go to a folder of their own (default data/random-policy),
    // claimed like every run's: they never land over a training run's.
    let out = try common.outputFolder(experiment: policy == .random ? "random-policy" : "baseline")
    var experiment = ControlExperiment(
      title: "baseline", environments: try control.environments(), variants: try variants(), options: control, common: common)
    if let episodes { experiment.randomEpisodes = episodes }
    guard policy == .random else { try experiment.run(out: out, options: common); return }
    try experiment.randomPolicyManifest.claim(out, fresh: common.fresh)
    for id in experiment.environments {
      let count = experiment.randomEpisodes
      let (r, l) = try experiment.measureRandomPolicy(id, out: out, episodes: count)
      print("\(id.rawValue): random policy over \(count) episodes: return \(DataFile.format(r.mean)) [\(DataFile.format(r.low)), \(DataFile.format(r.high))], length \(DataFile.format(l.mean)) [\(DataFile.format(l.low)), \(DataFile.format(l.high))]")
    }
  }
}

BLASKernels.selectForThisCPU()
Baseline.main()
