extension MetaGradientAgent: CheckpointableAgent {
  /// The meta-gradient agent between two iterations: the trainer's state, η and its
  /// meta-optimiser, and what the next meta-update needs about τ (the latest rollout,
  /// the θ and η of its update, D and s). The cached activations of τ at θ are not
  /// saved: ``restore(from:)`` recomputes them bit for bit by replaying the acting
  /// passes and the update (``A2CTrainer/replayUpdate(theta:actingEta:gamma:lambda:)``).
  public struct State: Codable {
    public var trainer: A2CTrainer<E>.State
    public var eta: LearnedEta
    public var lastMetaGradient: EtaPair<Double>
    public var lastMetaObjective: Double
    /// τ, or nil before the first update.
    public var tau: Rollout.Contents?
    public var previousParameters: PackedFloats
    public var stepDerivative: PackedFloats
    public var clipScale: Float
    /// η of τ's update and of its acting.
    public var previousEta: EtaPair<Float>
    public var previousActingEta: EtaPair<Float>
  }

  public func checkpointState() -> State {
    State(trainer: trainer.checkpointState(), eta: eta, lastMetaGradient: EtaPair(lastMetaGradient),
          lastMetaObjective: lastMetaObjective, tau: hasPrevious ? trainer.rollout.contents : nil,
          previousParameters: PackedFloats(previousParameters), stepDerivative: PackedFloats(stepDerivative), clipScale: clipScale,
          previousEta: EtaPair(previousEta), previousActingEta: EtaPair(previousActingEta))
  }

  public func restore(from state: State) throws {
    try CheckpointMismatch.check("previous parameters", state.previousParameters.values.count, previousParameters.count)
    try CheckpointMismatch.check("step derivative", state.stepDerivative.values.count, stepDerivative.count)
    guard state.eta.meta == meta else { throw CheckpointMismatch("the meta-learning settings differ") }
    try trainer.restore(from: state.trainer)
    eta = state.eta
    lastMetaGradient = state.lastMetaGradient.tuple
    lastMetaObjective = state.lastMetaObjective
    previousParameters = state.previousParameters.values
    stepDerivative = state.stepDerivative.values
    clipScale = state.clipScale
    previousEta = state.previousEta.tuple
    previousActingEta = state.previousActingEta.tuple
    hasPrevious = state.tau != nil
    if let tau = state.tau {
      try trainer.rollout.load(tau, actionCount: trainer.architecture.actionCount)
      previousActions.withUnsafeMutableBufferPointer {
        $0.baseAddress!.update(from: trainer.rollout.actions.baseAddress!, count: $0.count)
      }
      trainer.replayUpdate(theta: previousParameters, actingEta: previousActingEta,
                           gamma: previousEta.gamma, lambda: previousEta.lambda)
    }
  }
}
