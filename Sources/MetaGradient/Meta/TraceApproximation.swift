/// How the trace z ≈ dθ/dη of the meta-gradient dJ̄/dη = ∂J̄/∂θ′ · z is formed.
///
/// The exact recursion through the agent's updates θ_k = θ_{k−1} + f(τ_k, θ_{k−1}, η) is
///
///     z_k = (I + ∂f/∂θ) z_{k−1} + ∂f/∂η.
///
/// The paper keeps only the last term (dθ′/dη ≈ ∂f/∂η); the others measure what a
/// better approximation buys.
public enum TraceApproximation: Codable, Hashable, Sendable {
  /// z = ∂f/∂η (Xu et al. 2018, the paper's choice).
  case firstOrder
  /// z ← μ z + ∂f/∂η: an accumulating trace that ignores ∂f/∂θ (μ = 0 is first order).
  case accumulating(mu: Double)
  /// z ← (I + ∂f/∂θ) z + ∂f/∂η, reset to 0 every `horizon` updates (truncated
  /// back-propagation through K updates, computed forward); `nil` never resets.
  case exact(horizon: Int?)

  /// A short name for files and legends: `first-order`, `trace-0.9`, `exact-3`, `exact`.
  public var name: String {
    switch self {
    case .firstOrder: "first-order"
    case .accumulating(let mu): "trace-\(mu)"
    case .exact(let horizon): horizon.map { "exact-\($0)" } ?? "exact"
    }
  }

  /// Its cost per update relative to first order, for scheduling (``SweepUnit/cost``):
  /// the exact trace's two dual passes ≈ 2.5× (``ExactMetaTrace``'s measured costs).
  public var relativeCost: Double {
    if case .exact = self { 2.5 } else { 1 }
  }
}

extension TraceApproximation {
  /// Parses ``name``'s spellings: `first-order`, `trace-<μ>`, `exact-<K>`, `exact`.
  public init?(name: String) {
    if name == "first-order" { self = .firstOrder; return }
    if name == "exact" { self = .exact(horizon: nil); return }
    if name.hasPrefix("trace-"), let mu = Double(name.dropFirst(6)), (0...1).contains(mu) {
      self = .accumulating(mu: mu); return
    }
    if name.hasPrefix("exact-"), let k = Int(name.dropFirst(6)), k > 0 { self = .exact(horizon: k); return }
    return nil
  }
}
