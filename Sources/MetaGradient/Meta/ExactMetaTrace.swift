/// The trace z ≈ dθ/dη ∈ R^{P×2} (η = (γ, λ)) of an A2C learner's parameters, for
/// the meta-gradient
///
///     dJ̄(τ′, θ′, η̄)/dη = ∂J̄/∂θ′ · z,
///
/// maintained under each ``TraceApproximation`` across inner SGD steps
/// θ_k = θ_{k−1} + α D f(τ_k, θ_{k−1}, η) (α outside f, as in the golden file; D an
/// optional fixed diagonal preconditioner, identity by default):
///
/// - ``TraceApproximation/firstOrder``:     z_k = α D ∂f_k/∂η  (the paper);
/// - ``TraceApproximation/accumulating(mu:)``: z_k = μ z_{k−1} + α D ∂f_k/∂η;
/// - ``TraceApproximation/exact(horizon:)``:  z_k = (I + α D ∂f_k/∂θ) z_{k−1} + α D ∂f_k/∂η,
///   with z reset to 0 before an update once `horizon` updates have been traced
///   (K-step truncated back-propagation through the updates, computed forward).
///
/// with ∂f_k/∂· evaluated at (τ_k, θ_{k−1}, η); ∂f/∂θ includes the dependence of the
/// advantage on θ (see ``A2CUpdateJVP``).
///
/// **Preconditioned optimisers.** For RMSProp/Adam the step is θ′ = θ + α D(s) f with
/// D = diag(1/√(ms + ε)) (or Adam's bias-corrected analogue). Holding the optimiser
/// state s fixed (not differentiating D, which depends on θ's gradient history), the
/// step's Jacobians are α D ∂f/∂θ and α D ∂f/∂η, so D multiplies both terms:
/// z ← (I + α D ∂f/∂θ) z + α D ∂f/∂η. Pass D as `preconditioner`. (Adam's momentum
/// makes the step depend on past f's too; that dependence is ignored here.)
///
/// **Cost per update** (release, `make bench`, Float, T = 20, N = 16, one shared
/// 2-core machine, so ±10–15%): first order 0.43 ms (CartPole MLP 64×64) and 14–17 ms
/// (Breakout MinAtar conv); exact-3 1.14 ms (2.65× first order; 1.68 ms = 3.2× with
/// two single-tangent passes) and 34 ms (≈ 2.0×; 40 ms = 2.9× before).
/// - first order / accumulating: one `A2CUpdate<Base>` plus two backward passes
///   (``A2CEtaDerivative``), ≈ 2× a plain update; z costs O(P).
/// - exact: ONE two-tangent ``A2CUpdateJVP`` pass (``Dual2``; θ̇_j = z_j, η̇_j = e_j,
///   so both ḟ_j = ∂f/∂θ z_j + ∂f/∂η_j at once, ``exactStep(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:trace:f:columns:)``):
///   the value part (f itself, every activation, 1 of the 3 products per gemm) is
///   computed once instead of twice; each column is bit for bit what a single-tangent
///   ``Dual`` pass gives (tested), so z — and every exact-trace run — is unchanged.
///   Stacking the two tangents into one BLAS call per side was measured ≈ 10% faster
///   on the conv net but changes z in the last bits (OpenBLAS sums in a shape-dependent
///   order), so it is not used. On the first update after a reset (z = 0) θ̇ = 0 and
///   the pass is cheaper.
public final class ExactMetaTrace<Base: Real> {
  /// How z is formed.
  public let approximation: TraceApproximation
  /// P, the number of parameters.
  public let parameterCount: Int
  /// z, column-major [2, P]: dθ/dγ at 0..<P, dθ/dλ at P..<2P.
  public private(set) var trace: [Base]
  /// Updates folded into z since it was last reset (or created).
  public private(set) var updatesSinceReset = 0

  /// The dual pass (exact traces).
  public let jvp: A2CUpdateJVP<Base>?
  /// The first-order ∂f/∂η (first-order and accumulating traces).
  public let etaDerivative: A2CEtaDerivative<Base>?
  @usableFromInline var scratch: [Base]
  /// The sizes of the rollout buffers ``advance(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:learningRate:preconditioner:)`` reads.
  public var shape: RolloutShape { jvp?.update.shape ?? etaDerivative!.update.shape }

  /// A trace for rollouts of `steps` × `envs` on `architecture`, starting at z = 0.
  public init(
    _ architecture: ActorCriticArchitecture, steps: Int, envs: Int,
    approximation: TraceApproximation
  ) {
    self.approximation = approximation
    parameterCount = architecture.layout.count
    trace = [Base](repeating: .zero, count: 2 * parameterCount)
    scratch = [Base](repeating: .zero, count: 2 * parameterCount)
    switch approximation {
    case .exact(let horizon):
      precondition(horizon == nil || horizon! > 0, "horizon must be positive")
      jvp = A2CUpdateJVP(architecture, steps: steps, envs: envs)
      etaDerivative = nil
    case .accumulating(let mu):
      precondition((0...1).contains(mu), "μ must lie in [0, 1], got \(mu)")
      jvp = nil
      etaDerivative = A2CEtaDerivative(architecture, steps: steps, envs: envs)
    case .firstOrder:
      jvp = nil
      etaDerivative = A2CEtaDerivative(architecture, steps: steps, envs: envs)
    }
  }

  /// What a checkpoint keeps of a trace: z and the updates folded into it (the rest is
  /// workspace).
  public struct State: Codable {
    public var trace: [Base]
    public var updatesSinceReset: Int

    init(trace: [Base], updatesSinceReset: Int) {
      self.trace = trace
      self.updatesSinceReset = updatesSinceReset
    }

    enum CodingKeys: String, CodingKey { case trace, updatesSinceReset }

    // A Float trace is stored packed (``PackedFloats``), other scalars as numbers.
    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      updatesSinceReset = try container.decode(Int.self, forKey: .updatesSinceReset)
      if Base.self == Float.self {
        trace = try container.decode(PackedFloats.self, forKey: .trace).values as! [Base]
      } else {
        trace = try container.decode([Base].self, forKey: .trace)
      }
    }

    public func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(updatesSinceReset, forKey: .updatesSinceReset)
      if let floats = trace as? [Float] {
        try container.encode(PackedFloats(floats), forKey: .trace)
      } else {
        try container.encode(trace, forKey: .trace)
      }
    }
  }

  /// The trace's state, for checkpoints.
  public var state: State { State(trace: trace, updatesSinceReset: updatesSinceReset) }

  /// Puts the trace into `state`; throws ``CheckpointMismatch`` for another size.
  public func restore(_ state: State) throws {
    try CheckpointMismatch.check("trace size", state.trace.count, trace.count)
    trace = state.trace
    updatesSinceReset = state.updatesSinceReset
  }

  /// z ← 0.
  public func reset() {
    for i in trace.indices { trace[i] = .zero }
    updatesSinceReset = 0
  }

  /// Computes f(τ, θ, η) into `f` (P, overwritten) and advances z to dθ′/dη for the
  /// step θ′ = θ + α D f that the caller then takes (this type does not move θ).
  ///
  /// - Parameters: as ``A2CUpdate``'s `compute`, plus
  ///   - learningRate: α.
  ///   - preconditioner: the diagonal D (P scalars), or nil for D = I (plain SGD).
  /// - Returns: the surrogate's value.
  @discardableResult
  @_specialize(where Base == Float)
  @_specialize(where Base == Double)
  public func advance(
    parameters: UnsafePointer<Base>, observations: UnsafePointer<Base>,
    extra: UnsafePointer<Base>?, actions: UnsafePointer<Int32>,
    rewards: UnsafePointer<Base>, ends: UnsafePointer<StepEnd>, truncationValues: UnsafePointer<Base>?,
    gamma: Base, lambda: Base, valueCoefficient b: Base, entropyCoefficient c: Base,
    learningRate alpha: Base, preconditioner: UnsafePointer<Base>?,
    f: UnsafeMutablePointer<Base>
  ) -> Base {
    let P = parameterCount
    var surrogate = Base.zero
    trace.withUnsafeMutableBufferPointer { zBuffer in
      scratch.withUnsafeMutableBufferPointer { sBuffer in
        let z = zBuffer.baseAddress!, s = sBuffer.baseAddress!
        // Applies z_j ← decay·z_j + α D d_j to both columns.
        func fold(_ d: UnsafeMutablePointer<Base>, decay: Base?) {
          for j in 0..<2 {
            let zj = z + j * P, dj = d + j * P
            for i in 0..<P {
              let step = preconditioner.map { alpha * $0[i] * dj[i] } ?? alpha * dj[i]
              zj[i] = decay.map { $0 * zj[i] + step } ?? zj[i] + step
            }
          }
        }
        switch approximation {
        case .firstOrder, .accumulating:
          surrogate = etaDerivative!.compute(
            parameters: parameters, observations: observations, extra: extra,
            actions: actions, rewards: rewards, ends: ends, truncationValues: truncationValues, gamma: gamma,
            lambda: lambda, valueCoefficient: b, entropyCoefficient: c, f: f, dfdEta: s)
          if case .accumulating(let mu) = approximation {
            fold(s, decay: Base(mu))
          } else {
            fold(s, decay: .zero)
          }
        case .exact(let horizon):
          if let horizon, updatesSinceReset >= horizon {
            z.update(repeating: .zero, count: 2 * P)
            updatesSinceReset = 0
          }
          surrogate = exactStep(
            parameters: parameters, observations: observations, extra: extra, actions: actions,
            rewards: rewards, ends: ends, truncationValues: truncationValues, gamma: gamma, lambda: lambda,
            valueCoefficient: b, entropyCoefficient: c, trace: z, f: f, columns: s)
          fold(s, decay: nil)
        }
      }
    }
    updatesSinceReset += 1
    return surrogate
  }

  /// f(τ, θ, η) into `f` (P, or nil) and both columns ḟ_j = ∂f/∂θ z_j + ∂f/∂η_j
  /// (j = γ, λ) into `columns` ([2, P], column-major like z), in one two-tangent dual
  /// pass (``A2CUpdateJVP``, θ̇_j = z_j, η̇_j = e_j); returns the surrogate. The exact
  /// step is then z ← z + α D · columns. Needs ``jvp`` (an exact trace).
  @inline(__always)
  func exactStep(
    parameters: UnsafePointer<Base>, observations: UnsafePointer<Base>,
    extra: UnsafePointer<Base>?, actions: UnsafePointer<Int32>,
    rewards: UnsafePointer<Base>, ends: UnsafePointer<StepEnd>, truncationValues: UnsafePointer<Base>?,
    gamma: Base, lambda: Base, valueCoefficient b: Base, entropyCoefficient c: Base,
    trace z: UnsafePointer<Base>, f: UnsafeMutablePointer<Base>?, columns: UnsafeMutablePointer<Base>
  ) -> Base {
    jvp!.compute(
      parameters: parameters, parameterTangents: z, observations: observations, extra: extra,
      actions: actions, rewards: rewards, ends: ends, truncationValues: truncationValues,
      gamma: gamma, gammaTangents: (.one, .zero), lambda: lambda, lambdaTangents: (.zero, .one),
      valueCoefficient: b, entropyCoefficient: c, f: f, fTangents: columns)
  }

  /// dJ̄/dη ≈ ∂J̄/∂θ′ · z = (∂J̄/∂θ′ · z_γ, ∂J̄/∂θ′ · z_λ) for the current z.
  public func metaGradient(_ dJdTheta: UnsafePointer<Base>) -> (gamma: Base, lambda: Base) {
    var g = Base.zero, l = Base.zero
    let P = parameterCount
    for i in 0..<P {
      g += dJdTheta[i] * trace[i]
      l += dJdTheta[i] * trace[P + i]
    }
    return (g, l)
  }
}

extension ExactMetaTrace {
  /// Array convenience for ``advance(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:learningRate:preconditioner:f:)``:
  /// returns f (allocates).
  public func advance(
    parameters: [Base], observations: [Base], extra: [Base]? = nil, actions: [Int32],
    rewards: [Base], ends: [StepEnd], truncationValues: [Base]? = nil, gamma: Base, lambda: Base,
    valueCoefficient b: Base, entropyCoefficient c: Base, learningRate alpha: Base,
    preconditioner: [Base]? = nil
  ) -> [Base] {
    let P = parameterCount
    shape.check("ExactMetaTrace.advance", parameters: parameters.count, observations: observations.count,
                extra: extra?.count, actions: actions.count, rewards: rewards.count, ends: ends.count,
                truncationValues: truncationValues?.count)
    precondition(preconditioner == nil || preconditioner!.count == P,
                 "ExactMetaTrace.advance: D has \(preconditioner!.count) entries; expected P = \(P)")
    var f = [Base](repeating: .zero, count: P)
    let e = extra ?? [.zero], d = preconditioner ?? [.zero], tv = truncationValues ?? [.zero]
    e.withUnsafeBufferPointer { e in
      d.withUnsafeBufferPointer { d in
        tv.withUnsafeBufferPointer { tv in
          _ = advance(
            parameters: parameters, observations: observations,
            extra: extra == nil ? nil : e.baseAddress, actions: actions, rewards: rewards,
            ends: ends, truncationValues: truncationValues == nil ? nil : tv.baseAddress,
            gamma: gamma, lambda: lambda, valueCoefficient: b,
            entropyCoefficient: c, learningRate: alpha,
            preconditioner: preconditioner == nil ? nil : d.baseAddress, f: &f)
        }
      }
    }
    return f
  }

  /// Array convenience for ``metaGradient(_:)``.
  public func metaGradient(_ dJdTheta: [Base]) -> (gamma: Base, lambda: Base) {
    precondition(dJdTheta.count == parameterCount,
                 "ExactMetaTrace.metaGradient: ∂J̄/∂θ′ has \(dJdTheta.count) entries; expected P = \(parameterCount)")
    return dJdTheta.withUnsafeBufferPointer { metaGradient($0.baseAddress!) }
  }
}
