/// f(τ, θ, η) and its partial derivative ∂f/∂η ∈ R^{P×2}, η = (γ, λ), in plain
/// `Scalar` arithmetic: the cheap first-order ingredient (the paper's choice).
///
/// η enters f only through the λ-return g, and f is linear in δ = g − v, so
///
///     ∂f/∂η_j = (1/M) Σ_t ∂g_t/∂η_j [ ∇θ log π(A_t|S_t) + b ∇θ v(S_t) ],
///
/// i.e. one backward pass per η component with output cotangents
/// ∂/∂logits = ∂g/∂η_j (onehot(A) − π)/M and ∂/∂v = b ∂g/∂η_j / M, where ∂g/∂η comes
/// from the update's ``LambdaReturn`` (exact recursion). Cost: one `A2CUpdate` (forward +
/// backward) plus two backward passes; only the two backward passes when the update has
/// been evaluated already (``columns(of:parameters:actions:valueCoefficient:into:)`` on
/// the trainer's update, as an agent's explicit trace does). ``A2CUpdateJVP`` with θ̇ = 0, γ̇ = 1 (λ̇ = 1)
/// gives the same columns.
public final class A2CEtaDerivative<Scalar: Real> {
  /// The update whose forward pass the extra backward passes reuse.
  public let update: A2CUpdate<Scalar>
  @usableFromInline let store: UnsafeMutablePointer<Scalar>
  @usableFromInline let storeCount: Int

  /// For rollouts of `steps` × `envs` on `architecture`.
  public init(_ architecture: ActorCriticArchitecture, steps: Int, envs: Int) {
    update = A2CUpdate(network: ActorCritic<Scalar>(architecture, maxBatch: (steps + 1) * envs),
                       steps: steps, envs: envs)
    let m = steps * envs
    storeCount = m * architecture.actionCount + m
    store = .allocate(capacity: storeCount)
    store.initialize(repeating: .zero, count: storeCount)
  }

  deinit {
    store.deallocate()
  }

  /// P, the number of parameters.
  public var parameterCount: Int { update.network.parameterCount }

  /// Computes f into `f` (P, overwritten) and ∂f/∂η into `dfdEta` ([2, P],
  /// column-major: ∂f/∂γ at 0..<P, ∂f/∂λ at P..<2P; overwritten). Arguments as
  /// ``A2CUpdate/compute(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:into:computeTerms:)``.
  @discardableResult
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func compute(
    parameters: UnsafePointer<Scalar>, observations: UnsafePointer<Scalar>,
    extra: UnsafePointer<Scalar>?, actions: UnsafePointer<Int32>,
    rewards: UnsafePointer<Scalar>, ends: UnsafePointer<StepEnd>, truncationValues: UnsafePointer<Scalar>?,
    gamma: Scalar, lambda: Scalar, valueCoefficient b: Scalar, entropyCoefficient c: Scalar,
    f: UnsafeMutablePointer<Scalar>, dfdEta: UnsafeMutablePointer<Scalar>
  ) -> Scalar {
    let surrogate = update.compute(
      parameters: parameters, observations: observations, extra: extra, actions: actions,
      rewards: rewards, ends: ends, truncationValues: truncationValues, gamma: gamma, lambda: lambda,
      valueCoefficient: b, entropyCoefficient: c, into: f)
    columns(of: update, parameters: parameters, actions: actions, valueCoefficient: b, into: dfdEta)
    return surrogate
  }

  /// ∂f/∂η into `dfdEta` ([2, P], column-major as in ``compute(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:f:dfdEta:)``;
  /// overwritten) from `evaluated`, an update that has just computed f(τ, θ, η) at
  /// `parameters` on a rollout with these `actions` (this one's own ``update``, or the
  /// trainer's): its network's cached activations, its π and its ∂g/∂η. Two backward
  /// passes, no forward pass; `evaluated`'s buffers are read, and its network's
  /// workspace beyond the forward cache reused.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func columns(
    of evaluated: A2CUpdate<Scalar>, parameters: UnsafePointer<Scalar>, actions: UnsafePointer<Int32>,
    valueCoefficient b: Scalar, into dfdEta: UnsafeMutablePointer<Scalar>
  ) {
    let m = update.sampleCount
    let A = update.network.architecture.actionCount, P = parameterCount
    precondition(evaluated.sampleCount == m && evaluated.network.parameterCount == P
                 && evaluated.network.architecture.actionCount == A && evaluated.network.batch == m + update.envs,
                 "A2CEtaDerivative.columns: the evaluated update is of another shape, or its network caches no forward pass over τ")
    let dGamma = evaluated.returnsGammaDerivative.baseAddress!, dLambda = evaluated.returnsLambdaDerivative.baseAddress!
    let dLogits = store, dValues = dLogits + m * A
    let pi = evaluated.policy.baseAddress!
    let invM = Scalar.one / Scalar(Double(m))
    for j in 0..<2 {
      let dg = j == 0 ? dGamma : dLambda
      for i in 0..<m {
        let w = dg[i] * invM
        for k in 0..<A {
          dLogits[i * A + k] = w * ((k == Int(actions[i]) ? Scalar.one : .zero) - pi[i * A + k])
        }
        dValues[i] = b * w
      }
      let column = dfdEta + j * P
      column.update(repeating: .zero, count: P)
      evaluated.network.backward(parameters: parameters, dLogits: dLogits, dValues: dValues,
                                 batch: m, gradient: column)
    }
  }
}

extension A2CEtaDerivative {
  /// Array convenience: returns (f [P], ∂f/∂η [2, P] column-major).
  public func compute(
    parameters: [Scalar], observations: [Scalar], extra: [Scalar]? = nil, actions: [Int32],
    rewards: [Scalar], ends: [StepEnd], truncationValues: [Scalar]? = nil, gamma: Scalar, lambda: Scalar,
    valueCoefficient b: Scalar, entropyCoefficient c: Scalar
  ) -> (f: [Scalar], dfdEta: [Scalar]) {
    let P = parameterCount
    update.shape.check("A2CEtaDerivative.compute", parameters: parameters.count, observations: observations.count,
                       extra: extra?.count, actions: actions.count, rewards: rewards.count, ends: ends.count,
                       truncationValues: truncationValues?.count)
    var f = [Scalar](repeating: .zero, count: P)
    var d = [Scalar](repeating: .zero, count: 2 * P)
    let e = extra ?? [.zero], tv = truncationValues ?? [.zero]
    e.withUnsafeBufferPointer { e in
      tv.withUnsafeBufferPointer { tv in
        _ = compute(
          parameters: parameters, observations: observations,
          extra: extra == nil ? nil : e.baseAddress, actions: actions, rewards: rewards,
          ends: ends, truncationValues: truncationValues == nil ? nil : tv.baseAddress,
          gamma: gamma, lambda: lambda, valueCoefficient: b, entropyCoefficient: c, f: &f, dfdEta: &d)
      }
    }
    return (f, d)
  }
}
