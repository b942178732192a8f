/// The λ-return g_η and its exact derivatives with respect to η = (γ, λ).
///
/// For a trajectory S_0, A_0, R_1, S_1, …, S_T (paper eq. 2, rlax `lambda_returns`):
///
///     g_T = v(S_T)
///     g_t = R_{t+1} + γ_t [ (1 − λ) v(S_{t+1}) + λ g_{t+1} ]
///
/// with γ_t = γ on a continuing step and 0 on a terminated one. A truncated step
/// bootstraps from the value v(S⁺) of the true last state: g_t = R_{t+1} + γ v(S⁺).
///
/// The derivatives follow by differentiating the recursion (forward-mode tangents
/// carried along the same backward-in-time sweep, so no extra pass is needed):
///
///     ∂g_t/∂γ = [t continues] ((1 − λ) v(S_{t+1}) + λ g_{t+1}) + γ_t λ ∂g_{t+1}/∂γ
///     ∂g_t/∂λ = γ_t (g_{t+1} − v(S_{t+1})) + γ_t λ ∂g_{t+1}/∂λ
///
/// (on a truncated step ∂g_t/∂γ = v(S⁺) and ∂g_t/∂λ = 0), and ∂g_T/∂η = 0.
///
/// Batches are time-major flat buffers of N trajectories of length T: element (t, n)
/// is at `t * N + n`; `values` has T + 1 rows, the last one the bootstrap values.
public enum LambdaReturn {
  /// Computes g_t, ∂g_t/∂γ and ∂g_t/∂λ for every t and trajectory.
  ///
  /// - Parameters:
  ///   - rewards: R_{t+1}, `T * N`.
  ///   - ends: how each step ends, `T * N`.
  ///   - values: v(S_t) for t = 0…T, `(T + 1) * N`; row T is the bootstrap value.
  ///   - truncationValues: v(S⁺) of the true last state, read only where
  ///     `ends[i] == .truncated`; may be `nil` when no step is truncated.
  ///   - gamma: the discount γ ∈ [0, 1].
  ///   - lambda: the bootstrapping parameter λ ∈ [0, 1].
  ///   - returns, dGamma, dLambda: outputs, `T * N` each; the derivatives may be `nil`.
  @inlinable
  public static func compute<Scalar: Real>(
    rewards: UnsafePointer<Scalar>,
    ends: UnsafePointer<StepEnd>,
    values: UnsafePointer<Scalar>,
    truncationValues: UnsafePointer<Scalar>?,
    gamma: Scalar, lambda: Scalar,
    steps T: Int, batch N: Int,
    returns: UnsafeMutablePointer<Scalar>,
    dGamma: UnsafeMutablePointer<Scalar>?,
    dLambda: UnsafeMutablePointer<Scalar>?
  ) {
    let one = Scalar.one
    for n in 0..<N {
      var g = values[T * N + n]  // g_T = v(S_T)
      var dG = Scalar.zero, dL = Scalar.zero
      var t = T - 1
      while t >= 0 {
        let i = t * N + n
        let vNext = values[i + N]
        switch ends[i] {
        case .continuing:
          let mixed = (one - lambda) * vNext + lambda * g
          dL = gamma * (g - vNext) + gamma * lambda * dL
          dG = mixed + gamma * lambda * dG
          g = rewards[i] + gamma * mixed
        case .terminated:
          g = rewards[i]; dG = .zero; dL = .zero
        case .truncated:
          guard let truncationValues else {
            preconditionFailure("a truncated step needs truncationValues")
          }
          let vLast = truncationValues[i]
          g = rewards[i] + gamma * vLast; dG = vLast; dL = .zero
        }
        returns[i] = g
        dGamma?[i] = dG
        dLambda?[i] = dL
        t -= 1
      }
    }
  }

  /// The directional derivative of every g_t when the per-step meta-parameters move
  /// along (γ̇_t, λ̇_t), for state-dependent γ(s) and λ(s) as in the paper's
  /// illustrative chain. With γ_t and λ_t per step,
  ///
  ///     ġ_t = γ̇_t ((1 − λ_t) v(S_{t+1}) + λ_t g_{t+1})
  ///           + γ_t λ̇_t (g_{t+1} − v(S_{t+1})) + γ_t λ_t ġ_{t+1}
  ///
  /// on continuing steps; ġ_t = γ̇_t v(S⁺) on truncated and 0 on terminated ones.
  /// With γ_t ≡ γ, λ_t ≡ λ and unit tangents this reduces to ``compute``'s ∂g/∂γ
  /// (γ̇ = 1, λ̇ = 0) or ∂g/∂λ (γ̇ = 0, λ̇ = 1).
  ///
  /// When the values themselves move (`valuesDot` = v̇(S_t), e.g. the trace dθ/dη of
  /// a tabular learner), their tangents enter too: the continuing step gains
  /// γ_t (1 − λ_t) v̇(S_{t+1}), g_T's tangent is v̇(S_T), and a truncated step gains
  /// γ_t v̇(S⁺).
  ///
  /// Arrays hold one trajectory (N = 1); `values` has T + 1 entries.
  public static func tangent<Scalar: Real>(
    rewards: [Scalar], ends: [StepEnd], values: [Scalar], truncationValues: [Scalar]? = nil,
    gammas: [Scalar], lambdas: [Scalar], gammaDot: [Scalar], lambdaDot: [Scalar],
    valuesDot: [Scalar]? = nil, truncationValuesDot: [Scalar]? = nil
  ) -> (returns: [Scalar], tangent: [Scalar]) {
    let T = rewards.count
    let sizes: [(String, Int?, Int)] = [
      ("ends", ends.count, T), ("values", values.count, T + 1), ("truncationValues", truncationValues?.count, T),
      ("gammas", gammas.count, T), ("lambdas", lambdas.count, T), ("gammaDot", gammaDot.count, T),
      ("lambdaDot", lambdaDot.count, T), ("valuesDot", valuesDot?.count, T + 1),
      ("truncationValuesDot", truncationValuesDot?.count, T),
    ]
    for (name, count, wanted) in sizes where count != nil && count != wanted {
      preconditionFailure("LambdaReturn.tangent: \(name) has \(count!) entries; expected \(wanted) (T = rewards.count = \(T))")
    }
    var g = values[T], gDot = valuesDot?[T] ?? Scalar.zero
    var returns = [Scalar](repeating: .zero, count: T), tangent = returns
    for t in stride(from: T - 1, through: 0, by: -1) {
      let vNext = values[t + 1]
      switch ends[t] {
      case .continuing:
        let mixed = (.one - lambdas[t]) * vNext + lambdas[t] * g
        gDot = gammaDot[t] * mixed + gammas[t] * lambdaDot[t] * (g - vNext)
          + gammas[t] * lambdas[t] * gDot
        if let valuesDot { gDot += gammas[t] * (.one - lambdas[t]) * valuesDot[t + 1] }
        g = rewards[t] + gammas[t] * mixed
      case .terminated:
        g = rewards[t]; gDot = .zero
      case .truncated:
        guard let truncationValues else { preconditionFailure("a truncated step needs truncationValues") }
        g = rewards[t] + gammas[t] * truncationValues[t]; gDot = gammaDot[t] * truncationValues[t]
        if let truncationValuesDot { gDot += gammas[t] * truncationValuesDot[t] }
      }
      returns[t] = g; tangent[t] = gDot
    }
    return (returns, tangent)
  }

  /// Array convenience for ``compute``: returns (g, ∂g/∂γ, ∂g/∂λ), each `T * N`.
  public static func compute<Scalar: Real>(
    rewards: [Scalar], ends: [StepEnd], values: [Scalar], truncationValues: [Scalar]? = nil,
    gamma: Scalar, lambda: Scalar, steps T: Int, batch N: Int = 1
  ) -> (returns: [Scalar], dGamma: [Scalar], dLambda: [Scalar]) {
    precondition(T > 0 && N > 0, "LambdaReturn.compute: T and N must be positive, got T = \(T), N = \(N)")
    let sizes: [(String, Int?, Int, String)] = [
      ("rewards", rewards.count, T * N, "T·N"), ("ends", ends.count, T * N, "T·N"),
      ("values", values.count, (T + 1) * N, "(T + 1)·N"), ("truncationValues", truncationValues?.count, T * N, "T·N"),
    ]
    for (name, count, wanted, formula) in sizes where count != nil && count != wanted {
      preconditionFailure("LambdaReturn.compute: \(name) has \(count!) entries; expected \(formula) = \(wanted) (T = \(T), N = \(N))")
    }
    var g = [Scalar](repeating: .zero, count: T * N), dG = g, dL = g
    g.withUnsafeMutableBufferPointer { g in
      dG.withUnsafeMutableBufferPointer { dG in
        dL.withUnsafeMutableBufferPointer { dL in
          let tv = truncationValues ?? []
          tv.withUnsafeBufferPointer { tv in
            compute(
              rewards: rewards, ends: ends, values: values,
              truncationValues: truncationValues == nil ? nil : tv.baseAddress,
              gamma: gamma, lambda: lambda, steps: T, batch: N,
              returns: g.baseAddress!, dGamma: dG.baseAddress, dLambda: dL.baseAddress)
          }
        }
      }
    }
    return (g, dG, dL)
  }
}
