/// How the trace z ≈ dθ/dη of the meta-gradient dJ̄/dη = ∂J̄/∂θ′ · z is formed.
///
/// The exact recursion through the agent's updates θ_k = θ_{k−1} + f(τ_k, θ_{k−1}, η) is
///
///     z_k = (I + ∂f/∂θ) z_{k−1} + ∂f/∂η.
///
/// The paper keeps only the last term (dθ′/dη ≈ ∂f/∂η); the others measure what a
/// better approximation buys. The last four (issue 15, "the notes' second question")
/// look for one close to exact and close to free: they spend a Hessian-vector product
/// (∂f/∂θ) z — the exact term's whole cost — only every k updates, or replace it by a
/// cheaper estimate. ``ExactMetaTrace`` documents each recursion in full.
public enum TraceApproximation: Codable, Hashable, Sendable {
  /// z = ∂f/∂η (Xu et al. 2018, the paper's choice).
  case firstOrder
  /// z ← μ z + ∂f/∂η: an accumulating trace that ignores ∂f/∂θ (μ = 0 is first order).
  case accumulating(mu: Double)
  /// z ← (I + ∂f/∂θ) z + ∂f/∂η, reset to 0 every `horizon` updates (truncated
  /// back-propagation through K updates, computed forward); `nil` never resets.
  case exact(horizon: Int?)
  /// Every k-th update exact, z ← (I + ∂f/∂θ) z + ∂f/∂η; the others accumulating,
  /// z ← μ z + ∂f/∂η. k = 1 is `exact(horizon: nil)`; k beyond the run is `accumulating(mu:)`.
  case hybrid(every: Int, mu: Double)
  /// The exact K-step recursion with (∂f/∂θ) z_j replaced by the forward difference
  /// [f(θ + ε z_j) − f(θ)] / ε in the trace's own precision (Float32 in training): two
  /// plain A2C updates instead of the dual-number pass.
  case finiteDifference(horizon: Int)
  /// z_j ← μ_j z_j + ∂f/∂η_j with μ_j the Rayleigh quotient z_jᵀ(I + ∂f/∂θ)z_j / z_jᵀz_j,
  /// clamped to [0, 1], measured every k-th update by one Hessian-vector product (that
  /// update is then exact).
  case curvature(every: Int)
  /// z ← (1 + d̂) ⊙ z + ∂f/∂η with d̂ ≈ diag(∂f/∂θ) by Hutchinson's estimator
  /// E[v ⊙ (∂f/∂θ) v], v Rademacher, one product every k-th update, averaged over
  /// refreshes; 1 + d̂ clamped to [0, 1].
  case diagonal(every: Int)

  /// A short name for files and legends: `first-order`, `trace-0.9`, `exact-3`, `exact`,
  /// `hybrid-5-0.9`, `fd-10`, `curvature-10`, `diagonal-10`.
  public var name: String {
    switch self {
    case .firstOrder: "first-order"
    case .accumulating(let mu): "trace-\(mu)"
    case .exact(let horizon): horizon.map { "exact-\($0)" } ?? "exact"
    case .hybrid(let k, let mu): "hybrid-\(k)-\(mu)"
    case .finiteDifference(let horizon): "fd-\(horizon)"
    case .curvature(let k): "curvature-\(k)"
    case .diagonal(let k): "diagonal-\(k)"
    }
  }

  /// K of the truncated recursions (exact-K, fd-K), which restart from z = 0 every K
  /// updates; nil for the others.
  public var horizon: Int? {
    switch self {
    case .exact(let k): k
    case .finiteDifference(let k): k
    default: nil
    }
  }

  /// Whether the tabular prediction task's trace (``TabularMetaPredictor``) implements
  /// it: first order, accumulating and exact.
  public var isTabular: Bool {
    switch self {
    case .firstOrder, .accumulating, .exact: true
    default: false
    }
  }

  /// Its cost per update relative to first order, for scheduling (``SweepUnit/cost``):
  /// a dual pass ≈ 2.5× a first-order update (``ExactMetaTrace``'s measured costs), a
  /// plain A2C update ≈ 0.5×, spent every update or every k-th.
  public var relativeCost: Double {
    switch self {
    case .firstOrder, .accumulating: 1
    case .exact: 2.5
    case .hybrid(let k, _): 1 + 1.5 / Double(k)
    case .finiteDifference: 2
    case .curvature(let k), .diagonal(let k): 1 + 2.5 / Double(k)
    }
  }
}

extension TraceApproximation {
  /// Every spelling ``init(name:)`` accepts, for error messages.
  public static let spellings =
    "first-order, trace-<μ> (μ in [0, 1]), exact-<K>, exact, hybrid-<k>-<μ>, fd-<K>, curvature-<k>, diagonal-<k> (K, k ≥ 1)"

  /// Parses ``name``'s spellings (see ``spellings``).
  public init?(name: String) {
    func positive(_ text: Substring) -> Int? { Int(text).flatMap { $0 > 0 ? $0 : nil } }
    func mu(_ text: Substring) -> Double? { Double(text).flatMap { (0...1).contains($0) ? $0 : nil } }
    if name == "first-order" { self = .firstOrder; return }
    if name == "exact" { self = .exact(horizon: nil); return }
    func after(_ prefix: String) -> Substring? { name.hasPrefix(prefix) ? name.dropFirst(prefix.count) : nil }
    if let m = after("trace-").flatMap(mu) { self = .accumulating(mu: m); return }
    if let k = after("exact-").flatMap(positive) { self = .exact(horizon: k); return }
    if let k = after("fd-").flatMap(positive) { self = .finiteDifference(horizon: k); return }
    if let k = after("curvature-").flatMap(positive) { self = .curvature(every: k); return }
    if let k = after("diagonal-").flatMap(positive) { self = .diagonal(every: k); return }
    if let rest = after("hybrid-"), let dash = rest.firstIndex(of: "-"),
       let k = positive(rest[..<dash]), let m = mu(rest[rest.index(after: dash)...]) {
      self = .hybrid(every: k, mu: m); return
    }
    return nil
  }
}
