/// How a ``MetaGradientAgent`` forms dθ′/dη in its meta-gradient
///
///     dJ̄/dη = ∂J̄(τ′, θ′, η̄)/∂θ′ · dθ′/dη = u · dθ′/dη:
///
/// the agent's trace strategy. With θ′ = θ + Δ(s f(τ, θ, η)), D the optimiser's step
/// derivative with its state held fixed (``StepDerivative``) and s = min(1, clip/‖f‖)
/// the global-norm clip's factor of that update:
///
///     first order (the fast path):  dθ′/dη ≈ s D ∂f(τ, θ, η)/∂η, never formed: u · s D ∂f/∂η is
///                                   one JVP over τ's cached activations along w = s D u
///                                   (``FirstOrderMetaTrace``; the paper's agent)
///     explicit(a):                  dθ′/dη ≈ z, a trace z ∈ R^{P×2} kept by an ``ExactMetaTrace``
///                                   under the approximation a — first order, accumulating μ,
///                                   exact K-step (``ExplicitMetaTrace``)
///
/// `.explicit(.firstOrder)` is the same first-order meta-gradient as `.firstOrder` (to
/// Float rounding: u · (s D ∂f/∂η) from backward passes against one JVP along s D u), at
/// the cost of two backward passes over the trainer's update instead of that JVP; it
/// keeps z, so first order is trained and measured on the same footing as the other
/// approximations (the approximation-order experiment, whose ``TraceAccuracyProbe``
/// reads each update's s·D).
public enum MetaTraceStrategy: Hashable, Codable, Sendable {
  /// dθ′/dη ≈ s D ∂f/∂η by one JVP (Xu et al. 2018): the fast path.
  case firstOrder
  /// z ≈ dθ/dη kept explicitly under the approximation.
  case explicit(TraceApproximation)

  /// The approximation of dθ′/dη.
  public var approximation: TraceApproximation {
    switch self {
    case .firstOrder: .firstOrder
    case .explicit(let approximation): approximation
    }
  }
}
