import ArgumentParser

/// The settings shared by the study "when does meta-learning η pay off?": the fixed-η
/// landscape (`landscape`), the paths of η drawn on it (`eta-paths`) and the β sweep
/// (`beta-sensitivity`) use the same environments and seeds, so that a path and the
/// map under it are comparable and the landscape's best cell can be their reference;
/// `approximation-payoff` takes its start and β from the same options.
public enum LandscapeStudy {
  /// CartPole and Catch, and three MinAtar games with a wide spread of final returns over η.
  public static let environments: [EnvironmentID] = [.cartpole, .catch, .breakout, .spaceInvaders, .seaquest]

  /// Full profile: 10 seeds on CartPole and Catch (rliable's minimum for trustworthy
  /// intervals, Agarwal et al. 2021), 3 per MinAtar game (what fits two cores).
  public static let fullSeeds = (classic: 10, minAtar: 3)

  /// γ of the grid: horizons 1/(1 − γ) from 10 to 1000 steps (quick: two of them).
  public static func gammas(_ profile: Profile) -> [Double] {
    profile == .quick ? [0.9, 0.99] : [0.9, 0.95, 0.98, 0.99, 0.995, 0.999]
  }

  /// λ of the grid: from TD(0) to Monte Carlo (quick: the two ends).
  public static func lambdas(_ profile: Profile) -> [Double] {
    profile == .quick ? [0, 1] : [0, 0.5, 0.8, 0.9, 0.95, 1]
  }

  /// A control experiment of the study: `variants` on the study's environments (unless
  /// `--env` names others), with the study's seeds in the full profile.
  public static func experiment(title: String, variants: [ControlVariant], control: ControlOptions,
                                common: ExperimentOptions) throws -> ControlExperiment {
    var experiment = ControlExperiment(
      title: title, environments: control.env == nil ? environments : try control.environments(), variants: variants,
      options: control, common: common)
    if common.profile == .full { (experiment.budget.classicSeeds, experiment.budget.minAtarSeeds) = fullSeeds }
    return experiment
  }

  /// Meta-γ+λ started from η₀ = `start` with meta learning rate β (the other settings
  /// from `meta`): the agent of the paths of η and of the β sweep.
  public static func metaGammaLambda(from start: (gamma: Double, lambda: Double), beta: Double,
                                     meta: MetaOptions) -> MetaConfig {
    var config = meta.config(learnGamma: true, learnLambda: true)
    (config.initialGamma, config.initialLambda, config.metaLearningRate) = (start.gamma, start.lambda, beta)
    return config
  }

  /// η₀ pairs from `text`, "γ:λ" separated by commas (e.g. `0.9:0.9,0.995:1`), each in [0, 1].
  public static func starts(_ text: String, option: String = "--starts") throws -> [(gamma: Double, lambda: Double)] {
    let pairs = try text.split(separator: ",").map { pair -> (gamma: Double, lambda: Double) in
      let parts = pair.split(separator: ":").map { Double($0) }
      guard parts.count == 2, let g = parts[0], let l = parts[1], (0...1).contains(g), (0...1).contains(l) else {
        throw ValidationError("\(option) must be γ:λ pairs in [0, 1] separated by commas, got '\(text)'")
      }
      return (g, l)
    }
    guard !pairs.isEmpty else { throw ValidationError("\(option) must name at least one γ:λ pair, got '\(text)'") }
    return pairs
  }

  /// The one η₀ of `--start` ("γ:λ"), or `start` when the option is not given.
  public static func start(_ text: String?, default start: (gamma: Double, lambda: Double)) throws -> (gamma: Double, lambda: Double) {
    guard let text else { return start }
    let pairs = try starts(text, option: "--start")
    guard pairs.count == 1 else { throw ValidationError("--start must be one γ:λ pair, got '\(text)'") }
    return pairs[0]
  }

  /// Meta learning rates β from `text`, positive numbers separated by commas.
  public static func betas(_ text: String, option: String = "--betas") throws -> [Double] {
    let values = text.split(separator: ",").map { Double($0) }
    guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 && $0!.isFinite }) else {
      throw ValidationError("\(option) must be comma-separated positive numbers, got '\(text)'")
    }
    return values.map { $0! }
  }
}
