extension MetaGradientAgent: CheckpointableAgent {
  /// The meta-gradient agent between two iterations, under any trace strategy: the
  /// trainer's state, η and its meta-optimiser, the θ of the latest update, the trace
  /// strategy's memory of that update (``MetaTraceState``: on the first-order fast path
  /// τ, D, s and the update's η, from which ``restore(from:)`` rebuilds τ's cached
  /// activations bit for bit; with an explicit trace z, s·D and f), and the accuracy
  /// probe's shadow traces and measurements when a ``TraceAccuracyProbe`` observes it,
  /// and the outer critic's φ and optimiser when there is one.
  public struct State: Codable {
    public var trainer: A2CTrainer<E>.State
    public var eta: LearnedEta
    public var lastMetaGradient: EtaPair<Double>
    public var lastMetaObjective: Double
    /// Whether an update has been taken (the next iteration then meta-updates).
    public var hasPrevious: Bool
    /// θ, at which the latest update was taken.
    public var previousParameters: PackedFloats
    public var trace: MetaTraceState
    public var probe: TraceAccuracyProbe.State?
    /// v̄'s parameters and optimiser, with an outer critic.
    public var outerCritic: OuterCritic.State?
  }

  public func checkpointState() -> State {
    State(trainer: trainer.checkpointState(), eta: eta, lastMetaGradient: EtaPair(lastMetaGradient),
          lastMetaObjective: lastMetaObjective, hasPrevious: hasPrevious, previousParameters: PackedFloats(previousParameters),
          trace: trace.checkpointState(trainer, hasPrevious: hasPrevious), probe: (observer as? TraceAccuracyProbe)?.state,
          outerCritic: outerCritic?.state)
  }

  public func restore(from state: State) throws {
    try CheckpointMismatch.check("previous parameters", state.previousParameters.values.count, previousParameters.count)
    guard state.eta.meta == meta else { throw CheckpointMismatch("the meta-learning settings differ") }
    let probe = observer as? TraceAccuracyProbe
    guard (probe == nil) == (state.probe == nil) else { throw CheckpointMismatch("the accuracy probe is not the same") }
    guard (outerCritic == nil) == (state.outerCritic == nil) else { throw CheckpointMismatch("the outer critic is not the same") }
    try trainer.restore(from: state.trainer)
    try trace.restore(state.trace, trainer: trainer, parameters: state.previousParameters.values, hasPrevious: state.hasPrevious)
    if let probe, let saved = state.probe { try probe.restore(saved) }
    if let outerCritic, let saved = state.outerCritic { try outerCritic.restore(saved) }
    eta = state.eta
    lastMetaGradient = state.lastMetaGradient.tuple
    lastMetaObjective = state.lastMetaObjective
    previousParameters = state.previousParameters.values
    hasPrevious = state.hasPrevious
  }
}
