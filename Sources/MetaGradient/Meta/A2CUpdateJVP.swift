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
/// The two-tangent pass (``Dual2``) gives two such ḟ for ≈ 0.7× the cost of two passes
/// (measured on the exact trace, see ``ExactMetaTrace``), bit for bit the same.
public final class A2CUpdateJVP<Base: Real> {
  /// The update evaluated on dual numbers.
  public var update: A2CUpdate<Dual<Base>> { single.update }
  /// T, the rollout length.
  public var steps: Int { single.update.steps }
  /// N, the number of environments.
  public var envs: Int { single.update.envs }
  /// P, the number of parameters.
  public var parameterCount: Int { single.update.network.parameterCount }

  /// The single-tangent pass.
  let single: DualUpdateWorkspace<Dual<Base>>
  /// The two-tangent pass, built on first use.
  private var pairStorage: DualUpdateWorkspace<Dual2<Base>>?
  private let architecture: ActorCriticArchitecture

  /// A JVP of f for rollouts of `steps` × `envs` on `architecture`.
  public init(_ architecture: ActorCriticArchitecture, steps: Int, envs: Int) {
    self.architecture = architecture
    single = DualUpdateWorkspace(architecture, steps: steps, envs: envs)
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
    let P = single.counts.parameters, w = single
    loadDual(parameters, parameterTangent, count: P, into: w.theta)
    let surrogate = w.run(
      observations: obs, extra: extra, actions: actions, rewards: r, ends: ends, truncationValues: tv,
      gamma: Dual(value: gamma, tangent: gammaTangent), lambda: Dual(value: lambda, tangent: lambdaTangent),
      valueCoefficient: b, entropyCoefficient: c)
    for i in 0..<P {
      f?[i] = w.direction[i].value
      fTangent[i] = w.direction[i].tangent
    }
    return surrogate.value
  }

  /// Computes f(τ, θ, η) and two directional derivatives in one pass on ``Dual2``:
  ///
  ///     ḟⱼ = (∂f/∂θ) θ̇ⱼ + (∂f/∂γ) γ̇ⱼ + (∂f/∂λ) λ̇ⱼ,   j = 0, 1.
  ///
  /// With θ̇ⱼ = zⱼ (the columns of a trace z ≈ dθ/dη) and η̇ⱼ = eⱼ (γ̇ = (1, 0),
  /// λ̇ = (0, 1)) these are both columns (∂f/∂θ) z + ∂f/∂η of the exact trace
  /// recursion. Each ḟⱼ is, operation by operation, what
  /// ``compute(parameters:parameterTangent:observations:extra:actions:rewards:ends:truncationValues:gamma:gammaTangent:lambda:lambdaTangent:valueCoefficient:entropyCoefficient:f:fTangent:)``
  /// computes along (θ̇ⱼ, γ̇ⱼ, λ̇ⱼ) (tested to rounding), at the cost of one value pass
  /// instead of two (see ``Dual2``'s gemm).
  ///
  /// - Parameters:
  ///   - parameterTangents: θ̇₀ then θ̇₁ (2P scalars, column-major [2, P]), or nil for θ̇ = 0.
  ///   - gammaTangents: (γ̇₀, γ̇₁); `lambdaTangents`: (λ̇₀, λ̇₁).
  ///   - f: P scalars overwritten with f, or nil.
  ///   - fTangents: 2P scalars overwritten with ḟ₀ then ḟ₁.
  /// - Returns: the surrogate's value (as `A2CUpdate`).
  @discardableResult
  @_specialize(where Base == Float)
  @_specialize(where Base == Double)
  public func compute(
    parameters: UnsafePointer<Base>, parameterTangents: UnsafePointer<Base>?,
    observations obs: UnsafePointer<Base>, extra: UnsafePointer<Base>?,
    actions: UnsafePointer<Int32>, rewards r: UnsafePointer<Base>, ends: UnsafePointer<StepEnd>,
    truncationValues tv: UnsafePointer<Base>?,
    gamma: Base, gammaTangents: (Base, Base), lambda: Base, lambdaTangents: (Base, Base),
    valueCoefficient b: Base, entropyCoefficient c: Base,
    f: UnsafeMutablePointer<Base>?, fTangents: UnsafeMutablePointer<Base>
  ) -> Base {
    let w = pairStorage ?? DualUpdateWorkspace(architecture, steps: steps, envs: envs)
    pairStorage = w
    let P = w.counts.parameters
    loadDual2(parameters, parameterTangents, count: P, into: w.theta)
    let surrogate = w.run(
      observations: obs, extra: extra, actions: actions, rewards: r, ends: ends, truncationValues: tv,
      gamma: Dual2(value: gamma, tangent0: gammaTangents.0, tangent1: gammaTangents.1),
      lambda: Dual2(value: lambda, tangent0: lambdaTangents.0, tangent1: lambdaTangents.1),
      valueCoefficient: b, entropyCoefficient: c)
    for i in 0..<P {
      let d = w.direction[i]
      f?[i] = d.value
      fTangents[i] = d.tangent0
      fTangents[P + i] = d.tangent1
    }
    return surrogate.value
  }
}

/// A forward-mode number type whose constants can be formed from its base scalar
/// (``Dual``, ``Dual2``): what ``DualUpdateWorkspace`` needs to load a rollout.
protocol ForwardModeScalar: Real {
  associatedtype Scalar: Real
  /// The constant x (all tangents zero).
  init(constant x: Scalar)
  /// The primal value.
  var value: Scalar { get }
}

extension Dual: ForwardModeScalar {
  init(constant x: Base) { self.init(value: x, tangent: .zero) }
}

extension Dual2: ForwardModeScalar {
  init(constant x: Base) { self.init(value: x, tangent0: .zero, tangent1: .zero) }
}

/// One ``A2CUpdate`` on a forward-mode number type `D` with its input and output
/// buffers (θ, f, and the rollout as constants), allocated once: the workspace of
/// ``A2CUpdateJVP``'s single- and two-tangent passes.
final class DualUpdateWorkspace<D: ForwardModeScalar> {
  let update: A2CUpdate<D>
  /// θ (the caller loads it, with its tangents) and f, P each.
  let theta: UnsafeMutablePointer<D>, direction: UnsafeMutablePointer<D>
  let observations: UnsafeMutablePointer<D>, extras: UnsafeMutablePointer<D>
  let rewards: UnsafeMutablePointer<D>, truncationValues: UnsafeMutablePointer<D>
  let counts: (parameters: Int, observations: Int, extra: Int, samples: Int)

  init(_ architecture: ActorCriticArchitecture, steps: Int, envs: Int) {
    let network = ActorCritic<D>(architecture, maxBatch: (steps + 1) * envs)
    update = A2CUpdate(network: network, steps: steps, envs: envs)
    counts = (architecture.layout.count, (steps + 1) * envs * architecture.observationSize,
              max((steps + 1) * envs * architecture.extraFeatures, 1), steps * envs)
    func buffer(_ n: Int) -> UnsafeMutablePointer<D> {
      let p = UnsafeMutablePointer<D>.allocate(capacity: n)
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

  /// Loads the rollout as constants and runs the update at ``theta`` (already loaded)
  /// into ``direction``; returns the surrogate.
  func run(
    observations obs: UnsafePointer<D.Scalar>, extra: UnsafePointer<D.Scalar>?,
    actions: UnsafePointer<Int32>, rewards r: UnsafePointer<D.Scalar>, ends: UnsafePointer<StepEnd>,
    truncationValues tv: UnsafePointer<D.Scalar>?, gamma: D, lambda: D,
    valueCoefficient b: D.Scalar, entropyCoefficient c: D.Scalar
  ) -> D {
    func load(_ x: UnsafePointer<D.Scalar>, _ count: Int, into destination: UnsafeMutablePointer<D>) {
      for i in 0..<count { destination[i] = D(constant: x[i]) }
    }
    load(obs, counts.observations, into: observations)
    let hasExtra = update.network.architecture.extraFeatures > 0 && extra != nil
    if hasExtra, let extra { load(extra, counts.extra, into: extras) }
    load(r, counts.samples, into: rewards)
    if let tv { load(tv, counts.samples, into: truncationValues) }
    return update.compute(
      parameters: theta, observations: observations,
      extra: hasExtra ? UnsafePointer(extras) : nil, actions: actions,
      rewards: rewards, ends: ends, truncationValues: tv == nil ? nil : UnsafePointer(truncationValues),
      gamma: gamma, lambda: lambda,
      valueCoefficient: D(constant: b), entropyCoefficient: D(constant: c), into: direction)
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
