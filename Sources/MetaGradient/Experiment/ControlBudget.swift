/// The budgets of every control experiment (baseline, meta-gamma, meta-gamma-lambda,
/// eta-conditioning, approximation-order) per ``Profile``, shared so that their
/// curves are comparable: environment steps per run, seeds, the fixed-η grid and the
/// random policy's episodes.
///
/// `full` (speeds measured on the shared 2-core development machine, release build,
/// one process): A2C trains CartPole at ≈ 1M environment steps/s and MinAtar Breakout
/// at ≈ 43k steps/s (Seaquest, the slowest game, ≈ 26–30k); the meta-gradient agent
/// costs one more forward, backward and JVP pass per update.
/// - CartPole 1M steps, Catch 200k steps (the learning targets' budgets), 5 seeds;
/// - each MinAtar game 1M steps and 3 seeds (Young & Tian train 5M frames; 1M is what
///   fits every ablation on two cores);
/// - the fixed-η grid γ ∈ {0.99, 0.995} × λ ∈ {0.9, 1}.
/// The baseline is then 24M classic steps (under a minute) and 60M MinAtar steps
/// (≈ 25 minutes in one process); each meta-gradient variant adds 15M MinAtar steps.
///
/// `quick`: every environment in about a minute per experiment: 50k steps each (enough
/// for every Freeway copy to finish one 2500-step episode), 2 seeds, γ = 0.99 × λ ∈ {0.9, 1}.
public struct ControlBudget: Sendable {
  public var profile: Profile

  /// Seeds per (environment, variant) on CartPole and Catch, and on each MinAtar game.
  public var classicSeeds: Int, minAtarSeeds: Int
  /// Environment steps per run on each MinAtar game.
  public var minAtarSteps: Int

  public init(profile: Profile) {
    self.profile = profile
    (classicSeeds, minAtarSeeds) = profile == .quick ? (2, 2) : (5, 3)
    minAtarSteps = profile == .quick ? 50_000 : 1_000_000
  }

  /// Environment steps per run on `id`.
  public func steps(for id: EnvironmentID) -> Int {
    if id.isMinAtar { return minAtarSteps }
    switch (profile, id) {
    case (.full, .cartpole): return 1_000_000
    case (.full, _): return 200_000
    case (.quick, _): return 50_000
    }
  }

  /// Seeds per (environment, variant).
  public func seeds(for id: EnvironmentID) -> Int { id.isMinAtar ? minAtarSeeds : classicSeeds }

  /// The discounts γ of the fixed-η grid.
  public var gammas: [Double] { profile == .quick ? [0.99] : [0.99, 0.995] }
  /// The bootstrapping parameters λ of the fixed-η grid.
  public var lambdas: [Double] { [0.9, 1] }

  /// Episodes of the random policy per environment.
  public var randomEpisodes: Int { profile == .quick ? 20 : 100 }
}
