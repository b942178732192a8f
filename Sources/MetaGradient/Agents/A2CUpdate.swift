/// The A2C update direction f(τ, θ, η) of the paper (eq. 9, with α kept outside):
///
///     f = (1/M) Σ_{t,n} [ δ_t ∇θ log π_θ(A_t|S_t) + b δ_t ∇θ v_θ(S_t) + c ∇θ H(π_θ(·|S_t)) ]
///
/// over the M = T·N samples of a rollout of T steps in N environments, with
///
/// - the λ-return  g_T = v(S_T),  g_t = R_{t+1} + γ_t ((1 − λ) v(S_{t+1}) + λ g_{t+1}),
///   η = (γ, λ), by ``LambdaReturn`` from the CURRENT θ's values (γ_t = 0 on a
///   terminated step; a truncated step bootstraps from v(S⁺) of the true last state,
///   passed as `truncationValues`), together with ∂g/∂γ and ∂g/∂λ,
/// - the advantage δ_t = g_t − v_θ(S_t), held constant (semi-gradient),
/// - H(π) = −Σ_a π(a) log π(a).
///
/// f is an ASCENT direction: the inner SGD step is θ′ = θ + α f (see
/// `reference/golden/metagrad_golden.json`, whose conventions this matches exactly).
///
/// Implementation: one forward pass over all (T+1)·N states (the last N are the
/// bootstrap states S_T), then one backward pass with the output cotangents
///
///     ∂/∂logits = [δ (onehot(A) − π) + c (−π ⊙ (log π + H))] / M,   ∂/∂v = b δ / M.
///
/// Buffers are time-major: index t·N + n. Everything is preallocated in `init`.
public final class A2CUpdate<Scalar: Real> {
  /// The network f differentiates; its `maxBatch` must be at least (T+1)·N.
  public let network: ActorCritic<Scalar>
  /// T, the rollout length.
  public let steps: Int
  /// N, the number of environments (trajectories) per rollout.
  public let envs: Int

  @usableFromInline let store: UnsafeMutablePointer<Scalar>
  @usableFromInline let storeCount: Int
  @usableFromInline let oValues: Int, oReturns: Int, oAdvantages: Int, oLogPi: Int,
    oEntropy: Int, oPolicy: Int, oDLogits: Int, oDValues: Int, oTerms: Int,
    oDGamma: Int, oDLambda: Int

  /// The surrogate's value from the last `compute` (see its return value).
  public private(set) var surrogate: Scalar = .zero

  /// Samples per update, M = T·N.
  public var sampleCount: Int { steps * envs }
  /// The sizes of the rollout buffers this update reads.
  public var shape: RolloutShape { RolloutShape(steps: steps, envs: envs, architecture: network.architecture) }

  /// An update for rollouts of `steps` × `envs`, differentiating `network`.
  public init(network: ActorCritic<Scalar>, steps: Int, envs: Int) {
    precondition(steps > 0 && envs > 0, "steps and envs must be positive, got \(steps), \(envs)")
    precondition(network.maxBatch >= (steps + 1) * envs,
                 "network.maxBatch \(network.maxBatch) < (T+1)·N = \((steps + 1) * envs)")
    self.network = network
    self.steps = steps
    self.envs = envs
    let m = steps * envs, A = network.architecture.actionCount, P = network.parameterCount
    var size = 0
    func reserve(_ n: Int) -> Int { defer { size += n }; return size }
    oValues = reserve(m + envs)
    oReturns = reserve(m)
    oDGamma = reserve(m)
    oDLambda = reserve(m)
    oAdvantages = reserve(m)
    oLogPi = reserve(m)
    oEntropy = reserve(m)
    oPolicy = reserve(m * A)
    oDLogits = reserve(m * A)
    oDValues = reserve(m)
    oTerms = reserve(3 * P)
    storeCount = size
    store = .allocate(capacity: size)
    store.initialize(repeating: .zero, count: size)
  }

  deinit {
    store.deinitialize(count: storeCount)
    store.deallocate()
  }

  // MARK: Intermediate quantities (valid after `compute`)

  /// v_θ(S_t) for t = 0…T, [(T+1)·N] (the last N are the bootstrap values).
  public var values: UnsafeBufferPointer<Scalar> { view(oValues, sampleCount + envs) }
  /// λ-returns g_t, [T·N].
  public var returns: UnsafeBufferPointer<Scalar> { view(oReturns, sampleCount) }
  /// ∂g_t/∂γ, [T·N]: exact, from the same sweep as the returns (for the meta-gradient
  /// ∂f/∂η = α ∂g/∂η [∇log π + b ∇v]).
  public var returnsGammaDerivative: UnsafeBufferPointer<Scalar> { view(oDGamma, sampleCount) }
  /// ∂g_t/∂λ, [T·N].
  public var returnsLambdaDerivative: UnsafeBufferPointer<Scalar> { view(oDLambda, sampleCount) }
  /// Advantages δ_t = g_t − v(S_t), [T·N].
  public var advantages: UnsafeBufferPointer<Scalar> { view(oAdvantages, sampleCount) }
  /// log π_θ(A_t|S_t), [T·N].
  public var logPiA: UnsafeBufferPointer<Scalar> { view(oLogPi, sampleCount) }
  /// H(π_θ(·|S_t)), [T·N].
  public var entropy: UnsafeBufferPointer<Scalar> { view(oEntropy, sampleCount) }
  /// π_θ(·|S_t), [T·N, A].
  public var policy: UnsafeBufferPointer<Scalar> {
    view(oPolicy, sampleCount * network.architecture.actionCount)
  }
  /// The policy term (1/M) Σ δ ∇log π(A|S), [P]; filled when `computeTerms`.
  public var policyTerm: UnsafeBufferPointer<Scalar> { view(oTerms, network.parameterCount) }
  /// The value term (1/M) Σ δ ∇v(S) (without b), [P]; filled when `computeTerms`.
  public var valueTerm: UnsafeBufferPointer<Scalar> {
    view(oTerms + network.parameterCount, network.parameterCount)
  }
  /// The entropy term (1/M) Σ ∇H(π(·|S)) (without c), [P]; filled when `computeTerms`.
  public var entropyTerm: UnsafeBufferPointer<Scalar> {
    view(oTerms + 2 * network.parameterCount, network.parameterCount)
  }

  @inline(__always) func view(_ offset: Int, _ count: Int) -> UnsafeBufferPointer<Scalar> {
    UnsafeBufferPointer(start: store + offset, count: count)
  }

  // MARK: The update

  /// Computes f(τ, θ, η) into `f` (overwritten) and returns the surrogate's value
  /// (1/M) Σ [δ log π(A|S) + b δ v(S) + c H(π(·|S))] (δ constant), whose θ-gradient f is.
  ///
  /// - Parameters:
  ///   - parameters: θ, P scalars.
  ///   - observations: S_0…S_T, [(T+1)·N, observationSize], time-major; the last N
  ///     rows are the bootstrap states. Where an episode ended at step t (terminated
  ///     or truncated) row t+1 is the next episode's first state.
  ///   - extra: [(T+1)·N, extraFeatures] extra network input (e_η), or nil.
  ///   - actions: A_t, [T·N], each in 0..<A.
  ///   - rewards: R_{t+1}, [T·N].
  ///   - ends: how step t ends, [T·N] (``StepEnd``).
  ///   - truncationValues: v(S⁺) of the true last state where `ends[i] == .truncated`
  ///     (read only there), [T·N]; nil if no step is truncated.
  ///   - gamma: γ, the discount in η.
  ///   - lambda: λ, the bootstrapping parameter in η.
  ///   - valueCoefficient: b, weight of the value term (paper: 0.5, IMPALA's baseline cost).
  ///   - entropyCoefficient: c, weight of the entropy term (paper: 0.01).
  ///   - f: P scalars, overwritten with f(τ, θ, η).
  ///   - computeTerms: also fill ``policyTerm``, ``valueTerm``, ``entropyTerm``
  ///     (three more backward passes).
  ///   - dExtra: if non-nil, [T·N, extraFeatures] receives the cotangent of the extra
  ///     input (e_η) from f's backward pass, for training the embedding.
  ///   - forwardDone: the network's cache already holds the forward pass at
  ///     `parameters` over exactly these (T+1)·N observations (e.g. filled row block by
  ///     row block while acting, ``ActorCritic/forward(parameters:observations:extra:count:atRow:)``),
  ///     so it is not recomputed; `observations` and `extra` are then not read.
  @discardableResult
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public func compute(
    parameters: UnsafePointer<Scalar>, observations: UnsafePointer<Scalar>,
    extra: UnsafePointer<Scalar>?, actions: UnsafePointer<Int32>,
    rewards: UnsafePointer<Scalar>, ends: UnsafePointer<StepEnd>,
    truncationValues: UnsafePointer<Scalar>?,
    gamma: Scalar, lambda: Scalar, valueCoefficient b: Scalar, entropyCoefficient c: Scalar,
    into f: UnsafeMutablePointer<Scalar>, computeTerms: Bool = false, forwardDone: Bool = false,
    dExtra: UnsafeMutablePointer<Scalar>? = nil
  ) -> Scalar {
    let m = sampleCount, N = envs, A = network.architecture.actionCount
    let P = network.parameterCount

    // Values for all T+1 states (and logits for the first T).
    if forwardDone {
      precondition(network.batch == m + N, "forwardDone: the network caches \(network.batch) rows, not (T+1)·N = \(m + N)")
    } else {
      network.forward(parameters: parameters, observations: observations, extra: extra,
                      batch: m + N)
    }
    let values = store + oValues
    values.update(from: network.values.baseAddress!, count: m + N)

    // λ-returns and advantages.
    let g = store + oReturns, delta = store + oAdvantages
    LambdaReturn.compute(
      rewards: rewards, ends: ends, values: values, truncationValues: truncationValues,
      gamma: gamma, lambda: lambda, steps: steps, batch: N, returns: g,
      dGamma: store + oDGamma, dLambda: store + oDLambda)
    for i in 0..<m { delta[i] = g[i] - values[i] }

    // Softmax policy, log π(A|S), entropy, and the output cotangents.
    let logits = network.logits.baseAddress!
    let pi = store + oPolicy, logPiA = store + oLogPi, entropy = store + oEntropy
    let dLogits = store + oDLogits, dValues = store + oDValues
    let invM = Scalar.one / Scalar(Double(m))
    var surrogate = Scalar.zero
    for i in 0..<m {
      let z = logits + i * A, p = pi + i * A, dz = dLogits + i * A
      let a = Int(actions[i])
      precondition(a >= 0 && a < A, "action \(a) at sample \(i) outside 0..<\(A)")
      var zMax = z[0]
      for k in 1..<max(A, 1) where z[k] > zMax { zMax = z[k] }
      var sum = Scalar.zero
      for k in 0..<A { let e = Scalar.exp(z[k] - zMax); p[k] = e; sum += e }
      let logSum = zMax + Scalar.log(sum)
      var h = Scalar.zero
      for k in 0..<A {
        p[k] /= sum
        h -= p[k] * (z[k] - logSum)
      }
      logPiA[i] = z[a] - logSum
      entropy[i] = h
      // ∂H/∂z_k = −π_k (log π_k + H);  ∂log π(a)/∂z_k = 1[k = a] − π_k.
      let d = delta[i]
      for k in 0..<A {
        let logP = z[k] - logSum
        let policyGrad = (k == a ? Scalar.one : Scalar.zero) - p[k]
        dz[k] = (d * policyGrad - c * p[k] * (logP + h)) * invM
      }
      dValues[i] = b * d * invM
      surrogate += d * logPiA[i] + b * d * values[i] + c * h
    }

    f.update(repeating: .zero, count: P)
    network.backward(parameters: parameters, dLogits: dLogits, dValues: dValues, batch: m,
                     gradient: f, dExtra: dExtra)

    if computeTerms {
      let terms = store + oTerms
      terms.update(repeating: .zero, count: 3 * P)
      // Policy: ∂/∂z = δ (onehot − π)/M, ∂/∂v = 0.
      for i in 0..<m {
        for k in 0..<A {
          dLogits[i * A + k] =
            delta[i] * ((k == Int(actions[i]) ? Scalar.one : .zero) - pi[i * A + k]) * invM
        }
        dValues[i] = .zero
      }
      network.backward(parameters: parameters, dLogits: dLogits, dValues: dValues, batch: m,
                       gradient: terms)
      // Value: ∂/∂v = δ/M.
      for i in 0..<m {
        for k in 0..<A { dLogits[i * A + k] = .zero }
        dValues[i] = delta[i] * invM
      }
      network.backward(parameters: parameters, dLogits: dLogits, dValues: dValues, batch: m,
                       gradient: terms + P)
      // Entropy: ∂/∂z = −π (log π + H)/M.
      for i in 0..<m {
        let z = logits + i * A
        var zMax = z[0]
        for k in 1..<max(A, 1) where z[k] > zMax { zMax = z[k] }
        var sum = Scalar.zero
        for k in 0..<A { sum += Scalar.exp(z[k] - zMax) }
        let logSum = zMax + Scalar.log(sum)
        for k in 0..<A {
          let p = pi[i * A + k]
          dLogits[i * A + k] = -p * (z[k] - logSum + entropy[i]) * invM
        }
        dValues[i] = .zero
      }
      network.backward(parameters: parameters, dLogits: dLogits, dValues: dValues, batch: m,
                       gradient: terms + 2 * P)
    }
    self.surrogate = surrogate * invM
    return self.surrogate
  }
}

extension A2CUpdate {
  /// Array convenience for ``compute(parameters:observations:extra:actions:rewards:ends:truncationValues:gamma:lambda:valueCoefficient:entropyCoefficient:into:computeTerms:)``;
  /// returns f [P] (allocates; use the pointer form in training loops).
  public func compute(
    parameters: [Scalar], observations: [Scalar], extra: [Scalar]? = nil, actions: [Int32],
    rewards: [Scalar], ends: [StepEnd], truncationValues: [Scalar]? = nil, gamma: Scalar, lambda: Scalar,
    valueCoefficient b: Scalar, entropyCoefficient c: Scalar, computeTerms: Bool = false
  ) -> [Scalar] {
    let m = sampleCount, arch = network.architecture
    shape.check("A2CUpdate.compute", parameters: parameters.count, observations: observations.count, extra: extra?.count,
                actions: actions.count, rewards: rewards.count, ends: ends.count, truncationValues: truncationValues?.count)
    let tv = truncationValues ?? []
    var f = [Scalar](repeating: .zero, count: network.parameterCount)
    let zeros = [Scalar](repeating: .zero, count: (m + envs) * arch.extraFeatures)
    let e = extra ?? zeros
    parameters.withUnsafeBufferPointer { p in
      observations.withUnsafeBufferPointer { o in
        e.withUnsafeBufferPointer { e in
          actions.withUnsafeBufferPointer { a in
            rewards.withUnsafeBufferPointer { r in
              ends.withUnsafeBufferPointer { ends in
                tv.withUnsafeBufferPointer { tv in
                  f.withUnsafeMutableBufferPointer { f in
                    _ = compute(
                      parameters: p.baseAddress!, observations: o.baseAddress!,
                      extra: arch.extraFeatures > 0 ? e.baseAddress : nil,
                      actions: a.baseAddress!, rewards: r.baseAddress!, ends: ends.baseAddress!,
                      truncationValues: truncationValues == nil ? nil : tv.baseAddress,
                      gamma: gamma, lambda: lambda, valueCoefficient: b, entropyCoefficient: c,
                      into: f.baseAddress!, computeTerms: computeTerms)
                  }
                }
              }
            }
          }
        }
      }
    }
    return f
  }
}
