import ArgumentParser

/// Options every control experiment shares: which environments, the budget, how
/// MinAtar is built, and overrides of the tuned A2C defaults (``A2CConfig/defaults(for:)``).
public struct ControlOptions: ParsableArguments {
  @Option(help: "Comma-separated environments (default: all): \(EnvironmentID.allCases.map(\.rawValue).joined(separator: ", ")).")
  public var env: String?
  @Option(help: "Environment steps per run, for every environment (default: the profile's per-environment budget).")
  public var steps: Int?
  @Option(help: "MinAtar: probability of repeating the previous action.")
  public var stickyActionProbability = 0.1
  @Flag(help: "MinAtar: act in all six actions instead of the game's minimal set.")
  public var fullActionSet = false
  @Option(help: "Override the optimiser: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")).")
  public var optimizer: OptimizerKind?
  @Option(help: "Override the learning rate α.")
  public var learningRate: Double?
  @Option(help: "Override the entropy coefficient c.")
  public var entropyCoefficient: Double?
  @Option(help: "Override the number of environments N.")
  public var numEnvs: Int?
  @Option(help: "Override the rollout length T.")
  public var rolloutSteps: Int?

  public init() {}

  public func validate() throws {
    _ = try environments()
    for (name, value) in [("--steps", steps), ("--num-envs", numEnvs), ("--rollout-steps", rolloutSteps)] {
      if let value, value <= 0 { throw ValidationError("\(name) must be a positive integer, got \(value)") }
    }
    guard (0...1).contains(stickyActionProbability) else {
      throw ValidationError("--sticky-action-probability must be in [0, 1], got \(stickyActionProbability)")
    }
    for id in try environments() {
      do { try config(for: id).validate() } catch { throw ValidationError("\(error)") }
    }
  }

  /// The environments named by `--env`, or all.
  public func environments() throws -> [EnvironmentID] {
    guard let env else { return EnvironmentID.allCases }
    do { return try env.split(separator: ",").map { try EnvironmentID.parse(String($0)) } }
    catch { throw ValidationError("--env: \(error)") }
  }

  /// The environment options (MinAtar's sticky actions and action set).
  public var environmentOptions: EnvironmentOptions {
    EnvironmentOptions(stickyActionProbability: stickyActionProbability, fullActionSet: fullActionSet)
  }

  /// The tuned defaults for `id` with the overrides applied.
  public func config(for id: EnvironmentID) -> A2CConfig {
    var c = A2CConfig.defaults(for: id)
    if let optimizer { c.optimizer = optimizer }
    if let learningRate { c.learningRate = learningRate }
    if let entropyCoefficient { c.entropyCoefficient = entropyCoefficient }
    if let numEnvs { c.envs = numEnvs }
    if let rolloutSteps { c.steps = rolloutSteps }
    return c
  }
}

extension OptimizerKind: ExpressibleByArgument {}

/// Parses a comma-separated list of numbers in [0, 1] (e.g. `--gammas 0.99,0.995`).
public func parseUnitInterval(_ text: String?, default defaults: [Double], option name: String) throws -> [Double] {
  guard let text else { return defaults }
  let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
  guard !values.isEmpty, values.allSatisfy({ $0 != nil && (0...1).contains($0!) }) else {
    throw ValidationError("\(name) must be comma-separated numbers in [0, 1], got '\(text)'")
  }
  return values.map { $0! }
}
