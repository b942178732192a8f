/// The baseline experiment's budgets per ``Profile``: environment steps per run,
/// seeds, the fixed-η grid and the random policy's episodes.
///
/// `full` (speeds measured on the shared 2-core development machine, release build,
/// one process): CartPole trains at ≈ 1M environment steps/s, MinAtar Breakout at
/// ≈ 43k steps/s (Seaquest, the slowest game, ≈ 26–30k).
/// - CartPole 1M steps, Catch 200k steps (the learning targets' budgets);
/// - each MinAtar game 2M steps (Young & Tian train 5M frames; 2M is what fits);
/// - 5 seeds, γ ∈ {0.99, 0.995} × λ ∈ {0.9, 1} (four variants).
/// That is 20M + 4M classic steps (under a minute) and 200M MinAtar steps: about
/// 1.6–2 hours in one process.
///
/// `quick`: every environment in about a minute: 50k steps each (enough for every
/// Freeway copy to finish one 2500-step episode), 2 seeds, γ = 0.99 × λ ∈ {0.9, 1}.
public struct BaselineBudget: Sendable {
  public var profile: Profile

  public init(profile: Profile) { self.profile = profile }

  /// Environment steps per run on `id`.
  public func steps(for id: EnvironmentID) -> Int {
    switch (profile, id) {
    case (.full, .cartpole): 1_000_000
    case (.full, .catch): 200_000
    case (.full, _): 2_000_000
    case (.quick, _): 50_000
    }
  }

  /// Seeds per (environment, variant).
  public var seeds: Int { profile == .quick ? 2 : 5 }

  /// The discounts γ of the grid.
  public var gammas: [Double] { profile == .quick ? [0.99] : [0.99, 0.995] }
  /// The bootstrapping parameters λ of the grid.
  public var lambdas: [Double] { [0.9, 1] }

  /// Episodes of the random policy per environment.
  public var randomEpisodes: Int { profile == .quick ? 20 : 100 }
}
