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
    guard TraceApproximation(name: walkTrace) != nil else {
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
    let out = try common.outputFolder(experiment: "prediction")
    let checkpoint = try common.startRun(in: out, manifest: RunManifest([
      ("experiment", "prediction"), ("part", part.rawValue), ("profile", common.profile.rawValue),
      ("seeds", "\(seedCount)"), ("base_seed", "\(common.seed)"),
      ("chain_episodes", "\(chainEpisodes ?? -1)"), ("chain_alpha", "\(chainAlpha)"), ("chain_beta", "\(chainBeta)"),
      ("walk_episodes", "\(walkEpisodes ?? -1)"), ("walk_alpha", "\(walkAlpha)"), ("walk_beta", "\(walkBeta)"),
      ("walk_trace", walkTrace), ("walk_lambdas", walkLambdas),
    ]))
    var summary = ""
    if part != .randomWalk { try runChain(out: out.appendingPathComponent("chain"), checkpoint: checkpoint) }
    if part != .chain { summary += try runRandomWalk(out: out.appendingPathComponent("random-walk"), checkpoint: checkpoint) }
    if part == .all { try CompletionMarker.write(in: out, summary: summary, checkpoint: checkpoint) } else { checkpoint.remove() }
  }

  /// One seed's learning curve and final η(s), as the checkpoint keeps it (each seed
  /// takes milliseconds, so a stopped run resumes at the seed it was in).
  struct SeedRun: Codable {
    var rows: [[Double]]
    var final: [[Double]]
  }

  // MARK: - (a) The noisy chain

  func runChain(out: URL, checkpoint: RunCheckpoint) throws {
    let chain = NoisyChain()
    let episodes = chainEpisodes ?? (common.profile == .quick ? 300 : 5000)
    let logEvery = max(1, episodes / 100)
    // Fixed-η baselines and the two meta-learners; γ(s) is learned with λ = 1 (a pure
    // discounted Monte Carlo target, as in TorchOpt), λ(s) with γ = 1.
    let variants: [(name: String, config: TabularMetaPredictor.Config)] = [
      ("gamma-0.5", .init(alpha: chainAlpha, gamma: 0.5, lambda: 1)),
      ("gamma-0.9", .init(alpha: chainAlpha, gamma: 0.9, lambda: 1)),
      ("gamma-1", .init(alpha: chainAlpha, gamma: 1, lambda: 1)),
      ("lambda-0", .init(alpha: chainAlpha, gamma: 1, lambda: 0)),
      ("lambda-0.5", .init(alpha: chainAlpha, gamma: 1, lambda: 0.5)),
      ("meta-gamma", .init(alpha: chainAlpha, gamma: 0.5, lambda: 1, learnGamma: true, sharing: .perState, beta: chainBeta)),
      ("meta-lambda", .init(alpha: chainAlpha, gamma: 1, lambda: 0.5, learnLambda: true, sharing: .perState, beta: chainBeta)),
    ]
    let states = chain.stateCount - 1  // the last state's η never enters a return
    let etaColumns = (0..<states).map { "gamma_s\($0)" } + (0..<states).map { "lambda_s\($0)" }
    var finalEta: [String: SeedAggregate] = [:]
    let progress = Progress(total: variants.count * seedCount * episodes, label: "chain", quiet: common.quiet)
    var done = 0
    for variant in variants {
      let config = describe(variant.config) + [("episodes", "\(episodes)")]
      var aggregate = SeedAggregate(x: "episode", columns: ["value_rmse"] + etaColumns)
      var final = SeedAggregate(x: "state", columns: ["gamma", "lambda"])
      for seed in 0..<seedCount {
        let run = try checkpoint.unit("chain/\(variant.name)/seed\(seed)") { unit in
          var rng = common.stream("chain", seed: seed)  // the same episodes for every variant
          var learner = TabularMetaPredictor(stateCount: chain.stateCount, config: variant.config)
          var rows: [[Double]] = []
          /// The error logged at a point is the mean over the episodes since the last one.
          var errorSum = chain.rmsError(learner.values), errorCount = 1
          func log(_ episode: Int) {
            rows.append([Double(episode), errorSum / Double(errorCount)]
              + (0..<states).map(learner.gamma) + (0..<states).map(learner.lambda))
            errorSum = 0; errorCount = 0
          }
          log(0)
          var tau = chain.sampleEpisode(rng: &rng)
          for episode in 1...episodes {
            let tauPrime = chain.sampleEpisode(rng: &rng)
            learner.step(tau: tau, tauPrime: tauPrime)
            tau = tauPrime
            errorSum += chain.rmsError(learner.values); errorCount += 1
            if episode % logEvery == 0 { log(episode) }
            progress.update(done + episode, note: variant.name)
            try unit.boundary()
          }
          return SeedRun(rows: rows, final: (0..<states).map { [Double($0), learner.gamma($0), learner.lambda($0)] })
        }
        done += episodes
        // value_rmse: mean since the last row
        var file = DataFile(title: "prediction chain \(variant.name) seed \(seed)", config: config, columns: ["episode", "value_rmse"] + etaColumns)
        for row in run.rows { file.append(row) }
        try file.write(to: out.appendingPathComponent("\(variant.name)/seed\(String(format: "%02d", seed)).dat"))
        aggregate.add(run.rows)
        final.add(run.final)
      }
      try aggregate.dataFile(title: "prediction chain \(variant.name): mean and 95% CI over seeds", config: config)
        .write(to: out.appendingPathComponent("\(variant.name)/aggregate.dat"))
      finalEta[variant.name] = final
    }
    progress.finish()
    for name in ["meta-gamma", "meta-lambda"] {
      try finalEta[name]!.dataFile(title: "prediction chain \(name): final η(s) per state, mean and 95% CI over seeds", config: [("episodes", "\(episodes)")])
        .write(to: out.appendingPathComponent("\(name)/final-eta.dat"))
    }
  }

  // MARK: - (b) The 19-state random walk

  func runRandomWalk(out: URL, checkpoint: RunCheckpoint) throws -> String {
    let walk = RandomWalk()
    let episodes = walkEpisodes ?? (common.profile == .quick ? 100 : 400)
    let lambdas = try parsedLambdas()
    let starts = [0.1, 0.9]
    /// Two errors per run: the final one (mean of the last 10% of episodes, damping
    /// single-episode noise) and the mean over the whole run (Sutton & Barto's
    /// measure, which shows the U in λ).
    let finalWindow = max(1, episodes / 10)
    let total = (lambdas.count + starts.count) * seedCount * episodes
    let progress = Progress(total: total, label: "random walk", quiet: common.quiet)
    var done = 0
    struct Outcome { var final: Double, average: Double, lambda: Double }

    /// Runs one setting on every seed; returns the per-seed outcomes.
    func runSetting(name: String, config: TabularMetaPredictor.Config) throws -> [Outcome] {
      let fileConfig = describe(config) + [("episodes", "\(episodes)")]
      var aggregate = SeedAggregate(x: "episode", columns: ["value_rmse", "lambda"])
      var outcomes: [Outcome] = []
      for seed in 0..<seedCount {
        let rows = try checkpoint.unit("random-walk/\(name)/seed\(seed)") { unit in
          var rng = common.stream("random-walk", seed: seed)  // the same episodes for every setting
          var learner = TabularMetaPredictor(stateCount: walk.stateCount, config: config)
          var rows: [[Double]] = [[0, walk.rmsError(learner.values), learner.lambda(0)]]
          var tau = walk.sampleEpisode(rng: &rng)
          for episode in 1...episodes {
            let tauPrime = walk.sampleEpisode(rng: &rng)
            learner.step(tau: tau, tauPrime: tauPrime)
            tau = tauPrime
            rows.append([Double(episode), walk.rmsError(learner.values), learner.lambda(0)])
            progress.update(done + episode, note: name)
            try unit.boundary()
          }
          return rows
        }
        done += episodes
        var file = DataFile(title: "prediction random-walk \(name) seed \(seed)", config: fileConfig, columns: ["episode", "value_rmse", "lambda"])
        for row in rows { file.append(row) }
        try file.write(to: out.appendingPathComponent("\(name)/seed\(String(format: "%02d", seed)).dat"))
        aggregate.add(rows)
        let errors = rows.dropFirst().map { $0[1] }
        outcomes.append(Outcome(
          final: Statistics.mean(Array(errors.suffix(finalWindow))), average: Statistics.mean(errors),
          lambda: rows.last![2]))
      }
      try aggregate.dataFile(title: "prediction random-walk \(name): mean and 95% CI over seeds", config: fileConfig)
        .write(to: out.appendingPathComponent("\(name)/aggregate.dat"))
      return outcomes
    }
    func interval(_ xs: [Double]) -> [Double] { let m = Statistics.meanInterval(xs); return [m.mean, m.low, m.high] }

    let errorColumns = ["final_mean", "final_lo", "final_hi", "average_mean", "average_lo", "average_hi"]
    var sweep = DataFile(
      title: "random walk: RMS error per fixed λ (final = mean of the last \(finalWindow) episodes; average = mean over all \(episodes)), mean and 95% CI over \(seedCount) seeds",
      config: [("alpha", "\(walkAlpha)"), ("episodes", "\(episodes)"), ("seeds", "\(seedCount)")],
      columns: ["lambda"] + errorColumns)
    var best = (lambda: 0.0, final: Double.infinity), bestAverage = (lambda: 0.0, average: Double.infinity)
    for lambda in lambdas {
      let outcomes = try runSetting(name: "lambda-\(lambda)", config: .init(alpha: walkAlpha, gamma: 1, lambda: lambda))
      let final = interval(outcomes.map(\.final)), average = interval(outcomes.map(\.average))
      sweep.append([lambda] + final + average)
      if final[0] < best.final { best = (lambda, final[0]) }
      if average[0] < bestAverage.average { bestAverage = (lambda, average[0]) }
    }
    try sweep.write(to: out.appendingPathComponent("sweep.dat"))

    let trace = TraceApproximation(name: walkTrace)!
    var meta = DataFile(
      title: "random walk: meta-learned λ (\(trace.name)), final λ and RMS errors, mean and 95% CI over \(seedCount) seeds",
      config: [("alpha", "\(walkAlpha)"), ("beta", "\(walkBeta)"), ("episodes", "\(episodes)"), ("seeds", "\(seedCount)")],
      columns: ["lambda_start", "lambda_final_mean", "lambda_final_lo", "lambda_final_hi"] + errorColumns)
    var report = """
      random walk (\(seedCount) seeds, \(episodes) episodes, α = \(walkAlpha)):
        best fixed λ by final error = \(best.lambda): \(DataFile.format(best.final))
        best fixed λ by run-average error = \(bestAverage.lambda): \(DataFile.format(bestAverage.average))

      """
    var accepted = true
    for start in starts {
      let outcomes = try runSetting(
        name: "meta-lambda-from-\(start)",
        config: .init(alpha: walkAlpha, gamma: 1, lambda: start, learnLambda: true, beta: walkBeta, trace: trace))
      let lambda = interval(outcomes.map(\.lambda))
      let final = interval(outcomes.map(\.final)), average = interval(outcomes.map(\.average))
      meta.append([start] + lambda + final + average)
      let ratio = final[0] / best.final, averageRatio = average[0] / bestAverage.average
      accepted = accepted && ratio <= 1.1
      report += "  meta-λ from \(start): final λ \(String(format: "%.3f", lambda[0])); final error \(String(format: "%.3f", ratio))× the best fixed λ's, run-average error \(String(format: "%.3f", averageRatio))×\n"
    }
    try meta.write(to: out.appendingPathComponent("meta-final.dat"))
    progress.finish()
    report += "  acceptance (every meta-learned run's final error within 10% of the best fixed λ's): \(accepted ? "met" : "NOT met")\n"
    try AtomicFile.write(Data(report.utf8), to: out.appendingPathComponent("acceptance.txt"))
    print(report, terminator: "")
    return report
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
