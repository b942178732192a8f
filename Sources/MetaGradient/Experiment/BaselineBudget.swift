/// The baseline experiment's budgets per ``Profile``: environment steps per run,
/// seeds, the fixed-η grid and the random policy's episodes.
///
/// `full` (measured on the 2-core development machine, release build, one run at a
/// time): CartPole trains at ≈ TODO steps/s and MinAtar Breakout at ≈ TODO steps/s.
/// - CartPole 1M steps, Catch 200k steps (the learning targets' budgets);
/// - each MinAtar game 1M steps (Young & Tian train 5M frames; 1M is what fits);
/// - 5 seeds, γ ∈ {0.99, 0.995} × λ ∈ {0.9, 1} (four variants).
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
    case (.full, _): 1_000_000
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
