/// u = ∂J̄(τ′, θ′, η̄)/∂θ′, the gradient of the meta-objective (``MetaObjective``) on a
/// rollout τ′ at the parameters θ′ that collected it,
///
///     u = (1/M) Σ_t (ḡ_t − v_θ′(S′_t)) ∇θ′ log π_θ′(A′_t|S′_t),
///
/// with ḡ the λ-return of η̄ = (γ̄, λ̄) bootstrapped from v_θ′ (or, with an outer critic,
/// v̄ in place of v_θ′ in both, ``OuterCritic``). The meta-gradient is then
/// dJ̄/dη = u · dθ′/dη for whichever trace approximates dθ′/dη.
///
/// It reads the forward pass of θ′ over τ′ that acting already cached (the trainer's
/// ``A2CTrainer/pendingUpdate``), so it costs one backward pass. With η-conditioning,
/// u also has W_η's block, through e_η = W_η η with the η that conditioned the acting
/// passes. Allocation-free after `init`.
public final class MetaObjectiveGradient {
  /// u, one entry per parameter of θ (the network's, then W_η's when conditioned).
  public private(set) var gradient: [Float]
  private var returns: [Float], dLogits: [Float], dValues: [Float], dExtra: [Float]
  private let steps: Int, envs: Int
  /// The heads' conditioning (e_η) when the network is conditioned.
  private let conditioning: (any HeadConditioning)?

  /// Buffers for rollouts of `steps` × `envs` on `architecture` (whose extra input, if
  /// any, is `conditioning`'s) with `parameterCount` parameters in all.
  public init(_ architecture: ActorCriticArchitecture, parameterCount: Int, steps: Int, envs: Int,
              conditioning: (any HeadConditioning)? = nil) {
    precondition(architecture.extraFeatures == (conditioning?.featureCount ?? 0), "the extra input is the conditioning's")
    self.steps = steps
    self.envs = envs
    let E = architecture.extraFeatures
    self.conditioning = conditioning
    let M = steps * envs
    gradient = [Float](repeating: 0, count: parameterCount)
    returns = [Float](repeating: 0, count: M)
    dLogits = [Float](repeating: 0, count: M * architecture.actionCount)
    dValues = [Float](repeating: 0, count: M)
    dExtra = [Float](repeating: 0, count: M * E)
  }

  /// Computes u into ``gradient`` and returns J̄.
  ///
  /// - Parameters:
  ///   - network: its cache holds the forward pass of θ′ over τ′'s (T + 1)·N states.
  ///   - theta: θ′ (the network's parameters first, then W_η).
  ///   - rollout: τ′.
  ///   - conditioningEta: the η e_η was computed with (ignored when unconditioned).
  ///   - critic: the values of J̄'s advantage ḡ − v̄ — v̄ on τ′'s (T + 1)·N states and at
  ///     its truncated episodes' last states (``OuterCritic``) — instead of v_θ′'s (nil).
  @discardableResult
  public func compute(
    network: ActorCritic<Float>, parameters theta: UnsafePointer<Float>, rollout: Rollout,
    gammaBar: Float, lambdaBar: Float, conditioningEta: (gamma: Float, lambda: Float) = (0, 0),
    critic: (values: UnsafePointer<Float>, truncationValues: UnsafePointer<Float>)? = nil
  ) -> Float {
    let (T, N) = (steps, envs), M = T * N, A = network.architecture.actionCount
    let netP = network.parameterCount
    let objective = MetaObjective.cotangents(
      logits: network.logits.baseAddress!, values: critic?.values ?? network.values.baseAddress!,
      actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!, ends: rollout.ends.baseAddress!,
      truncationValues: critic?.truncationValues ?? UnsafePointer(rollout.truncationValues.baseAddress!), gammaBar: gammaBar, lambdaBar: lambdaBar,
      steps: T, envs: N, actionCount: A, returns: &returns, dLogits: &dLogits, dValues: &dValues)
    gradient.withUnsafeMutableBufferPointer { u in
      dExtra.withUnsafeMutableBufferPointer { dExtra in
        u.update(repeating: 0)
        network.backward(parameters: theta, dLogits: dLogits, dValues: dValues, batch: M, gradient: u.baseAddress!,
                         dExtra: conditioning != nil ? dExtra.baseAddress : nil)
        conditioning?.accumulateGradient(cotangents: dExtra.baseAddress!, rows: M, eta: conditioningEta, into: u.baseAddress! + netP)
      }
    }
    return objective
  }
}
