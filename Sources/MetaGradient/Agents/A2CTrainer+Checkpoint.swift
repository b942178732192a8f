extension A2CTrainer: CheckpointableAgent {
  /// The trainer between two iterations: θ, the optimiser, the N environments
  /// mid-episode, the action stream, the episode bookkeeping, the η acting is conditioned
  /// on, and the latest update's f and ‖f‖. The forward caches are not saved: the next
  /// iteration recomputes them (``MetaGradientAgent``'s first-order fast path,
  /// ``FirstOrderMetaTrace``, rebuilds the one it reads).
  public struct State: Codable {
    public var parameters: PackedFloats
    public var optimizer: TrainingOptimizer
    public var environments: VectorEnvironment<E>
    public var random: RandomStream
    public var episodes: EpisodeTally
    public var episodeReturn: [Double]
    public var episodeLength: [Int]
    public var conditioningEta: EtaPair<Float>
    public var updateCount: Int
    public var direction: PackedFloats
    public var lastGradientNorm: Float
  }

  public func checkpointState() -> State {
    State(parameters: PackedFloats(parameters), optimizer: optimizer, environments: environments, random: random, episodes: episodes,
          episodeReturn: episodeReturn, episodeLength: episodeLength,
          conditioningEta: EtaPair(conditioningEta), updateCount: updateCount,
          direction: PackedFloats(direction), lastGradientNorm: lastGradientNorm)
  }

  public func restore(from state: State) throws {
    try CheckpointMismatch.check("parameter count", state.parameters.values.count, parameters.count)
    try state.optimizer.validate(parameterCount: parameters.count)
    try CheckpointMismatch.check("direction size", state.direction.values.count, parameters.count)
    try CheckpointMismatch.check("environment copies", state.environments.count, config.envs)
    try CheckpointMismatch.check("observation size", state.environments.observationSize, architecture.observationSize)
    try CheckpointMismatch.check("episode bookkeeping", state.episodeReturn.count, config.envs)
    try CheckpointMismatch.check("episode bookkeeping", state.episodeLength.count, config.envs)
    try CheckpointMismatch.check("actions", state.environments.actionCount, architecture.actionCount)
    try state.environments.validate()
    parameters = state.parameters.values
    optimizer = state.optimizer
    environments = state.environments
    random = state.random
    episodes = state.episodes
    episodeReturn = state.episodeReturn
    episodeLength = state.episodeLength
    conditioningEta = state.conditioningEta.tuple
    updateCount = state.updateCount
    direction = state.direction.values
    lastGradientNorm = state.lastGradientNorm
    rolloutForwardCached = false
  }

  /// Makes ``update`` the update taken at θ = `theta` with η = (`gamma`, `lambda`) on
  /// ``rollout`` as it was collected, acting conditioned on `actingEta` — bit for bit:
  /// the acting passes are replayed as ``collectRollout()`` made them (the same row
  /// blocks, so the same BLAS calls), then the update's backward pass. θ, the optimiser
  /// and ``direction`` are left as they are. For restoring ``MetaGradientAgent`` on its
  /// first-order fast path (``FirstOrderMetaTrace``), whose meta-update reads that
  /// update's cached activations.
  func replayUpdate(theta: [Float], actingEta: (gamma: Float, lambda: Float), gamma: Float, lambda: Float) {
    let (T, N) = (config.steps, config.envs)
    let network = pendingUpdate.network
    let savedDirection = direction
    fillActingExtra(parameters: theta, eta: actingEta)
    theta.withUnsafeBufferPointer { theta in
      actingExtra.withUnsafeBufferPointer { extraRows in
        let extra = conditioning != nil ? extraRows.baseAddress : nil
        for t in 0...T {
          network.forward(parameters: theta.baseAddress!, observations: rollout.observationRows(at: t), extra: extra,
                          count: N, atRow: t * N)
        }
      }
      let forwardDone = conditioning == nil || (gamma, lambda) == actingEta
      _ = computeDirection(parameters: theta.baseAddress!, gamma: gamma, lambda: lambda, forwardDone: forwardDone)
    }
    swap(&update, &pendingUpdate)
    direction = savedDirection
  }
}
