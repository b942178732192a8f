// The baseline experiment: A2C with a FIXED η = (γ, λ) on CartPole, Catch and the
// five MinAtar games — the reference every meta-gradient variant is compared with
// (Xu, van Hasselt & Silver 2018, Table 1's "baseline" rows, on small environments).
//
// For every environment, every (γ, λ) of the grid and every seed it trains the A2C
// agent of MetaGradient.A2CTrainer for the profile's budget and writes the learning
// curve; per (environment, variant) it also writes the seeds' mean with a 95% CI.
// `--policy random` instead measures the uniformly random policy, the "random"
// anchor of normalised scores.
import ArgumentParser
import Foundation
import MetaGradient

enum Policy: String, CaseIterable, ExpressibleByArgument { case a2c, random }
extension OptimizerKind: ExpressibleByArgument {}

struct Baseline: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A2C with fixed (γ, λ) on every environment: the baseline learning curves.",
    discussion: """
      Writes <out>/<env>/<variant>/seedNN.dat (variant e.g. gamma0.99-lambda0.9) with columns
      \(LearningCurve.columns.joined(separator: " ")), <out>/<env>/<variant>/aggregate.dat
      (mean and 95% CI over seeds), <out>/random/<env>.dat (the random policy), then <out>/COMPLETE.
      With --policy random: only <out>/random/<env>.dat, also printed.
      """)

  @OptionGroup var common: ExperimentOptions

  @Option(help: "Comma-separated environments (default: all): \(EnvironmentID.allCases.map(\.rawValue).joined(separator: ", ")).")
  var env: String?
  @Option(help: "a2c: train the baseline grid; random: measure the uniformly random policy.")
  var policy: Policy = .a2c
  @Option(help: "Random policy: episodes per environment (default: 20 quick, 100 full).")
  var episodes: Int?
  @Option(help: "Comma-separated discounts γ in [0, 1] (default: 0.99 quick; 0.99,0.995 full).")
  var gammas: String?
  @Option(help: "Comma-separated bootstrapping parameters λ in [0, 1] (default: 0.9,1).")
  var lambdas: String?
  @Option(help: "Environment steps per run, for every environment (default: the profile's per-environment budget).")
  var steps: Int?
  @Option(help: "MinAtar: probability of repeating the previous action.")
  var stickyActionProbability = 0.1
  @Flag(help: "MinAtar: act in all six actions instead of the game's minimal set.")
  var fullActionSet = false
  @Option(help: "Override the optimiser: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")).")
  var optimizer: OptimizerKind?
  @Option(help: "Override the learning rate α.")
  var learningRate: Double?
  @Option(help: "Override the entropy coefficient c.")
  var entropyCoefficient: Double?
  @Option(help: "Override the number of environments N.")
  var numEnvs: Int?
  @Option(help: "Override the rollout length T.")
  var rolloutSteps: Int?

  var budget: BaselineBudget { BaselineBudget(profile: common.profile) }
  var seedCount: Int { common.seeds ?? budget.seeds }
  var environmentOptions: EnvironmentOptions {
    EnvironmentOptions(stickyActionProbability: stickyActionProbability, fullActionSet: fullActionSet)
  }

  func validate() throws {
    _ = try environments()
    _ = try grid()
    for (name, value) in [("--steps", steps), ("--episodes", episodes), ("--num-envs", numEnvs), ("--rollout-steps", rolloutSteps)] {
      if let value, value <= 0 { throw ValidationError("\(name) must be a positive integer, got \(value)") }
    }
    guard (0...1).contains(stickyActionProbability) else {
      throw ValidationError("--sticky-action-probability must be in [0, 1], got \(stickyActionProbability)")
    }
    for id in try environments() {
      do { try config(for: id, gamma: 0.99, lambda: 1).validate() } catch { throw ValidationError("\(error)") }
    }
  }

  func environments() throws -> [EnvironmentID] {
    guard let env else { return EnvironmentID.allCases }
    do { return try env.split(separator: ",").map { try EnvironmentID.parse(String($0)) } }
    catch { throw ValidationError("--env: \(error)") }
  }

  /// The (γ, λ) variants: the grid γ × λ.
  func grid() throws -> [(gamma: Double, lambda: Double)] {
    func parse(_ text: String?, _ defaults: [Double], _ name: String) throws -> [Double] {
      guard let text else { return defaults }
      let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard !values.isEmpty, values.allSatisfy({ $0 != nil && (0...1).contains($0!) }) else {
        throw ValidationError("\(name) must be comma-separated numbers in [0, 1], got '\(text)'")
      }
      return values.map { $0! }
    }
    let gs = try parse(gammas, budget.gammas, "--gammas"), ls = try parse(lambdas, budget.lambdas, "--lambdas")
    return gs.flatMap { g in ls.map { (g, $0) } }
  }

  func config(for id: EnvironmentID, gamma: Double, lambda: Double) -> A2CConfig {
    var c = A2CConfig.defaults(for: id)
    c.gamma = gamma
    c.lambda = lambda
    if let optimizer { c.optimizer = optimizer }
    if let learningRate { c.learningRate = learningRate }
    if let entropyCoefficient { c.entropyCoefficient = entropyCoefficient }
    if let numEnvs { c.envs = numEnvs }
    if let rolloutSteps { c.steps = rolloutSteps }
    return c
  }

  mutating func run() throws {
    let out = try common.outputFolder(experiment: "baseline")
    let ids = try environments()
    if policy == .random {
      for id in ids { try measureRandomPolicy(id, out: out, verbose: true) }
      return
    }
    CompletionMarker.remove(in: out)
    let variants = try grid()
    let total = ids.reduce(0) { $0 + (steps ?? budget.steps(for: $1)) } * variants.count * seedCount
    let progress = Progress(total: total, label: "baseline", quiet: common.quiet)
    var done = 0
    var summary = ""
    for id in ids {
      try measureRandomPolicy(id, out: out, verbose: false)
      let runSteps = steps ?? budget.steps(for: id)
      for (gamma, lambda) in variants {
        let variant = "gamma\(DataFile.format(gamma))-lambda\(DataFile.format(lambda))"
        let config = config(for: id, gamma: gamma, lambda: lambda)
        let totalSteps = TrainingSchedule(budget: runSteps, stepsPerRollout: config.steps * config.envs).totalSteps
        let header = [("env", id.rawValue), ("variant", variant)] + config.description
          + environmentOptions.description + [("total_env_steps", "\(totalSteps)")]
        var aggregate = SeedAggregate(x: "env_steps", columns: Array(LearningCurve.columns.dropFirst()))
        var finals: [Double] = []
        for seed in 0..<seedCount {
          let start = done
          let run = ControlRun(config: config, budget: runSteps, rng: common.stream("baseline/\(id.rawValue)", seed: seed)) { steps, recent in
            progress.update(start + steps, note: "\(id.rawValue) \(variant) seed \(seed)  return \(DataFile.format(recent))")
          }
          let curve = try run.run(on: id, options: environmentOptions)
          done += runSteps
          var file = DataFile(title: "baseline \(id.rawValue) \(variant) seed \(seed)",
                              config: header + [("seed", "\(seed)"), ("base_seed", "\(common.seed)")],
                              columns: LearningCurve.columns)
          for row in curve.rows { file.append(row) }
          try file.write(to: out.appendingPathComponent("\(id.rawValue)/\(variant)/seed\(String(format: "%02d", seed)).dat"))
          aggregate.add(curve.rows)
          finals.append(curve.finalReturn())
        }
        try aggregate.dataFile(title: "baseline \(id.rawValue) \(variant): mean and 95% CI over seeds",
                               config: header + [("base_seed", "\(common.seed)")])
          .write(to: out.appendingPathComponent("\(id.rawValue)/\(variant)/aggregate.dat"))
        let m = Statistics.meanInterval(finals)
        summary += "\(id.rawValue) \(variant): final return (last 10% of rows) \(DataFile.format(m.mean)) [\(DataFile.format(m.low)), \(DataFile.format(m.high))] over \(seedCount) seeds\n"
      }
    }
    progress.finish()
    print(summary, terminator: "")
    try CompletionMarker.write(in: out, summary: summary)
  }

  /// Plays the random policy and writes <out>/random/<env>.dat.
  func measureRandomPolicy(_ id: EnvironmentID, out: URL, verbose: Bool) throws {
    let count = episodes ?? budget.randomEpisodes
    let result = try RandomPolicyEvaluation(episodes: count, rng: common.stream("random/\(id.rawValue)", seed: 0))
      .run(on: id, options: environmentOptions)
    let (r, l) = (result.meanReturn, result.meanLength)
    var file = DataFile(title: "baseline: uniformly random policy on \(id.rawValue), mean and 95% CI over episodes",
                        config: [("env", id.rawValue), ("policy", "random"), ("episodes", "\(count)"), ("base_seed", "\(common.seed)")]
                          + environmentOptions.description,
                        columns: ["episodes", "return_mean", "return_lo", "return_hi", "length_mean", "length_lo", "length_hi"])
    file.append([Double(count), r.mean, r.low, r.high, l.mean, l.low, l.high])
    try file.write(to: out.appendingPathComponent("random/\(id.rawValue).dat"))
    if verbose {
      print("\(id.rawValue): random policy over \(count) episodes: return \(DataFile.format(r.mean)) [\(DataFile.format(r.low)), \(DataFile.format(r.high))], length \(DataFile.format(l.mean)) [\(DataFile.format(l.low)), \(DataFile.format(l.high))]")
    }
  }
}

Baseline.main()
