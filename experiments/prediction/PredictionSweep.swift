import Foundation
import MetaGradient

/// The prediction experiment's plan (a ``SweepExperiment``): one unit per chain
/// variant and seed (`chain/<variant>/seedNN`) and per random-walk setting and seed
/// (`random-walk/<setting>/seedNN`), each writing its seed file; the finishing step
/// writes the aggregates, the chain's final η(s), the random walk's sweep, its
/// meta-learners' final λ and the acceptance report.
struct PredictionSweep: SweepExperiment {
  let command: Prediction
  var title: String { "prediction" }
  var common: ExperimentOptions { command.common }
  var seeds: Int { command.seedCount }

  var manifest: RunManifest {
    let c = command
    return RunManifest([
      ("experiment", "prediction"), ("part", c.part.rawValue), ("profile", common.profile.rawValue),
      ("seeds", "\(seeds)"), ("base_seed", "\(common.seed)"),
      ("chain_episodes", "\(c.chainEpisodes ?? -1)"), ("chain_alpha", "\(c.chainAlpha)"), ("chain_beta", "\(c.chainBeta)"),
      ("walk_episodes", "\(c.walkEpisodes ?? -1)"), ("walk_alpha", "\(c.walkAlpha)"), ("walk_beta", "\(c.walkBeta)"),
      ("walk_trace", c.walkTrace), ("walk_lambdas", c.walkLambdas),
    ])
  }

  enum Task: String { case chain, randomWalk = "random-walk" }

  /// The settings of each part that runs, with their episodes.
  var parts: [(task: Task, episodes: Int, settings: [(name: String, config: TabularMetaPredictor.Config)])] {
    var parts: [(task: Task, episodes: Int, settings: [(name: String, config: TabularMetaPredictor.Config)])] = []
    if command.part != .randomWalk { parts.append((.chain, command.chainEpisodeCount, command.chainVariants)) }
    if command.part != .chain { parts.append((.randomWalk, command.walkEpisodeCount, command.walkSettings)) }
    return parts
  }

  var units: [SweepUnit] {
    parts.flatMap { part in
      part.settings.flatMap { setting in
        (0..<seeds).map { seed in
          // A tabular episode costs about as much as a few hundred CartPole steps.
          SweepUnit(name: "\(part.task.rawValue)/\(setting.name)/\(SweepUnit.seedName(seed))", work: part.episodes,
                    cost: Double(part.episodes) * 100)
        }
      }
    }
  }

  /// One seed's learning curve and (chain) final η(s).
  struct SeedRun: Codable {
    var rows: [[Double]]
    var final: [[Double]]
  }

  func run(_ unit: SweepUnit, out: URL, checkpoint: RunCheckpoint.Unit,
           progress: @escaping (UnitProgress) -> Void) throws -> SeedRun {
    let path = unit.name.split(separator: "/").map(String.init)
    let part = parts.first { $0.task.rawValue == path[0] }!
    let config = part.settings.first { $0.name == path[1] }!.config
    let seed = Int(path[2].dropFirst(4))!
    let run: SeedRun
    var file: DataFile
    switch part.task {
    case .chain:
      run = try chainSeed(config, seed: seed, episodes: part.episodes, checkpoint: checkpoint, progress: progress)
      file = DataFile(title: "prediction chain \(path[1]) seed \(seed)", config: describe(config) + [("episodes", "\(part.episodes)")],
                      columns: ["episode", "value_rmse"] + chainEtaColumns)
    case .randomWalk:
      run = try walkSeed(config, seed: seed, episodes: part.episodes, checkpoint: checkpoint, progress: progress)
      file = DataFile(title: "prediction random-walk \(path[1]) seed \(seed)", config: describe(config) + [("episodes", "\(part.episodes)")],
                      columns: ["episode", "value_rmse", "lambda"])
    }
    for row in run.rows { file.append(row) }
    try file.write(to: out.appendingPathComponent(unit.name + ".dat"))
    return run
  }

  // MARK: - (a) The noisy chain

  var chainStates: Int { NoisyChain().stateCount - 1 }  // the last state's η never enters a return
  var chainEtaColumns: [String] { (0..<chainStates).map { "gamma_s\($0)" } + (0..<chainStates).map { "lambda_s\($0)" } }

  func chainSeed(_ config: TabularMetaPredictor.Config, seed: Int, episodes: Int, checkpoint: RunCheckpoint.Unit,
                 progress: (UnitProgress) -> Void) throws -> SeedRun {
    let chain = NoisyChain(), states = chainStates
    let logEvery = max(1, episodes / 100)
    var rng = common.stream("chain", seed: seed)  // the same episodes for every variant
    var learner = TabularMetaPredictor(stateCount: chain.stateCount, config: config)
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
      progress(UnitProgress(done: episode))
      try checkpoint.boundary()
    }
    return SeedRun(rows: rows, final: (0..<states).map { [Double($0), learner.gamma($0), learner.lambda($0)] })
  }

  func finishChain(_ results: [String: SeedRun], episodes: Int, out: URL) throws {
    for variant in command.chainVariants {
      let config = describe(variant.config) + [("episodes", "\(episodes)")]
      var aggregate = SeedAggregate(x: "episode", columns: ["value_rmse"] + chainEtaColumns)
      var final = SeedAggregate(x: "state", columns: ["gamma", "lambda"])
      for seed in 0..<seeds {
        let run = results["chain/\(variant.name)/\(SweepUnit.seedName(seed))"]!
        aggregate.add(run.rows)
        final.add(run.final)
      }
      try aggregate.dataFile(title: "prediction chain \(variant.name): mean and 95% CI over seeds", config: config)
        .write(to: out.appendingPathComponent("\(variant.name)/aggregate.dat"))
      if variant.config.learnGamma || variant.config.learnLambda {
        try final.dataFile(title: "prediction chain \(variant.name): final η(s) per state, mean and 95% CI over seeds",
                           config: [("episodes", "\(episodes)")])
          .write(to: out.appendingPathComponent("\(variant.name)/final-eta.dat"))
      }
    }
  }

  // MARK: - (b) The 19-state random walk

  func walkSeed(_ config: TabularMetaPredictor.Config, seed: Int, episodes: Int, checkpoint: RunCheckpoint.Unit,
                progress: (UnitProgress) -> Void) throws -> SeedRun {
    let walk = RandomWalk()
    var rng = common.stream("random-walk", seed: seed)  // the same episodes for every setting
    var learner = TabularMetaPredictor(stateCount: walk.stateCount, config: config)
    var rows: [[Double]] = [[0, walk.rmsError(learner.values), learner.lambda(0)]]
    var tau = walk.sampleEpisode(rng: &rng)
    for episode in 1...episodes {
      let tauPrime = walk.sampleEpisode(rng: &rng)
      learner.step(tau: tau, tauPrime: tauPrime)
      tau = tauPrime
      rows.append([Double(episode), walk.rmsError(learner.values), learner.lambda(0)])
      progress(UnitProgress(done: episode))
      try checkpoint.boundary()
    }
    return SeedRun(rows: rows, final: [])
  }

  /// The aggregates, `sweep.dat`, `meta-final.dat` and `acceptance.txt`; returns the report.
  func finishWalk(_ results: [String: SeedRun], episodes: Int, out: URL) throws -> String {
    let c = command
    /// Two errors per run: the final one (mean of the last 10% of episodes, damping
    /// single-episode noise) and the mean over the whole run (Sutton & Barto's
    /// measure, which shows the U in λ).
    let finalWindow = max(1, episodes / 10)
    struct Outcome { var final: Double, average: Double, lambda: Double }
    func outcomes(_ setting: (name: String, config: TabularMetaPredictor.Config)) throws -> [Outcome] {
      let fileConfig = describe(setting.config) + [("episodes", "\(episodes)")]
      var aggregate = SeedAggregate(x: "episode", columns: ["value_rmse", "lambda"])
      var outcomes: [Outcome] = []
      for seed in 0..<seeds {
        let rows = results["random-walk/\(setting.name)/\(SweepUnit.seedName(seed))"]!.rows
        aggregate.add(rows)
        let errors = rows.dropFirst().map { $0[1] }
        outcomes.append(Outcome(final: Statistics.mean(Array(errors.suffix(finalWindow))), average: Statistics.mean(errors),
                                lambda: rows.last![2]))
      }
      try aggregate.dataFile(title: "prediction random-walk \(setting.name): mean and 95% CI over seeds", config: fileConfig)
        .write(to: out.appendingPathComponent("\(setting.name)/aggregate.dat"))
      return outcomes
    }
    func interval(_ xs: [Double]) -> [Double] { let m = Statistics.meanInterval(xs); return [m.mean, m.low, m.high] }

    let lambdas = try c.parsedLambdas()
    let settings = c.walkSettings
    let errorColumns = ["final_mean", "final_lo", "final_hi", "average_mean", "average_lo", "average_hi"]
    var sweep = DataFile(
      title: "random walk: RMS error per fixed λ (final = mean of the last \(finalWindow) episodes; average = mean over all \(episodes)), mean and 95% CI over \(seeds) seeds",
      config: [("alpha", "\(c.walkAlpha)"), ("episodes", "\(episodes)"), ("seeds", "\(seeds)")],
      columns: ["lambda"] + errorColumns)
    var best = (lambda: 0.0, final: Double.infinity), bestAverage = (lambda: 0.0, average: Double.infinity)
    for (lambda, setting) in zip(lambdas, settings) {
      let o = try outcomes(setting)
      let final = interval(o.map(\.final)), average = interval(o.map(\.average))
      sweep.append([lambda] + final + average)
      if final[0] < best.final { best = (lambda, final[0]) }
      if average[0] < bestAverage.average { bestAverage = (lambda, average[0]) }
    }
    try sweep.write(to: out.appendingPathComponent("sweep.dat"))

    let trace = TraceApproximation(name: c.walkTrace)!
    var meta = DataFile(
      title: "random walk: meta-learned λ (\(trace.name)), final λ and RMS errors, mean and 95% CI over \(seeds) seeds",
      config: [("alpha", "\(c.walkAlpha)"), ("beta", "\(c.walkBeta)"), ("episodes", "\(episodes)"), ("seeds", "\(seeds)")],
      columns: ["lambda_start", "lambda_final_mean", "lambda_final_lo", "lambda_final_hi"] + errorColumns)
    var report = """
      random walk (\(seeds) seeds, \(episodes) episodes, α = \(c.walkAlpha)):
        best fixed λ by final error = \(best.lambda): \(DataFile.format(best.final))
        best fixed λ by run-average error = \(bestAverage.lambda): \(DataFile.format(bestAverage.average))

      """
    var accepted = true
    for (start, setting) in zip(Prediction.walkStarts, settings.dropFirst(lambdas.count)) {
      let o = try outcomes(setting)
      let lambda = interval(o.map(\.lambda))
      let final = interval(o.map(\.final)), average = interval(o.map(\.average))
      meta.append([start] + lambda + final + average)
      let ratio = final[0] / best.final, averageRatio = average[0] / bestAverage.average
      accepted = accepted && ratio <= 1.1
      report += "  meta-λ from \(start): final λ \(String(format: "%.3f", lambda[0])); final error \(String(format: "%.3f", ratio))× the best fixed λ's, run-average error \(String(format: "%.3f", averageRatio))×\n"
    }
    try meta.write(to: out.appendingPathComponent("meta-final.dat"))
    report += "  acceptance (every meta-learned run's final error within 10% of the best fixed λ's): \(accepted ? "met" : "NOT met")\n"
    try AtomicFile.write(Data(report.utf8), to: out.appendingPathComponent("acceptance.txt"))
    return report
  }

  func finish(_ results: [String: SeedRun], out: URL) throws -> String {
    var summary = ""
    for part in parts {
      let folder = out.appendingPathComponent(part.task.rawValue)
      switch part.task {
      case .chain: try finishChain(results, episodes: part.episodes, out: folder)
      case .randomWalk: summary += try finishWalk(results, episodes: part.episodes, out: folder)
      }
    }
    return summary
  }

  func describe(_ c: TabularMetaPredictor.Config) -> [(key: String, value: String)] { command.describe(c) }
}
