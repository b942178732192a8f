/// u = ∂J̄(τ′, θ′, η̄)/∂θ′, the gradient of the meta-objective (``MetaObjective``) on a
/// rollout τ′ at the parameters θ′ that collected it: one forward pass over the
/// (T + 1)·N states of τ′ and one backward pass over its T·N samples,
///
///     u = (1/M) Σ_t (ḡ_t − v_θ′(S′_t)) ∇θ′ log π_θ′(A′_t|S′_t),
///
/// with ḡ the λ-return of η̄ = (γ̄, λ̄) bootstrapped from v_θ′. The meta-gradient is then
/// dJ̄/dη = u · dθ′/dη for whichever trace approximates dθ′/dη (``ExactMetaTrace``).
///
/// Unconditioned networks only (no e_η input). Owns its network and buffers, so it never
/// overwrites the trainer's cached activations; allocation-free after `init`.
public final class MetaObjectiveGradient {
  /// The network evaluating J̄ (batch (T + 1)·N).
  public let network: ActorCritic<Float>
  /// u, [P], after ``compute(parameters:rollout:gammaBar:lambdaBar:)``.
  public private(set) var gradient: [Float]
  private var returns: [Float], dLogits: [Float], dValues: [Float]
  private let steps: Int, envs: Int

  /// For rollouts of `steps` × `envs` on `architecture` (which must have no extra input).
  public init(_ architecture: ActorCriticArchitecture, steps: Int, envs: Int) {
    precondition(architecture.extraFeatures == 0, "MetaObjectiveGradient takes unconditioned networks")
    network = ActorCritic<Float>(architecture, maxBatch: (steps + 1) * envs)
    self.steps = steps
    self.envs = envs
    let M = steps * envs
    gradient = [Float](repeating: 0, count: architecture.layout.count)
    returns = [Float](repeating: 0, count: M)
    dLogits = [Float](repeating: 0, count: M * architecture.actionCount)
    dValues = [Float](repeating: 0, count: M)
  }

  /// Writes u = ∂J̄(τ′, θ′, η̄)/∂θ′ into ``gradient`` and returns J̄(τ′, θ′, η̄).
  @discardableResult
  public func compute(parameters theta: UnsafePointer<Float>, rollout: Rollout, gammaBar: Float, lambdaBar: Float) -> Float {
    let (T, N) = (steps, envs), M = T * N, A = network.architecture.actionCount
    network.forward(parameters: theta, observations: rollout.observations.baseAddress!, extra: nil, batch: M + N)
    let objective = MetaObjective.cotangents(
      logits: network.logits.baseAddress!, values: network.values.baseAddress!,
      actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!, ends: rollout.ends.baseAddress!,
      truncationValues: rollout.truncationValues.baseAddress!, gammaBar: gammaBar, lambdaBar: lambdaBar,
      steps: T, envs: N, actionCount: A, returns: &returns, dLogits: &dLogits, dValues: &dValues)
    gradient.withUnsafeMutableBufferPointer { u in
      u.update(repeating: 0)
      network.backward(parameters: theta, dLogits: dLogits, dValues: dValues, batch: M, gradient: u.baseAddress!)
    }
    return objective
  }
}
