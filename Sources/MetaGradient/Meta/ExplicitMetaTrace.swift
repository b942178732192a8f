/// The explicit trace strategy, ``MetaTraceStrategy/explicit(_:)``: z ≈ dθ/dη kept by
/// an ``ExactMetaTrace`` under any ``TraceApproximation``,
///
///     first order:   z_n = s D ∂f_n/∂η                               (the paper)
///     accumulating:  z_n = μ z_{n−1} + s D ∂f_n/∂η
///     exact K-step:  z_n = (I + s D ∂f_n/∂θ) z_{n−1} + s D ∂f_n/∂η,   z ← 0 every K updates
///     hybrid, fd-K, curvature-scaled, diagonal: the cheaper forms of the exact step
///                    (``TraceApproximation``; each recursion in ``ExactMetaTrace``)
///
/// with ∂f_n/∂· at (τ_n, θ_{n−1}, η_n), D the optimiser's step derivative with its
/// state held fixed (``StepDerivative``) and s = min(1, clip/‖f_n‖) the global-norm
/// clip's factor, both of update n — folded into the trace as its preconditioner s·D
/// (so the trace's α is 1). (D's and s's own dependence on θ and η is ignored, as on
/// the first-order fast path.) The meta-gradient is then dJ̄/dη ≈ u · z.
///
/// After every inner update the trace reads the trainer's update (``A2CTrainer/update``:
/// τ's activations at θ, π and ∂g/∂η, its f being the step the trainer took), so z is
/// the derivative of that very step and no A2C update is computed twice (tested
/// against a trace making its own passes).
///
/// Cost per update over A2C: ``ExactMetaTrace/advance`` with the trainer's update as its
/// evaluated one — first order and accumulating: two backward passes; exact: one
/// two-tangent dual-number A2C update (``Dual2``), whose value part is f again: the
/// dual pass stores values and tangents together, so it cannot start from the
/// trainer's Float activations. η-conditioning is not supported (the trace covers the
/// network's parameters only).
/// A ``MetaTraceObserver`` sees every update (θ, τ, η, s·D) and meta-update (u).
public final class ExplicitMetaTrace: MetaTrace {
  /// z ≈ dθ/dη and how it is formed.
  public let trace: ExactMetaTrace<Float>
  /// s·D of the latest update.
  private var preconditioner: [Float]

  /// z = 0 for `trainer`'s rollouts and parameters under `approximation`.
  init<E: Environment>(_ trainer: A2CTrainer<E>, approximation: TraceApproximation) {
    let P = trainer.parameters.count
    trace = ExactMetaTrace(trainer.architecture, steps: trainer.config.steps, envs: trainer.config.envs,
                           approximation: approximation)
    preconditioner = [Float](repeating: 0, count: P)
  }

  /// z ← dθ′/dη under the approximation, from τ (the trainer's rollout), θ and η.
  func didUpdate<E: Environment>(
    _ trainer: A2CTrainer<E>, parameters: [Float], eta: (gamma: Float, lambda: Float),
    actingEta: (gamma: Float, lambda: Float), clipScale s: Float, observer: (any MetaTraceObserver)?,
    innerUpdateSeconds: Double
  ) {
    let config = trainer.config, rollout = trainer.rollout, (g, l) = eta
    preconditioner.withUnsafeMutableBufferPointer { d in
      trainer.optimizer.stepDerivative(into: d.baseAddress!)
      for i in d.indices { d[i] *= s }
    }
    let (b, c) = (Float(config.valueCoefficient), Float(config.entropyCoefficient))
    parameters.withUnsafeBufferPointer { theta in
      preconditioner.withUnsafeBufferPointer { sD in
        trace.advance(
          parameters: theta.baseAddress!, observations: rollout.observations.baseAddress!, extra: nil,
          actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!, ends: rollout.ends.baseAddress!,
          truncationValues: rollout.truncationValues.baseAddress!, gamma: g, lambda: l,
          valueCoefficient: b, entropyCoefficient: c, learningRate: 1, preconditioner: sD.baseAddress!,
          f: nil, evaluated: trainer.update)
        observer?.didUpdate(
          trainer.updateCount, parameters: theta.baseAddress!, rollout: rollout, evaluated: trainer.update, gamma: g, lambda: l,
          valueCoefficient: b, entropyCoefficient: c, preconditioner: sD.baseAddress!, innerUpdateSeconds: innerUpdateSeconds)
      }
    }
  }

  /// u · z.
  func metaGradient<E: Environment>(
    _ trainer: A2CTrainer<E>, parameters: [Float], u: UnsafePointer<Float>, observer: (any MetaTraceObserver)?
  ) -> (gamma: Float, lambda: Float) {
    observer?.willMetaUpdate(after: trainer.updateCount, envSteps: trainer.totalSteps, metaObjectiveGradient: u)
    return trace.metaGradient(u)
  }

  /// What a checkpoint keeps: the approximation, z, and the s·D of the latest update.
  /// The next meta-update reads only z and τ′, so no activations need rebuilding.
  public struct State: Codable {
    public var approximation: TraceApproximation
    public var trace: ExactMetaTrace<Float>.State
    public var preconditioner: PackedFloats
  }

  func checkpointState<E: Environment>(_ trainer: A2CTrainer<E>, hasPrevious: Bool) -> MetaTraceState {
    .explicit(State(approximation: trace.approximation, trace: trace.state, preconditioner: PackedFloats(preconditioner)))
  }

  func restore<E: Environment>(
    _ state: MetaTraceState, trainer: A2CTrainer<E>, parameters: [Float], hasPrevious: Bool
  ) throws {
    guard case .explicit(let state) = state else { throw CheckpointMismatch("the trace strategy differs (not an explicit trace)") }
    guard state.approximation == trace.approximation else {
      throw CheckpointMismatch("the trace approximation differs (\(state.approximation.name), not \(trace.approximation.name))")
    }
    try CheckpointMismatch.check("preconditioner", state.preconditioner.values.count, preconditioner.count)
    try trace.restore(state.trace)
    preconditioner = state.preconditioner.values
  }
}
