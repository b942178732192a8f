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
///   (K-step truncated back-propagation through the updates, computed forward);
/// - ``TraceApproximation/hybrid(every:mu:)``: the exact step on every k-th update
///   (n ≡ 0 mod k, n counted from 1), z_k = μ z_{k−1} + α D ∂f_k/∂η on the others;
/// - ``TraceApproximation/finiteDifference(horizon:)``: the exact K-step recursion with
///   the Hessian-vector product replaced by a forward difference in `Base`,
///   (∂f/∂θ) z_j ≈ [f(θ + ε_j z_j) − f(θ)] / ε_j,  ε_j = √ε_Base (1 + ‖θ‖) / ‖z_j‖
///   (the Jacobian-free Newton–Krylov step of Knoll & Keyes 2004, J. Comput. Phys. 193),
///   f(θ) being the first-order pass's and f(θ + ε_j z_j) one plain A2C update per column;
/// - ``TraceApproximation/curvature(every:)``: z_{j,k} = μ_j z_{j,k−1} + α D ∂f_k/∂η_j with,
///   on every k-th update, the Rayleigh quotient of the step's Jacobian along z_j,
///   μ_j ← clamp(z_jᵀ(I + α D ∂f_k/∂θ) z_j / z_jᵀz_j, 0, 1), from the Hessian-vector
///   products of both columns in one two-tangent pass — that update then takes the exact
///   step, which the products give for free; μ_j starts at ``initialDecay`` (the best constant μ of approximation-order);
/// - ``TraceApproximation/diagonal(every:)``: z_k = clamp(1 + α D d̂, 0, 1) ⊙ z_{k−1} + α D ∂f_k/∂η
///   with d̂ ≈ diag(∂f/∂θ) by Hutchinson's estimator (Hutchinson 1990; Bekas, Kokiopoulou
///   & Saad 2007): on every k-th update one product (∂f/∂θ) v with v ∈ {±1}^P drawn from
///   the trace's own ``RandomStream``, d̂ ← v ⊙ (∂f/∂θ) v on the first refresh and
///   d̂ ← (1 − ρ) d̂ + ρ v ⊙ (∂f/∂θ) v after, ρ = ``diagonalAveraging`` (the diagonal of a
///   Jacobian that drifts slowly, averaged over about 1/ρ samples). The clamp keeps each
///   coordinate's decay in [0, 1], as μ's.
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
/// **Cost per update**, the inner update with its trace as an agent pays it (release,
/// `make bench` on idle cores, AMD EPYC with OpenBLAS's Cooperlake kernels, Float,
/// T = 20, N = 16; the plain update 0.133 ms on the CartPole MLP 64×64, 5.8 ms on the
/// Breakout MinAtar conv net): first order 0.284 ms and 11.0 ms reading the trainer's
/// update (`evaluated`), 0.420 ms and 17.2 ms making its own (×0.68, ×0.64); exact-10
/// 1.07 ms and 29.4 ms (3.8× and 2.7× first order).
/// - first order / accumulating: two backward passes over the evaluated update
///   (``A2CEtaDerivative``), else one `A2CUpdate<Base>` of the trace's own before them;
///   z costs O(P).
/// - exact: ONE two-tangent ``A2CUpdateJVP`` pass (``Dual2``; θ̇_j = z_j, η̇_j = e_j,
///   so both ḟ_j = ∂f/∂θ z_j + ∂f/∂η_j at once, ``exactStep(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:trace:f:columns:)``):
///   the value part (f itself, every activation, 1 of the 3 products per gemm) is
///   computed once instead of twice, but it is computed: the dual pass keeps values and
///   tangents together and does not start from the evaluated update's Float cache. Each
///   column is bit for bit what a single-tangent ``Dual`` pass gives (tested).
///   Stacking the two tangents into one BLAS call per side was measured ≈ 10% faster
///   on the conv net but changes z in the last bits (OpenBLAS sums in a shape-dependent
///   order), so it is not used. On the first update after a reset (z = 0) θ̇ = 0 and
///   the pass is cheaper.
/// - hybrid: the exact pass on every k-th update, the first-order pass on the others;
/// - fd-K: the first-order pass plus one plain A2C update per nonzero column of z (≈ 2
///   plain updates), and, when the first-order pass read an evaluated update, one more
///   for f(θ) itself (so f(θ) and f(θ + ε z_j) take the same forward path); no dual numbers;
/// - curvature: the first-order pass, plus on every k-th update one two-tangent dual
///   pass (θ̇_j = z_j, η̇ = 0); diagonal: the first-order pass, plus one single-tangent
///   pass (θ̇ = v) every k-th update. `make bench` prints each one's cost on both nets.
public final class ExactMetaTrace<Base: Real> {
  /// How z is formed.
  public let approximation: TraceApproximation
  /// P, the number of parameters.
  public let parameterCount: Int
  /// z, column-major [2, P]: dθ/dγ at 0..<P, dθ/dλ at P..<2P.
  public private(set) var trace: [Base]
  /// Updates folded into z since it was last reset (or created).
  public private(set) var updatesSinceReset = 0
  /// μ_j of the curvature-scaled trace, (μ_γ, μ_λ); empty for the others.
  public private(set) var decay: [Base]
  /// d̂ ≈ diag(∂f/∂θ) of the diagonal trace (P); empty for the others.
  public private(set) var diagonalEstimate: [Base]
  /// Hutchinson refreshes so far (the diagonal trace).
  public private(set) var refreshes = 0
  /// The diagonal trace's probe vectors v.
  public private(set) var random: RandomStream

  /// μ_j before the curvature trace's first measurement: 0.9, the constant μ that
  /// approximation-order found the most accurate of the cheap traces.
  public static var initialDecay: Double { 0.9 }
  /// ρ, the weight of a new Hutchinson sample in d̂.
  public static var diagonalAveraging: Double { 0.1 }
  /// The seed of the diagonal trace's probes (fixed: a trace is a deterministic
  /// function of its inputs).
  public static var probeSeed: UInt64 { 0x4875_7463_6869_6E73 }

  /// The dual pass (exact traces).
  public let jvp: A2CUpdateJVP<Base>?
  /// The first-order ∂f/∂η (first-order and accumulating traces).
  public let etaDerivative: A2CEtaDerivative<Base>?
  @usableFromInline var scratch: [Base]
  /// f(τ, θ, η) when the caller asks for none, or needs fd-K's own (P).
  @usableFromInline var direction: [Base]
  /// The Hessian-vector products (2P for the curvature trace), θ + εz, the probe v (P
  /// each; the new traces only).
  @usableFromInline var product: [Base], shifted: [Base], probe: [Base]
  /// √ε of `Base` (the forward difference's relative step): 2^−11.5 ≈ 3.5e-4 for Float, 2^−26 for Double.
  public static var finiteDifferenceStep: Base {
    Base(Base.self == Float.self ? Double(Float.ulpOfOne).squareRoot() : Double.ulpOfOne.squareRoot())
  }
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
    direction = [Base](repeating: .zero, count: parameterCount)
    random = RandomStream(seed: Self.probeSeed)
    var usesProducts = false
    switch approximation {
    case .exact(let horizon):
      precondition(horizon == nil || horizon! > 0, "horizon must be positive")
    case .accumulating(let mu), .hybrid(_, let mu):
      precondition((0...1).contains(mu), "μ must lie in [0, 1], got \(mu)")
    case .firstOrder: break
    case .finiteDifference(let k), .curvature(let k), .diagonal(let k):
      precondition(k > 0, "k must be positive")
      usesProducts = true
    }
    if case .hybrid(let k, _) = approximation { precondition(k > 0, "k must be positive") }
    // The dual pass for the exact steps and products; the first-order pass for the others.
    switch approximation {
    case .exact, .hybrid, .curvature, .diagonal: jvp = A2CUpdateJVP(architecture, steps: steps, envs: envs)
    default: jvp = nil
    }
    switch approximation {
    case .exact: etaDerivative = nil
    default: etaDerivative = A2CEtaDerivative(architecture, steps: steps, envs: envs)
    }
    let workspace = usesProducts ? parameterCount : 0
    // The curvature trace's products are both columns at once (2P).
    let products = { if case .curvature = approximation { 2 * workspace } else { workspace } }()
    (product, shifted, probe) = ([Base](repeating: .zero, count: products), [Base](repeating: .zero, count: workspace),
                                 [Base](repeating: .zero, count: workspace))
    if case .curvature = approximation { decay = [Base(Self.initialDecay), Base(Self.initialDecay)] } else { decay = [] }
    if case .diagonal = approximation { diagonalEstimate = [Base](repeating: .zero, count: parameterCount) } else { diagonalEstimate = [] }
  }

  /// What a checkpoint keeps of a trace: z, the updates folded into it and, for the
  /// curvature and diagonal traces, μ_j, d̂, the refreshes and the probes' stream (the
  /// rest is workspace). The last four are absent for the other approximations.
  public struct State: Codable {
    public var trace: [Base]
    public var updatesSinceReset: Int
    public var decay: [Base]?
    public var diagonalEstimate: [Base]?
    public var refreshes: Int?
    public var random: RandomStream?

    init(trace: [Base], updatesSinceReset: Int, decay: [Base]? = nil, diagonalEstimate: [Base]? = nil,
         refreshes: Int? = nil, random: RandomStream? = nil) {
      self.trace = trace
      self.updatesSinceReset = updatesSinceReset
      self.decay = decay
      self.diagonalEstimate = diagonalEstimate
      self.refreshes = refreshes
      self.random = random
    }

    enum CodingKeys: String, CodingKey { case trace, updatesSinceReset, decay, diagonalEstimate, refreshes, random }

    // A Float vector is stored packed (``PackedFloats``), other scalars as numbers.
    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      func vector(_ key: CodingKeys) throws -> [Base]? {
        guard container.contains(key) else { return nil }
        if Base.self == Float.self { return try container.decode(PackedFloats.self, forKey: key).values as? [Base] }
        return try container.decode([Base].self, forKey: key)
      }
      updatesSinceReset = try container.decode(Int.self, forKey: .updatesSinceReset)
      guard let trace = try vector(.trace) else {
        throw DecodingError.keyNotFound(CodingKeys.trace, .init(codingPath: container.codingPath, debugDescription: "no trace"))
      }
      self.trace = trace
      decay = try vector(.decay)
      diagonalEstimate = try vector(.diagonalEstimate)
      refreshes = try container.decodeIfPresent(Int.self, forKey: .refreshes)
      random = try container.decodeIfPresent(RandomStream.self, forKey: .random)
    }

    public func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      func encode(_ vector: [Base]?, _ key: CodingKeys) throws {
        guard let vector else { return }
        if let floats = vector as? [Float] { try container.encode(PackedFloats(floats), forKey: key) } else { try container.encode(vector, forKey: key) }
      }
      try container.encode(updatesSinceReset, forKey: .updatesSinceReset)
      try encode(trace, .trace)
      try encode(decay, .decay)
      try encode(diagonalEstimate, .diagonalEstimate)
      try container.encodeIfPresent(refreshes, forKey: .refreshes)
      try container.encodeIfPresent(random, forKey: .random)
    }
  }

  /// The trace's state, for checkpoints.
  public var state: State {
    var state = State(trace: trace, updatesSinceReset: updatesSinceReset)
    if !decay.isEmpty { state.decay = decay }
    if !diagonalEstimate.isEmpty { (state.diagonalEstimate, state.refreshes, state.random) = (diagonalEstimate, refreshes, random) }
    return state
  }

  /// Puts the trace into `state`; throws ``CheckpointMismatch`` for another size or a
  /// state of another kind of trace.
  public func restore(_ state: State) throws {
    try CheckpointMismatch.check("trace size", state.trace.count, trace.count)
    try CheckpointMismatch.check("trace decays", state.decay?.count ?? 0, decay.count)
    try CheckpointMismatch.check("diagonal estimate", state.diagonalEstimate?.count ?? 0, diagonalEstimate.count)
    if !diagonalEstimate.isEmpty {
      guard let refreshes = state.refreshes, let random = state.random else { throw CheckpointMismatch("the diagonal trace's probe state is missing") }
      (self.refreshes, self.random) = (refreshes, random)
    }
    trace = state.trace
    updatesSinceReset = state.updatesSinceReset
    if let saved = state.decay { decay = saved }
    if let saved = state.diagonalEstimate { diagonalEstimate = saved }
  }

  /// z ← 0, and every other part of the state as created.
  public func reset() {
    for i in trace.indices { trace[i] = .zero }
    updatesSinceReset = 0
    for j in decay.indices { decay[j] = Base(Self.initialDecay) }
    for i in diagonalEstimate.indices { diagonalEstimate[i] = .zero }
    refreshes = 0
    random = RandomStream(seed: Self.probeSeed)
  }

  /// Advances z to dθ′/dη for the step θ′ = θ + α D f(τ, θ, η) that the caller takes
  /// (this type does not move θ), and computes f into `f` unless f is the caller's.
  ///
  /// - Parameters: as ``A2CUpdate``'s `compute`, plus
  ///   - learningRate: α.
  ///   - preconditioner: the diagonal D (P scalars), or nil for D = I (plain SGD).
  ///   - f: P scalars overwritten with f(τ, θ, η), or nil; nil when `evaluated` is given.
  ///   - evaluated: an update that has just computed f(τ, θ, η) at exactly these
  ///     arguments, e.g. the trainer's (its network caching τ's forward pass at θ, its π
  ///     and ∂g/∂η), or nil. Given, the first-order pass is its two backward passes
  ///     (``A2CEtaDerivative/columns(of:parameters:actions:valueCoefficient:into:)``)
  ///     instead of an update of the trace's own plus those passes; the exact step's dual
  ///     pass is unchanged. z then differs from the trace's own passes' only by the
  ///     rounding of the two forward passes (tested).
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
    f: UnsafeMutablePointer<Base>?, evaluated: A2CUpdate<Base>? = nil
  ) -> Base {
    precondition(evaluated == nil || f == nil, "ExactMetaTrace.advance: f is the evaluated update's, not the trace's")
    let P = parameterCount
    var surrogate = Base.zero
    let n = updatesSinceReset + 1  // this update's number since the reset
    trace.withUnsafeMutableBufferPointer { zBuffer in
      scratch.withUnsafeMutableBufferPointer { sBuffer in
      direction.withUnsafeMutableBufferPointer { ownBuffer in
        let z = zBuffer.baseAddress!, s = sBuffer.baseAddress!, own = ownBuffer.baseAddress!
        let fOut = f ?? own  // where the first-order pass puts f when it computes it
        /// α D_i x.
        @inline(__always) func step(_ x: Base, _ i: Int) -> Base { preconditioner.map { alpha * $0[i] * x } ?? alpha * x }
        // Applies z_j ← decay_j·z_j + α D d_j to both columns (decay nil: 1).
        func fold(_ d: UnsafeMutablePointer<Base>, decay: (Int) -> Base?) {
          for j in 0..<2 {
            let zj = z + j * P, dj = d + j * P
            if let μ = decay(j) {
              for i in 0..<P { zj[i] = μ * zj[i] + step(dj[i], i) }
            } else {
              for i in 0..<P { zj[i] += step(dj[i], i) }
            }
          }
        }
        // ∂f/∂η into s, and f into fOut unless evaluated (the first-order pass).
        func firstOrderPass() {
          if let evaluated {
            surrogate = evaluated.surrogate
            etaDerivative!.columns(of: evaluated, parameters: parameters, actions: actions, valueCoefficient: b, into: s)
          } else {
            surrogate = etaDerivative!.compute(
              parameters: parameters, observations: observations, extra: extra,
              actions: actions, rewards: rewards, ends: ends, truncationValues: truncationValues, gamma: gamma,
              lambda: lambda, valueCoefficient: b, entropyCoefficient: c, f: fOut, dfdEta: s)
          }
        }
        // f and ḟ_j = ∂f/∂θ z_j + ∂f/∂η_j into s, column j of z as θ̇ and e_j as η̇ (the exact step).
        func exactPass() {
          surrogate = exactStep(
            parameters: parameters, observations: observations, extra: extra, actions: actions,
            rewards: rewards, ends: ends, truncationValues: truncationValues, gamma: gamma, lambda: lambda,
            valueCoefficient: b, entropyCoefficient: c, trace: z, f: f, columns: s)
        }
        // (∂f/∂θ) x into `product` (η̇ = 0).
        func hessianVectorProduct(_ x: UnsafePointer<Base>) {
          product.withUnsafeMutableBufferPointer { h in
            _ = jvp!.compute(
              parameters: parameters, parameterTangent: x, observations: observations, extra: extra,
              actions: actions, rewards: rewards, ends: ends, truncationValues: truncationValues,
              gamma: gamma, gammaTangent: .zero, lambda: lambda, lambdaTangent: .zero,
              valueCoefficient: b, entropyCoefficient: c, f: nil, fTangent: h.baseAddress!)
          }
        }
        func resetIfDue(_ horizon: Int?) {
          if let horizon, updatesSinceReset >= horizon {
            z.update(repeating: .zero, count: 2 * P)
            updatesSinceReset = 0
          }
        }
        switch approximation {
        case .firstOrder:
          firstOrderPass()
          fold(s) { _ in .zero }
        case .accumulating(let mu):
          firstOrderPass()
          fold(s) { _ in Base(mu) }
        case .exact(let horizon):
          resetIfDue(horizon)
          exactPass()
          fold(s) { _ in nil }
        case .hybrid(let k, let mu):
          if n % k == 0 {
            exactPass()
            fold(s) { _ in nil }
          } else {
            firstOrderPass()
            fold(s) { _ in Base(mu) }
          }
        case .finiteDifference(let horizon):
          resetIfDue(horizon)
          firstOrderPass()
          // s_j += [f(θ + ε_j z_j) − f(θ)] / ε_j, with f(θ + ε_j z_j) by a plain update.
          // f(θ) is the first-order pass's, or, when that pass reused an evaluated update,
          // the trace's own plain update's: the same forward path as f(θ + ε_j z_j), so the
          // difference holds the curvature and not two paths' rounding (divided by ε_j).
          var fTheta = UnsafePointer(fOut)
          if evaluated != nil, (0..<2 * P).contains(where: { z[$0] != .zero }) {
            etaDerivative!.update.compute(
              parameters: parameters, observations: observations, extra: extra, actions: actions,
              rewards: rewards, ends: ends, truncationValues: truncationValues, gamma: gamma, lambda: lambda,
              valueCoefficient: b, entropyCoefficient: c, into: own)
            fTheta = UnsafePointer(own)
          }
          var thetaNorm = Base.zero
          for i in 0..<P { thetaNorm += parameters[i] * parameters[i] }
          let scale = Self.finiteDifferenceStep * (Base.one + Base.sqrt(thetaNorm))
          for j in 0..<2 {
            let zj = z + j * P
            var norm = Base.zero
            for i in 0..<P { norm += zj[i] * zj[i] }
            guard norm > .zero else { continue }  // z_j = 0: (∂f/∂θ) z_j = 0
            let epsilon = scale / Base.sqrt(norm)
            shifted.withUnsafeMutableBufferPointer { shifted in
              product.withUnsafeMutableBufferPointer { fShifted in
                for i in 0..<P { shifted[i] = parameters[i] + epsilon * zj[i] }
                etaDerivative!.update.compute(
                  parameters: shifted.baseAddress!, observations: observations, extra: extra, actions: actions,
                  rewards: rewards, ends: ends, truncationValues: truncationValues, gamma: gamma, lambda: lambda,
                  valueCoefficient: b, entropyCoefficient: c, into: fShifted.baseAddress!)
                let sj = s + j * P
                for i in 0..<P { sj[i] += (fShifted[i] - fTheta[i]) / epsilon }
              }
            }
          }
          fold(s) { _ in nil }
        case .curvature(let k):
          firstOrderPass()
          guard n % k == 0 else {
            fold(s) { decay[$0] }
            break
          }
          // (∂f/∂θ) z_j for both columns in one two-tangent pass (η̇ = 0), then
          // μ_j = clamp(z_jᵀ(z_j + α D (∂f/∂θ) z_j) / z_jᵀz_j, 0, 1) and the exact step.
          product.withUnsafeMutableBufferPointer { h in
            _ = jvp!.compute(
              parameters: parameters, parameterTangents: z, observations: observations, extra: extra,
              actions: actions, rewards: rewards, ends: ends, truncationValues: truncationValues,
              gamma: gamma, gammaTangents: (.zero, .zero), lambda: lambda, lambdaTangents: (.zero, .zero),
              valueCoefficient: b, entropyCoefficient: c, f: nil, fTangents: h.baseAddress!)
          }
          for j in 0..<2 {
            let zj = z + j * P, sj = s + j * P, offset = j * P
            var zz = Base.zero
            for i in 0..<P { zz += zj[i] * zj[i] }
            guard zz > .zero else { continue }  // z_j = 0: nothing to measure, the step is first order
            var zJz = Base.zero
            for i in 0..<P {
              let hz = product[offset + i]
              zJz += zj[i] * (zj[i] + step(hz, i))
              sj[i] += hz
            }
            decay[j] = min(max(zJz / zz, .zero), .one)
          }
          fold(s) { _ in nil }
        case .diagonal(let k):
          firstOrderPass()
          if n % k == 0 {
            // d̂ ← (1 − ρ) d̂ + ρ v ⊙ (∂f/∂θ) v, v Rademacher (d̂ = the sample on the first refresh).
            for i in 0..<P { probe[i] = random.next() & 1 == 0 ? .one : -.one }
            probe.withUnsafeBufferPointer { hessianVectorProduct($0.baseAddress!) }
            let rho = refreshes == 0 ? Base.one : Base(Self.diagonalAveraging)
            for i in 0..<P { diagonalEstimate[i] = (.one - rho) * diagonalEstimate[i] + rho * probe[i] * product[i] }
            refreshes += 1
          }
          for j in 0..<2 {
            let zj = z + j * P, sj = s + j * P
            for i in 0..<P {
              let decay = min(max(Base.one + step(diagonalEstimate[i], i), .zero), .one)
              zj[i] = decay * zj[i] + step(sj[i], i)
            }
          }
        }
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
