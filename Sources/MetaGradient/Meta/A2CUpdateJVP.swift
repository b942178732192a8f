/// The directional derivative of the A2C update direction f(τ, θ, η) (``A2CUpdate``)
/// with respect to both θ and η = (γ, λ), in one forward-mode pass:
///
///     ḟ = (∂f/∂θ) θ̇ + (∂f/∂γ) γ̇ + (∂f/∂λ) λ̇.
///
/// It runs the unmodified generic ``A2CUpdate`` on ``Dual```<Base>` with θ̇, γ̇, λ̇ as
/// the tangents of θ, γ, λ (observations, actions, rewards, flags, the extra input and
/// the truncation bootstrap values v(S⁺) — computed at collection time — are constants). Nothing in `A2CUpdate` strips tangents: the advantage
/// δ_t = g_t − v_θ(S_t) is an ordinary dual value, so ḟ includes the dependence of f
/// on θ through δ — the bootstrap values inside g and v(S_t) — as well as through
/// ∇log π, ∇v, ∇H and the cached activations of the backward pass. That is the full
/// ∂f/∂θ of the golden file (needed for exact multi-step meta-gradients), not the
/// semi-gradient's Jacobian.
///
/// Uses (`z` a P-vector):
/// - θ̇ = z, γ̇ = λ̇ = 0: the Hessian-vector product (∂f/∂θ) z (f is a gradient of a
///   surrogate whose δ moves with θ, so ∂f/∂θ is not symmetric in general);
/// - θ̇ = 0, γ̇ = 1: the column ∂f/∂γ (λ̇ = 1: ∂f/∂λ) — LambdaReturn-style tangents of g;
/// - θ̇ = z_γ, γ̇ = 1: (∂f/∂θ) z_γ + ∂f/∂γ, one column of the exact trace recursion.
///
/// Cost: about 2–3× an `A2CUpdate<Base>` (forward + backward) — see ``Dual``'s gemm;
/// with θ̇ = 0 the whole forward pass has zero tangents and runs at ~1 gemm per layer.
public final class A2CUpdateJVP<Base: Real> {
  /// The update evaluated on dual numbers.
  public let update: A2CUpdate<Dual<Base>>
  /// T, the rollout length.
  public var steps: Int { update.steps }
  /// N, the number of environments.
  public var envs: Int { update.envs }
  /// P, the number of parameters.
  public var parameterCount: Int { update.network.parameterCount }

  @usableFromInline let theta: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let direction: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let observations: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let extras: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let rewards: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let truncationValues: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let counts: (parameters: Int, observations: Int, extra: Int, samples: Int)

  /// A JVP of f for rollouts of `steps` × `envs` on `architecture`.
  public init(_ architecture: ActorCriticArchitecture, steps: Int, envs: Int) {
    let network = ActorCritic<Dual<Base>>(architecture, maxBatch: (steps + 1) * envs)
    update = A2CUpdate(network: network, steps: steps, envs: envs)
    counts = (architecture.layout.count, (steps + 1) * envs * architecture.observationSize,
              max((steps + 1) * envs * architecture.extraFeatures, 1), steps * envs)
    func buffer(_ n: Int) -> UnsafeMutablePointer<Dual<Base>> {
      let p = UnsafeMutablePointer<Dual<Base>>.allocate(capacity: n)
      p.initialize(repeating: .zero, count: n)
      return p
    }
    theta = buffer(counts.parameters)
    direction = buffer(counts.parameters)
    observations = buffer(counts.observations)
    extras = buffer(counts.extra)
    rewards = buffer(counts.samples)
    truncationValues = buffer(counts.samples)
  }

  deinit {
    for p in [theta, direction, observations, extras, rewards, truncationValues] { p.deallocate() }
  }

  /// Computes f(τ, θ, η) and ḟ = (∂f/∂θ) θ̇ + (∂f/∂γ) γ̇ + (∂f/∂λ) λ̇.
  ///
  /// Arguments are those of ``A2CUpdate/compute(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:into:computeTerms:)``
  /// plus the tangents; `parameterTangent` nil means θ̇ = 0.
  ///
  /// - Parameters:
  ///   - f: P scalars overwritten with f, or nil.
  ///   - fTangent: P scalars overwritten with ḟ.
  /// - Returns: the surrogate's value (as `A2CUpdate`).
  @discardableResult
  @_specialize(where Base == Float)
  @_specialize(where Base == Double)
  public func compute(
    parameters: UnsafePointer<Base>, parameterTangent: UnsafePointer<Base>?,
    observations obs: UnsafePointer<Base>, extra: UnsafePointer<Base>?,
    actions: UnsafePointer<Int32>, rewards r: UnsafePointer<Base>, ends: UnsafePointer<StepEnd>,
    truncationValues tv: UnsafePointer<Base>?,
    gamma: Base, gammaTangent: Base, lambda: Base, lambdaTangent: Base,
    valueCoefficient b: Base, entropyCoefficient c: Base,
    f: UnsafeMutablePointer<Base>?, fTangent: UnsafeMutablePointer<Base>
  ) -> Base {
    let P = counts.parameters
    loadDual(parameters, parameterTangent, count: P, into: theta)
    loadDual(obs, nil, count: counts.observations, into: observations)
    let hasExtra = update.network.architecture.extraFeatures > 0 && extra != nil
    if hasExtra, let extra { loadDual(extra, nil, count: counts.extra, into: extras) }
    loadDual(r, nil, count: counts.samples, into: rewards)
    if let tv { loadDual(tv, nil, count: counts.samples, into: truncationValues) }
    let surrogate = update.compute(
      parameters: theta, observations: observations,
      extra: hasExtra ? UnsafePointer(extras) : nil, actions: actions,
      rewards: rewards, ends: ends, truncationValues: tv == nil ? nil : UnsafePointer(truncationValues),
      gamma: Dual(value: gamma, tangent: gammaTangent),
      lambda: Dual(value: lambda, tangent: lambdaTangent),
      valueCoefficient: Dual(b), entropyCoefficient: Dual(c), into: direction)
    for i in 0..<P {
      f?[i] = direction[i].value
      fTangent[i] = direction[i].tangent
    }
    return surrogate.value
  }
}

extension A2CUpdateJVP {
  /// Array convenience: returns (f, ḟ) (allocates).
  public func compute(
    parameters: [Base], parameterTangent: [Base]? = nil, observations: [Base],
    extra: [Base]? = nil, actions: [Int32], rewards: [Base], ends: [StepEnd], truncationValues: [Base]? = nil,
    gamma: Base, gammaTangent: Base = .zero, lambda: Base, lambdaTangent: Base = .zero,
    valueCoefficient b: Base, entropyCoefficient c: Base
  ) -> (f: [Base], fTangent: [Base]) {
    let P = parameterCount
    update.shape.check("A2CUpdateJVP.compute", parameters: parameters.count, observations: observations.count,
                       extra: extra?.count, actions: actions.count, rewards: rewards.count, ends: ends.count,
                       truncationValues: truncationValues?.count)
    precondition(parameterTangent == nil || parameterTangent!.count == P,
                 "A2CUpdateJVP.compute: θ̇ has \(parameterTangent!.count) entries; expected P = \(P)")
    var f = [Base](repeating: .zero, count: P), fDot = f
    let dTheta = parameterTangent ?? f
    let e = extra ?? [.zero], tv = truncationValues ?? [.zero]
    tv.withUnsafeBufferPointer { tv in
    parameters.withUnsafeBufferPointer { p in
      dTheta.withUnsafeBufferPointer { dp in
        observations.withUnsafeBufferPointer { o in
          e.withUnsafeBufferPointer { e in
            f.withUnsafeMutableBufferPointer { f in
              fDot.withUnsafeMutableBufferPointer { fDot in
                _ = compute(
                  parameters: p.baseAddress!, parameterTangent: dp.baseAddress!,
                  observations: o.baseAddress!, extra: extra == nil ? nil : e.baseAddress,
                  actions: actions, rewards: rewards, ends: ends,
                  truncationValues: truncationValues == nil ? nil : tv.baseAddress,
                  gamma: gamma, gammaTangent: gammaTangent, lambda: lambda,
                  lambdaTangent: lambdaTangent, valueCoefficient: b, entropyCoefficient: c,
                  f: f.baseAddress!, fTangent: fDot.baseAddress!)
              }
            }
          }
        }
      }
    }
    }
    return (f, fDot)
  }
}
