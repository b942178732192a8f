/// The meta-objective of the paper's control agents (Xu et al. 2018, eq. 11): the
/// policy-gradient term alone, on τ′ at θ′, with the reference meta-parameters η̄:
///
///     J̄(τ′, θ′, η̄) = (1/M) Σ_t const(ḡ_t − v_θ′(S′_t)) log π_θ′(A′_t|S′_t),
///     ∂J̄/∂θ′       = (1/M) Σ_t (ḡ_t − v_θ′(S′_t)) ∇θ′ log π_θ′(A′_t|S′_t),
///
/// where ḡ is the λ-return with η̄ = (γ̄, λ̄) bootstrapped from v_θ′ and the advantage
/// is held constant. J̄ is to be *increased*; its gradient is the usual policy
/// gradient, expressed here as output cotangents for ``ActorCritic/backward``:
///
///     ∂J̄/∂logits_t = (ḡ_t − v_t) (onehot(A_t) − π_t) / M,   ∂J̄/∂v_t = 0.
public enum MetaObjective {
  /// Writes the cotangents of J̄ for the M = T·N samples and returns J̄'s value.
  ///
  /// - Parameters:
  ///   - logits: [M, A] at θ′ (the first M rows of the forward pass over τ′).
  ///   - values: v_θ′(S′_t), [(T+1)·N] (the last N the bootstrap values).
  ///   - actions, rewards, ends: τ′'s, [M] each.
  ///   - truncationValues: v_θ′ of the true last states where `ends` is truncated.
  ///   - gammaBar, lambdaBar: η̄.
  ///   - returns: scratch [M], receives ḡ.
  ///   - dLogits: [M, A], overwritten; `dValues` [M] is zeroed.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  @discardableResult
  public static func cotangents<Scalar: Real>(
    logits: UnsafePointer<Scalar>, values: UnsafePointer<Scalar>, actions: UnsafePointer<Int32>,
    rewards: UnsafePointer<Scalar>, ends: UnsafePointer<StepEnd>, truncationValues: UnsafePointer<Scalar>?,
    gammaBar: Scalar, lambdaBar: Scalar, steps T: Int, envs N: Int, actionCount A: Int,
    returns: UnsafeMutablePointer<Scalar>, dLogits: UnsafeMutablePointer<Scalar>,
    dValues: UnsafeMutablePointer<Scalar>
  ) -> Scalar {
    let M = T * N
    LambdaReturn.compute(
      rewards: rewards, ends: ends, values: values, truncationValues: truncationValues,
      gamma: gammaBar, lambda: lambdaBar, steps: T, batch: N, returns: returns, dGamma: nil, dLambda: nil)
    let invM = Scalar.one / Scalar(Double(M))
    var objective = Scalar.zero
    for i in 0..<M {
      let z = logits + i * A, dz = dLogits + i * A, a = Int(actions[i])
      var zMax = z[0]
      for k in 1..<A where z[k] > zMax { zMax = z[k] }
      var sum = Scalar.zero
      for k in 0..<A { let e = Scalar.exp(z[k] - zMax); dz[k] = e; sum += e }
      let advantage = returns[i] - values[i]
      for k in 0..<A { dz[k] = advantage * ((k == a ? .one : .zero) - dz[k] / sum) * invM }
      objective += advantage * (z[a] - zMax - Scalar.log(sum)) * invM
      dValues[i] = .zero
    }
    return objective
  }
}
