// The prediction experiment: meta-gradients for training a value function
// (Xu, van Hasselt & Silver 2018, §2 and the illustrative example), where the
// meta-objective is the training objective with the reference η̄ fixed.
//
//   (a) chain: the paper's illustrative noisy chain (TorchOpt examples/MGRL) with
//       state-dependent γ(s) or λ(s) meta-learned online, against fixed-η baselines;
//   (b) random-walk: the 19-state random walk (Sutton & Barto ch. 12): the fixed-λ
//       sweep, and λ meta-learned from 0.1 and from 0.9.
import ArgumentParser
import Foundation
import MetaGradient

enum Part: String, CaseIterable, ExpressibleByArgument { case chain, randomWalk = "random-walk", all }


struct Prediction: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Meta-learn γ(s) and λ(s) for value prediction: the noisy chain and the 19-state random walk.",
    discussion: """
      Writes <out>/chain/<variant>/seedNN.dat and aggregate.dat, <out>/chain/final-eta.dat,
      <out>/random-walk/<variant>/seedNN.dat and aggregate.dat, <out>/random-walk/sweep.dat,
      <out>/random-walk/meta-final.dat and <out>/random-walk/acceptance.txt, then <out>/COMPLETE.
      """)

  @OptionGroup var common: ExperimentOptions

  @Option(help: "Which part to run: \(Part.allCases.map(\.rawValue).joined(separator: ", ")).")
  var part: Part = .all

  @Option(help: "Chain: episodes of online training (default: 300 quick, 5000 full).")
  var chainEpisodes: Int?
  /// α per visit: TorchOpt's MGRL uses lr 0.5 on a mean-squared error over 10 states,
  /// i.e. a step of 0.1 per visit.
  @Option(help: "Chain: value step size α per visit.")
  var chainAlpha = 0.1
  @Option(help: "Chain: meta step size β (Adam's learning rate on the logits of γ(s), λ(s)).")
  var chainBeta = 0.03

  @Option(help: "Random walk: episodes per run (default: 100 quick, 400 full).")
  var walkEpisodes: Int?
  @Option(help: "Random walk: value step size α per visit.")
  var walkAlpha = 0.1
  @Option(help: "Random walk: meta step size β (Adam's learning rate on the logit of λ).")
  var walkBeta = 0.5
  @Option(help: "Random walk: the meta-gradient's trace, first-order (the paper), trace-<μ>, exact-<K> or exact.")
  var walkTrace = "first-order"
  @Option(help: "Random walk: comma-separated fixed λ values to sweep.")
  var walkLambdas = "0,0.2,0.4,0.6,0.8,0.9,0.95,0.975,1"

  var seedCount: Int { common.seeds ?? (common.profile == .quick ? 10 : 50) }

  func validate() throws {
    for (name, value) in [("--chain-episodes", chainEpisodes), ("--walk-episodes", walkEpisodes)] {
      if let value, value < 10 { throw ValidationError("\(name) must be at least 10, got \(value)") }
    }
    for (name, value) in [("--chain-alpha", chainAlpha), ("--walk-alpha", walkAlpha)] where !(value > 0 && value <= 1) {
      throw ValidationError("\(name) must be in (0, 1], got \(value)")
    }
    for (name, value) in [("--chain-beta", chainBeta), ("--walk-beta", walkBeta)] where !(value > 0) {
      throw ValidationError("\(name) must be positive, got \(value)")
    }
    _ = try parsedLambdas()
    guard TraceApproximation(name: walkTrace)?.isTabular == true else {
      throw ValidationError("--walk-trace must be first-order, trace-<μ in [0,1]>, exact-<K> or exact, got '\(walkTrace)'")
    }
  }

  func parsedLambdas() throws -> [Double] {
    let values = walkLambdas.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ $0 != nil && (0...1).contains($0!) }) else {
      throw ValidationError("--walk-lambdas must be comma-separated numbers in [0, 1], got '\(walkLambdas)'")
    }
    return values.map { $0! }
  }

  mutating func run() throws {
    try PredictionSweep(command: self).run(out: try common.outputFolder(experiment: "prediction"), options: common)
  }

  var chainEpisodeCount: Int { chainEpisodes ?? (common.profile == .quick ? 300 : 5000) }
  var walkEpisodeCount: Int { walkEpisodes ?? (common.profile == .quick ? 100 : 400) }

  /// The chain's fixed-η baselines and the two meta-learners; γ(s) is learned with
  /// λ = 1 (a pure discounted Monte Carlo target, as in TorchOpt), λ(s) with γ = 1.
  var chainVariants: [(name: String, config: TabularMetaPredictor.Config)] {
    [
      ("gamma-0.5", .init(alpha: chainAlpha, gamma: 0.5, lambda: 1)),
      ("gamma-0.9", .init(alpha: chainAlpha, gamma: 0.9, lambda: 1)),
      ("gamma-1", .init(alpha: chainAlpha, gamma: 1, lambda: 1)),
      ("lambda-0", .init(alpha: chainAlpha, gamma: 1, lambda: 0)),
      ("lambda-0.5", .init(alpha: chainAlpha, gamma: 1, lambda: 0.5)),
      ("meta-gamma", .init(alpha: chainAlpha, gamma: 0.5, lambda: 1, learnGamma: true, sharing: .perState, beta: chainBeta)),
      ("meta-lambda", .init(alpha: chainAlpha, gamma: 1, lambda: 0.5, learnLambda: true, sharing: .perState, beta: chainBeta)),
    ]
  }

  /// The random walk's starting λ of the meta-learners.
  static let walkStarts = [0.1, 0.9]

  /// The random walk's fixed-λ sweep, then the meta-learners from each start.
  var walkSettings: [(name: String, config: TabularMetaPredictor.Config)] {
    let trace = TraceApproximation(name: walkTrace)!
    return (try! parsedLambdas()).map { ("lambda-\($0)", .init(alpha: walkAlpha, gamma: 1, lambda: $0)) }
      + Self.walkStarts.map {
        ("meta-lambda-from-\($0)", .init(alpha: walkAlpha, gamma: 1, lambda: $0, learnLambda: true, beta: walkBeta, trace: trace))
      }
  }

  func describe(_ c: TabularMetaPredictor.Config) -> [(key: String, value: String)] {
    [
      ("alpha", "\(c.alpha)"), ("gamma", "\(c.gamma)"), ("lambda", "\(c.lambda)"),
      ("learn_gamma", "\(c.learnGamma)"), ("learn_lambda", "\(c.learnLambda)"), ("sharing", c.sharing.rawValue),
      ("beta", "\(c.beta)"), ("gamma_bar", "\(c.gammaBar)"), ("lambda_bar", "\(c.lambdaBar)"),
      ("seeds", "\(seedCount)"), ("base_seed", "\(common.seed)"),
    ]
  }
}
Prediction.main()
