/// Watches a ``MetaGradientAgent``'s inner updates and meta-updates (under an explicit
/// trace, ``MetaTraceStrategy/explicit(_:)``, whose s·D it reads) without
/// influencing them: it reads θ, τ, η and the step derivative and must not write to any
/// of them. ``TraceAccuracyProbe`` uses it to advance shadow traces on the agent's
/// history and to compare their meta-gradients.
public protocol MetaTraceObserver: AnyObject {
  /// Called after inner update n (1-based), θ_n = θ_{n−1} + Δ(s f(τ_n, θ_{n−1}, η)).
  ///
  /// - Parameters:
  ///   - parameters: θ_{n−1}, the parameters the update was computed at.
  ///   - rollout: τ_n.
  ///   - evaluated: the trainer's update f(τ_n, θ_{n−1}, η), τ_n's activations at θ_{n−1}
  ///     cached in its network (``ExactMetaTrace``'s `evaluated`): its values and cache
  ///     must not change (backward passes over it may use its network's workspace); valid
  ///     until the call returns.
  ///   - gamma, lambda: the η of the update.
  ///   - preconditioner: s·D, the clip factor times the optimiser's step derivative
  ///     (``StepDerivative``), so that dθ_n/dθ_{n−1} = I + s D ∂f/∂θ and ∂θ_n/∂η = s D ∂f/∂η.
  ///   - innerUpdateSeconds: the wall-clock time of the plain A2C update (for costs).
  func didUpdate(
    _ n: Int, parameters: UnsafePointer<Float>, rollout: Rollout, evaluated: A2CUpdate<Float>, gamma: Float, lambda: Float,
    valueCoefficient: Float, entropyCoefficient: Float, preconditioner: UnsafePointer<Float>,
    innerUpdateSeconds: Double)

  /// Called at the meta-update that follows update n, with u = ∂J̄(τ′, θ_n, η̄)/∂θ_n on
  /// the rollout τ′ = τ_{n+1} collected by θ_n; `envSteps` counts τ′.
  func willMetaUpdate(after n: Int, envSteps: Int, metaObjectiveGradient u: UnsafePointer<Float>)
}
