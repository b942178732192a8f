/// The paper's meta-gradient with dθ′/dη ≈ ∂f/∂η (Xu et al. 2018, eqs. 4–5, 9–11):
///
///     dJ̄/dη_k ≈ ∂J̄/∂θ′ · α D ∂f(τ, θ, η)/∂η_k
///              = (α/M) Σ_t ∂g_t/∂η_k · [ ∂_w log π_θ(A_t|S_t) + b ∂_w v_θ(S_t) ],   w = D ∂J̄/∂θ′,
///
/// since ∂f/∂η_k = (1/M) Σ_t ∂g_t/∂η_k [∇ log π(A_t|S_t) + b ∇v(S_t)] (the entropy
/// term and v(S_t) inside δ do not depend on η). ∂_w is the directional derivative
/// along w, from one ``ActorCritic/jvp(parameters:tangent:batch:logitsTangent:valuesTangent:)``
/// over τ's cached activations at θ — both η components from the same pass, no extra
/// backward pass. For the log-softmax, ∂_w log π(a|s) = l̇_a − Σ_k π_k l̇_k.
///
/// D is the optimiser's diagonal preconditioner with its state held fixed
/// (θ′ = θ + α D f; D = I for SGD, 1/√(ms + ε) for RMSProp, Adam's 1/(√v̂ + ε) with
/// m̂'s bias correction): the caller folds it into w.
public enum FirstOrderMetaGradient {
  /// Returns (dJ̄/dγ, dJ̄/dλ) from the JVP of τ's outputs along w.
  ///
  /// - Parameters:
  ///   - logitsTangent, valuesTangent: l̇ [M, A] and v̇ [M], the JVP along w on τ.
  ///   - policy: π_θ(·|S_t) on τ, [M, A].
  ///   - actions: A_t on τ, [M].
  ///   - dGamma, dLambda: ∂g_t/∂γ and ∂g_t/∂λ on τ, [M].
  ///   - alpha: α, the inner learning rate.
  ///   - valueCoefficient: b.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public static func combine<Scalar: Real>(
    logitsTangent: UnsafePointer<Scalar>, valuesTangent: UnsafePointer<Scalar>,
    policy: UnsafePointer<Scalar>, actions: UnsafePointer<Int32>,
    dGamma: UnsafePointer<Scalar>, dLambda: UnsafePointer<Scalar>,
    samples M: Int, actionCount A: Int, alpha: Scalar, valueCoefficient b: Scalar
  ) -> (gamma: Scalar, lambda: Scalar) {
    var sumGamma = Scalar.zero, sumLambda = Scalar.zero
    for i in 0..<M {
      let l = logitsTangent + i * A, p = policy + i * A
      var mean = Scalar.zero
      for k in 0..<A { mean += p[k] * l[k] }
      let direction = l[Int(actions[i])] - mean + b * valuesTangent[i]
      sumGamma += dGamma[i] * direction
      sumLambda += dLambda[i] * direction
    }
    let scale = alpha / Scalar(Double(M))
    return (scale * sumGamma, scale * sumLambda)
  }
}
