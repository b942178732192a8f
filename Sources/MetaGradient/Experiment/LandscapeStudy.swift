/// The settings shared by the study "when does meta-learning η pay off?": the fixed-η
/// landscape (`landscape`) and the paths of η drawn on it (`eta-paths`) use the same
/// environments and seeds, so that a path and the map under it are comparable.
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
}
