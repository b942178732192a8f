import Foundation

/// Measures how well each ``TraceApproximation`` of dθ/dη approximates the exact
/// K_ref-step trace, on one training run: shadow traces advanced on the host agent's
/// own updates (the same θ's, τ's, η's and step derivatives s·D — see
/// ``MetaTraceObserver``), compared at scheduled meta-updates through the meta-gradient
/// they give with the host's u = ∂J̄(τ′, θ_n, η̄)/∂θ_n:
///
///     g_a = u · z_a(n),   g* = u · z*(n),   z*(n) = Σ_{k=n−K_ref+1}^{n} [Π_{j=k+1}^{n} (I + s_j D_j ∂f_j/∂θ)] s_k D_k ∂f_k/∂η,
///
/// z* being the exact K_ref-step trace reset K_ref updates before the measurement (the
/// gradient through the last K_ref updates). Each measurement records, per
/// approximation a, ``MetaGradientAgreement``'s cosine(g_a, g*) and relative error, the
/// cosine between the traces z_a and z* themselves, and
/// the wall-clock seconds per update of a's trace over the window of the last K_max
/// updates (K_max the largest horizon), next to the host's plain A2C update. Every
/// shadow reads the host's evaluated update (``ExactMetaTrace``'s `evaluated`), as an
/// agent's own trace reads its trainer's, so its seconds are what a adds to the inner
/// update in training.
///
/// How each shadow is kept (nothing here writes to the host's θ, τ or update):
/// - first order z = s D ∂f/∂η: one ``ExactMetaTrace`` advanced on every update;
/// - accumulating z_μ ← μ z_μ + s D ∂f/∂η: folded from the first-order trace on every
///   update since the start (the same recursion as ``ExactMetaTrace``; its cost is the
///   first-order pass plus the fold);
/// - exact K (and fd-K, its finite-difference twin): an ``ExactMetaTrace`` reset K updates
///   before each measurement and advanced through those K updates only, so at the
///   measurement it spans exactly K updates — the state an exact-K trace reaches just
///   before its reset in training (its best phase; right after a reset it equals first
///   order). The average cost over those K updates is its cost per update in training
///   (the first, from z = 0, is cheaper). With K = K_ref it is the reference itself (cosine 1);
/// - hybrid, curvature-scaled and diagonal: an ``ExactMetaTrace`` of their own advanced
///   on every update since the start, as in training; its cost is averaged over the window
///   (whose length K_max should be a multiple of their k for a fair average).
///
/// Measurements are at the updates of ``measurementUpdates``, at least K_max apart so
/// the windows do not overlap (``schedule(rollouts:count:horizon:)``).
public final class TraceAccuracyProbe: MetaTraceObserver {
  /// One comparison, at the meta-update after update n.
  public struct Measurement: Codable, Sendable, Equatable {
    /// n, the update whose θ_n the meta-gradient is taken at.
    public var update: Int
    /// Environment steps at the meta-update (including τ′).
    public var envSteps: Int
    /// g* = (dJ̄/dγ, dJ̄/dλ) of the reference trace.
    public var reference: [Double]
    /// g_a per approximation, in ``approximations``' order.
    public var metaGradients: [[Double]]
    /// cosine(g_a, g*) per approximation.
    public var cosine: [Double]
    /// ‖g_a − g*‖ / ‖g*‖ per approximation.
    public var relativeError: [Double]
    /// cosine(z_a, z*) per approximation, over the 2P entries of the traces themselves:
    /// agreement of dθ/dη independent of u (the 2-vector g can agree in direction while
    /// the traces do not).
    public var traceCosine: [Double]
    /// Mean seconds per update of each approximation's trace over the window.
    public var seconds: [Double]
    /// Mean seconds of the host's plain A2C inner update over the window.
    public var innerUpdateSeconds: Double
  }

  /// The approximations compared (none may be unbounded exact).
  public let approximations: [TraceApproximation]
  /// K_ref, the horizon of the reference exact trace.
  public let referenceHorizon: Int
  /// The updates n after which a measurement is taken, increasing.
  public let measurementUpdates: [Int]
  /// The measurements so far.
  public private(set) var measurements: [Measurement] = []

  private let firstOrder: ExactMetaTrace<Float>
  /// The accumulating approximations (index in `approximations`, μ) and their z_μ.
  private var accumulating: [(index: Int, mu: Float)] = []
  private var accumulatingTraces: [[Float]] = []
  /// Exact traces by horizon (the reference's included), never resetting themselves.
  private let exact: [Int: ExactMetaTrace<Float>]
  /// The other approximations' own traces (index in `approximations`, trace): fd-K reset
  /// before each window like exact-K, the rest advanced on every update.
  private let shadows: [(index: Int, trace: ExactMetaTrace<Float>)]
  private let window: Int
  private var next = 0
  /// Seconds summed over the window and the updates counted: per approximation, then the host's.
  private var secondsSum: [Double], secondsCount: [Int]
  private var innerSum = 0.0, innerCount = 0

  /// Shadows for rollouts of `steps` × `envs` on `architecture`.
  public init(
    _ architecture: ActorCriticArchitecture, steps: Int, envs: Int, approximations: [TraceApproximation],
    referenceHorizon: Int, measurementUpdates: [Int]
  ) {
    precondition(!approximations.contains(.exact(horizon: nil)), "the probe compares truncated exact traces only")
    let horizons = approximations.compactMap(\.horizon)
    let exactHorizons = approximations.compactMap { a -> Int? in if case .exact(let k) = a { k } else { nil } }
    precondition(referenceHorizon > 0, "the reference horizon must be positive")
    let window = max(referenceHorizon, horizons.max() ?? 1)
    self.window = window
    precondition(zip(measurementUpdates, measurementUpdates.dropFirst()).allSatisfy { $1 - $0 >= window }
                 && (measurementUpdates.first ?? window) >= window,
                 "measurements must be at least \(window) updates apart and after update \(window)")
    self.approximations = approximations
    self.referenceHorizon = referenceHorizon
    self.measurementUpdates = measurementUpdates
    let P = architecture.layout.count
    firstOrder = ExactMetaTrace(architecture, steps: steps, envs: envs, approximation: .firstOrder)
    var exact: [Int: ExactMetaTrace<Float>] = [:]
    for k in Set(exactHorizons + [referenceHorizon]) {
      exact[k] = ExactMetaTrace(architecture, steps: steps, envs: envs, approximation: .exact(horizon: nil))
    }
    self.exact = exact
    shadows = approximations.enumerated().compactMap { i, a in
      switch a {
      case .firstOrder, .accumulating, .exact: nil
      default: (i, ExactMetaTrace(architecture, steps: steps, envs: envs, approximation: a))
      }
    }
    for (i, a) in approximations.enumerated() {
      if case .accumulating(let mu) = a {
        accumulating.append((i, Float(mu)))
        accumulatingTraces.append([Float](repeating: 0, count: 2 * P))
      }
    }
    secondsSum = [Double](repeating: 0, count: approximations.count)
    secondsCount = [Int](repeating: 0, count: approximations.count)
  }

  /// `count` measurement updates spread evenly over a run of `rollouts` updates, at least
  /// `horizon` apart and after update `horizon`, each followed by a meta-update
  /// (n ≤ rollouts − 1); fewer when the run is too short.
  public static func schedule(rollouts: Int, count: Int, horizon: Int) -> [Int] {
    guard count > 0, rollouts - 1 >= horizon else { return [] }
    let every = max(horizon, (rollouts - 1) / count)
    return Array(stride(from: every, through: rollouts - 1, by: every).prefix(count))
  }

  public func didUpdate(
    _ n: Int, parameters: UnsafePointer<Float>, rollout: Rollout, evaluated: A2CUpdate<Float>, gamma: Float, lambda: Float,
    valueCoefficient b: Float, entropyCoefficient c: Float, preconditioner: UnsafePointer<Float>,
    innerUpdateSeconds: Double
  ) {
    guard next < measurementUpdates.count else { return }  // nothing left to measure
    let target = measurementUpdates[next]
    let inWindow = n > target - window
    func advance(_ trace: ExactMetaTrace<Float>) -> Double {
      let start = DispatchTime.now()
      trace.advance(
        parameters: parameters, observations: rollout.observations.baseAddress!, extra: nil,
        actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!, ends: rollout.ends.baseAddress!,
        truncationValues: rollout.truncationValues.baseAddress!, gamma: gamma, lambda: lambda,
        valueCoefficient: b, entropyCoefficient: c, learningRate: 1, preconditioner: preconditioner,
        f: nil, evaluated: evaluated)
      return Self.seconds(since: start)
    }
    // First order, then the accumulating traces folded from it: z_μ ← μ z_μ + z.
    let firstOrderSeconds = advance(firstOrder)
    for (j, (i, mu)) in accumulating.enumerated() {
      let start = DispatchTime.now()
      firstOrder.trace.withUnsafeBufferPointer { d in
        accumulatingTraces[j].withUnsafeMutableBufferPointer { z in
          for p in z.indices { z[p] = mu * z[p] + d[p] }
        }
      }
      if inWindow { record(i, seconds: firstOrderSeconds + Self.seconds(since: start)) }
    }
    // Exact K: reset K updates before the measurement, then advance through the window.
    var exactSeconds: [Int: Double] = [:]
    for (k, trace) in exact where n > target - k {
      if n == target - k + 1 { trace.reset() }
      exactSeconds[k] = advance(trace)
    }
    // The others: fd-K like exact-K (it resets itself every K updates, so it is reset
    // K updates before the measurement), the rest on every update.
    for (i, trace) in shadows {
      if let k = trace.approximation.horizon {
        guard n > target - k else { continue }
        if n == target - k + 1 { trace.reset() }
      }
      let seconds = advance(trace)
      if inWindow { record(i, seconds: seconds) }
    }
    guard inWindow else { return }
    for (i, a) in approximations.enumerated() {
      switch a {
      case .firstOrder: record(i, seconds: firstOrderSeconds)
      case .exact(let k?): if let s = exactSeconds[k] { record(i, seconds: s) }
      default: break
      }
    }
    innerSum += innerUpdateSeconds
    innerCount += 1
  }

  public func willMetaUpdate(after n: Int, envSteps: Int, metaObjectiveGradient u: UnsafePointer<Float>) {
    guard next < measurementUpdates.count, n == measurementUpdates[next] else { return }
    let P = firstOrder.parameterCount
    func dot(_ z: [Float]) -> [Double] {
      var g = 0.0, l = 0.0
      for i in 0..<P {
        g += Double(u[i]) * Double(z[i])
        l += Double(u[i]) * Double(z[P + i])
      }
      return [g, l]
    }
    func trace(_ i: Int) -> [Float] {
      switch approximations[i] {
      case .firstOrder: firstOrder.trace
      case .accumulating: accumulatingTraces[accumulating.firstIndex { $0.index == i }!]
      case .exact(let k): exact[k!]!.trace
      default: shadows.first { $0.index == i }!.trace.trace
      }
    }
    func traceCosine(_ z: [Float], _ r: [Float]) -> Double {
      var zr = 0.0, zz = 0.0, rr = 0.0
      for i in z.indices { zr += Double(z[i]) * Double(r[i]); zz += Double(z[i]) * Double(z[i]); rr += Double(r[i]) * Double(r[i]) }
      return zz > 0 && rr > 0 ? zr / (zz * rr).squareRoot() : .nan
    }
    let referenceTrace = exact[referenceHorizon]!.trace
    let reference = dot(referenceTrace)
    let gradients = approximations.indices.map { dot(trace($0)) }
    measurements.append(Measurement(
      update: n, envSteps: envSteps, reference: reference, metaGradients: gradients,
      cosine: gradients.map { MetaGradientAgreement.cosine($0, reference) },
      relativeError: gradients.map { MetaGradientAgreement.relativeError($0, reference) },
      traceCosine: approximations.indices.map { traceCosine(trace($0), referenceTrace) },
      seconds: approximations.indices.map { secondsCount[$0] > 0 ? secondsSum[$0] / Double(secondsCount[$0]) : .nan },
      innerUpdateSeconds: innerCount > 0 ? innerSum / Double(innerCount) : .nan))
    for i in approximations.indices { (secondsSum[i], secondsCount[i]) = (0, 0) }
    (innerSum, innerCount) = (0, 0)
    next += 1
  }

  private func record(_ i: Int, seconds: Double) {
    secondsSum[i] += seconds
    secondsCount[i] += 1
  }

  private static func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) * 1e-9
  }
}

extension TraceAccuracyProbe {
  /// What a checkpoint keeps of the probe: the measurements so far, the position in the
  /// schedule, every shadow trace and the timing sums.
  public struct State: Codable {
    public var measurements: [Measurement]
    public var next: Int
    public var firstOrder: ExactMetaTrace<Float>.State
    public var accumulatingTraces: [PackedFloats]
    /// By horizon.
    public var exact: [Int: ExactMetaTrace<Float>.State]
    /// The other approximations' traces, in ``approximations``' order.
    public var shadows: [ExactMetaTrace<Float>.State]
    public var secondsSum: [Double], secondsCount: [Int]
    public var innerSum: Double, innerCount: Int
  }

  /// The probe's state, for checkpoints.
  public var state: State {
    State(measurements: measurements, next: next, firstOrder: firstOrder.state, accumulatingTraces: accumulatingTraces.map(PackedFloats.init),
          exact: exact.mapValues(\.state), shadows: shadows.map(\.trace.state), secondsSum: secondsSum, secondsCount: secondsCount,
          innerSum: innerSum, innerCount: innerCount)
  }

  /// Puts the probe (built with the same settings) into `state`.
  public func restore(_ state: State) throws {
    try CheckpointMismatch.check("accumulating traces", state.accumulatingTraces.count, accumulatingTraces.count)
    try CheckpointMismatch.check("exact traces", state.exact.count, exact.count)
    try CheckpointMismatch.check("timed approximations", state.secondsSum.count, secondsSum.count)
    try CheckpointMismatch.check("shadow traces", state.shadows.count, shadows.count)
    for (shadow, saved) in zip(shadows, state.shadows) { try shadow.trace.restore(saved) }
    try firstOrder.restore(state.firstOrder)
    for (k, trace) in exact {
      guard let saved = state.exact[k] else { throw CheckpointMismatch("no saved exact-\(k) trace") }
      try trace.restore(saved)
    }
    for (j, z) in state.accumulatingTraces.enumerated() {
      try CheckpointMismatch.check("accumulating trace size", z.values.count, accumulatingTraces[j].count)
    }
    measurements = state.measurements
    next = state.next
    accumulatingTraces = state.accumulatingTraces.map(\.values)
    secondsSum = state.secondsSum
    secondsCount = state.secondsCount
    innerSum = state.innerSum
    innerCount = state.innerCount
  }
}
