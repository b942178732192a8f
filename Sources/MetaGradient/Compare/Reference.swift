/// What scores 1 after normalisation (the random policy scores 0):
///
///     x̂[n][m] = (x[n][m] − x_random[m]) / (x_reference[m] − x_random[m]).
public enum Reference: Sendable, Hashable, CustomStringConvertible {
  /// The best fixed η, per environment: among the fixed-η variants
  /// (``ComparedVariant/isFixedEta``), the one with the highest mean score over its
  /// non-diverged seeds on that environment (ties: the first given). This is how the
  /// paper's baselines are tuned — a grid over (γ, λ) per game — so it is an optimistic
  /// baseline: its selection uses the same seeds it is scored on.
  case bestFixedEta
  /// One variant, by name or `experiment/variant`.
  case variant(String)

  /// The name of the composite ``bestFixedEta`` entry in tables, legends and file names.
  public static let bestFixedEtaName = "best-fixed-eta"

  public var description: String {
    switch self {
    case .bestFixedEta: return "the best fixed η: per environment, the fixed-η variant with the highest mean score"
    case let .variant(name): return name
    }
  }
}

/// One row of a comparison: a variant, or the composite best fixed η, which on each
/// environment takes the runs of the fixed-η variant chosen there.
public struct ComparisonEntry: Sendable, Hashable {
  /// Its name in tables, legends and file names.
  public let name: String
  /// `sources[m]`: the index (in ``MatchedRuns/variants``) of the variant whose runs it
  /// has on environment m — the same index everywhere for a plain variant.
  public let sources: [Int]

  public init(name: String, sources: [Int]) {
    self.name = name
    self.sources = sources
  }

  /// Whether the entry combines different variants on different environments.
  public var isComposite: Bool { Set(sources).count > 1 || name == Reference.bestFixedEtaName }
}
