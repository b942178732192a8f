import Foundation

/// The meta-gradient agent of Xu, van Hasselt & Silver (2018) with a selectable
/// approximation of dθ′/dη: A2C whose η = (γ, λ) is learned online with online
/// cross-validation, as ``MetaGradientAgent``, but with the trace z ≈ dθ/dη kept by an
/// ``ExactMetaTrace`` under any ``TraceApproximation``:
///
///     first order:   z_n = s D ∂f_n/∂η                               (the paper)
///     accumulating:  z_n = μ z_{n−1} + s D ∂f_n/∂η
///     exact K-step:  z_n = (I + s D ∂f_n/∂θ) z_{n−1} + s D ∂f_n/∂η,   z ← 0 every K updates
///
/// with ∂f_n/∂· at (τ_n, θ_{n−1}, η_n), D the optimiser's step derivative with its
/// state held fixed (``StepDerivative``) and s = min(1, clip/‖f_n‖) the global-norm
/// clip's factor, both of update n — folded into the trace as its preconditioner s·D
/// (so the trace's α is 1). (D's and s's own dependence on θ and η is ignored, as in
/// ``MetaGradientAgent``.)
///
/// One iteration, after the first:
///
///     τ′ ← collectRollout()                    act with θ′ (the trainer's current θ)
///     u  = ∂J̄(τ′, θ′, η̄)/∂θ′                   ``MetaObjectiveGradient``
///     dJ̄/dη ≈ u · z                            the trace's meta-gradient
///     x_η ← x_η + Adam_β(dJ̄/dη · σ′(x_η))       ascent on the logits of η = σ(x)
///     θ″ = θ′ + Δ(s f(τ′, θ′, η))              the trainer's inner update on the same τ′
///     z  ← trace.advance(τ′, θ′, η, s·D)        z ≈ dθ″/dη
///
/// The trace evaluates f(τ′, θ′, η) itself (as the value part of its derivative pass):
/// the same function of the same inputs as the trainer's update, so z is the derivative
/// of the step the trainer takes (``lastTraceDirection`` · s equals the trainer's
/// clipped f; tested). With ``TraceApproximation/firstOrder`` the meta-gradient equals
/// ``MetaGradientAgent``'s (same seed, same first meta-update, to Float rounding).
///
/// Cost per iteration over A2C: u (one forward and one backward pass over τ′) plus the
/// trace's ``ExactMetaTrace/advance`` (first order and accumulating: one A2C update and
/// two backward passes; exact: two dual-number A2C updates). η-conditioning is not
/// supported (the trace covers the network's parameters only).
public final class TracedMetaGradientAgent<E: Environment> {
  /// The inner learner.
  public let trainer: A2CTrainer<E>
  /// The meta-learning settings (``MetaConfig/conditioning`` must be off).
  public let meta: MetaConfig
  /// z ≈ dθ/dη and how it is formed.
  public let trace: ExactMetaTrace<Float>
  /// η = (γ, λ) = σ(x) and the meta-optimiser.
  public internal(set) var eta: LearnedEta
  /// The latest meta-gradient u · z = (dJ̄/dγ, dJ̄/dλ), before the sigmoid's chain rule.
  public internal(set) var lastMetaGradient: (gamma: Double, lambda: Double) = (0, 0)
  /// The latest J̄(τ′, θ′, η̄).
  public internal(set) var lastMetaObjective: Double = 0
  /// f(τ, θ, η) of the latest update as the trace computed it, before clipping, [P].
  public internal(set) var lastTraceDirection: [Float]
  /// Watches updates and meta-updates (shadow traces); never changes training.
  public var observer: (any MetaTraceObserver)?

  /// u = ∂J̄/∂θ′.
  public let metaObjectiveGradient: MetaObjectiveGradient
  private var previousParameters: [Float]
  /// s·D of the latest update.
  private var preconditioner: [Float]
  private var hasPrevious = false

  /// The approximation of dθ′/dη.
  public var approximation: TraceApproximation { trace.approximation }

  /// An agent on `config.envs` copies built by `make`, seeded by `rng` (the same
  /// streams as ``MetaGradientAgent``, so equal seeds give equal θ₀ and environments).
  public init(
    config: A2CConfig, meta: MetaConfig, approximation: TraceApproximation, rng: RandomStream,
    make: (RandomStream) -> E
  ) {
    precondition((try? meta.validate()) != nil, "invalid meta config")
    precondition(!meta.conditioning, "TracedMetaGradientAgent does not support η-conditioning")
    trainer = A2CTrainer(config: config, rng: rng, make: make)
    self.meta = meta
    eta = LearnedEta(meta)
    let (T, N) = (config.steps, config.envs), P = trainer.parameters.count
    trace = ExactMetaTrace(trainer.architecture, steps: T, envs: N, approximation: approximation)
    metaObjectiveGradient = MetaObjectiveGradient(trainer.architecture, parameterCount: P, steps: T, envs: N)
    previousParameters = [Float](repeating: 0, count: P)
    preconditioner = [Float](repeating: 0, count: P)
    lastTraceDirection = [Float](repeating: 0, count: P)
  }

  /// The η in use: the learned value, or the configured one when not learned.
  public var currentGamma: Double { eta.currentGamma }
  public var currentLambda: Double { eta.currentLambda }

  /// One iteration (see the type's documentation). Throws
  /// ``TrainingError/diverged(what:step:)`` when θ, η or the update stop being finite.
  public func iterate() throws {
    trainer.collectRollout()
    if hasPrevious { metaUpdate() }
    try eta.checkFinite(step: trainer.totalSteps)
    try trainer.checkFinite(surrogate: innerUpdate())
  }

  /// θ′ = θ + Δ(s f(τ, θ, η)), then z ← dθ′/dη under the approximation.
  @discardableResult
  private func innerUpdate() -> Float {
    let config = trainer.config, rollout = trainer.rollout
    previousParameters.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: trainer.parameters, count: $0.count) }
    let (g, l) = (Float(currentGamma), Float(currentLambda))
    let start = observer == nil ? nil : DispatchTime.now()
    let surrogate = trainer.innerUpdate(gamma: g, lambda: l)
    let seconds = start.map { Double(DispatchTime.now().uptimeNanoseconds - $0.uptimeNanoseconds) * 1e-9 } ?? 0
    let norm = trainer.lastGradientNorm, clip = Float(config.maxGradientNorm)
    let s: Float = norm > clip ? clip / norm : 1
    preconditioner.withUnsafeMutableBufferPointer { d in
      trainer.optimizer.stepDerivative(into: d.baseAddress!)
      for i in d.indices { d[i] *= s }
    }
    let (b, c) = (Float(config.valueCoefficient), Float(config.entropyCoefficient))
    previousParameters.withUnsafeBufferPointer { theta in
      preconditioner.withUnsafeBufferPointer { sD in
        _ = lastTraceDirection.withUnsafeMutableBufferPointer { f in
          trace.advance(
            parameters: theta.baseAddress!, observations: rollout.observations.baseAddress!, extra: nil,
            actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!, ends: rollout.ends.baseAddress!,
            truncationValues: rollout.truncationValues.baseAddress!, gamma: g, lambda: l,
            valueCoefficient: b, entropyCoefficient: c, learningRate: 1, preconditioner: sD.baseAddress!,
            f: f.baseAddress!)
        }
        observer?.didUpdate(
          trainer.updateCount, parameters: theta.baseAddress!, rollout: rollout, gamma: g, lambda: l,
          valueCoefficient: b, entropyCoefficient: c, preconditioner: sD.baseAddress!, innerUpdateSeconds: seconds)
      }
    }
    hasPrevious = true
    return surrogate
  }

  /// η ← η + Adam(dJ̄/dx) with dJ̄/dη = u · z, u on τ′ (the rollout just collected).
  private func metaUpdate() {
    let objective = trainer.parameters.withUnsafeBufferPointer { theta in
      metaObjectiveGradient.compute(network: trainer.pendingUpdate.network, parameters: theta.baseAddress!,
                                    rollout: trainer.rollout, gammaBar: Float(meta.gammaBar), lambdaBar: Float(meta.lambdaBar))
    }
    let g = metaObjectiveGradient.gradient.withUnsafeBufferPointer { u in
      observer?.willMetaUpdate(after: trainer.updateCount, envSteps: trainer.totalSteps, metaObjectiveGradient: u.baseAddress!)
      return trace.metaGradient(u.baseAddress!)
    }
    lastMetaGradient = (Double(g.gamma), Double(g.lambda))
    lastMetaObjective = Double(objective)
    eta.ascend(lastMetaGradient)
  }

  /// The episodes finished since the last call.
  public func takeEpisodes() -> EpisodeTally { trainer.takeEpisodes() }
}

extension TracedMetaGradientAgent: ControlAgent {
  public var totalSteps: Int { trainer.totalSteps }
  public var stepsPerRollout: Int { trainer.stepsPerRollout }
}

extension TracedMetaGradientAgent: CheckpointableAgent {
  /// The traced agent between two iterations: the trainer's state, η and its
  /// meta-optimiser, the trace z (and the probe's shadow traces and measurements when a
  /// ``TraceAccuracyProbe`` observes it), and the θ, s·D and f of the latest update. The
  /// next meta-update reads only z and τ′, so no activations need rebuilding.
  public struct State: Codable {
    public var trainer: A2CTrainer<E>.State
    public var eta: LearnedEta
    public var lastMetaGradient: EtaPair<Double>
    public var lastMetaObjective: Double
    public var lastTraceDirection: PackedFloats
    public var previousParameters: PackedFloats
    public var preconditioner: PackedFloats
    public var hasPrevious: Bool
    public var trace: ExactMetaTrace<Float>.State
    public var probe: TraceAccuracyProbe.State?
  }

  public func checkpointState() -> State {
    State(trainer: trainer.checkpointState(), eta: eta, lastMetaGradient: EtaPair(lastMetaGradient),
          lastMetaObjective: lastMetaObjective, lastTraceDirection: PackedFloats(lastTraceDirection),
          previousParameters: PackedFloats(previousParameters), preconditioner: PackedFloats(preconditioner), hasPrevious: hasPrevious,
          trace: trace.state, probe: (observer as? TraceAccuracyProbe)?.state)
  }

  public func restore(from state: State) throws {
    let P = previousParameters.count
    try CheckpointMismatch.check("previous parameters", state.previousParameters.values.count, P)
    try CheckpointMismatch.check("preconditioner", state.preconditioner.values.count, P)
    try CheckpointMismatch.check("trace direction", state.lastTraceDirection.values.count, P)
    guard state.eta.meta == meta else { throw CheckpointMismatch("the meta-learning settings differ") }
    let probe = observer as? TraceAccuracyProbe
    guard (probe == nil) == (state.probe == nil) else { throw CheckpointMismatch("the accuracy probe is not the same") }
    try trainer.restore(from: state.trainer)
    try trace.restore(state.trace)
    if let probe, let saved = state.probe { try probe.restore(saved) }
    eta = state.eta
    lastMetaGradient = state.lastMetaGradient.tuple
    lastMetaObjective = state.lastMetaObjective
    lastTraceDirection = state.lastTraceDirection.values
    previousParameters = state.previousParameters.values
    preconditioner = state.preconditioner.values
    hasPrevious = state.hasPrevious
  }
}
