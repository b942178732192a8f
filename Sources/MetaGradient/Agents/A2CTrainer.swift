/// Synchronous advantage actor-critic (A2C) on a ``VectorEnvironment``: the paper's
/// inner learner θ′ = θ + Δ(f(τ, θ, η)), with η = (γ, λ) passed to each update.
///
/// One iteration is
///
///     τ ← collectRollout()            act with the current θ for T steps in N envs
///     innerUpdate(gamma:lambda:)      f = A2CUpdate(τ, θ, η); clip ‖f‖; θ ← θ + Δ_opt(f)
///
/// kept as two calls so that the meta-gradient agent can compose them: collect τ′ with
/// θ′, meta-update η on τ′ (reading ``rollout``, ``pendingUpdate``'s cached activations
/// of τ′ at θ′ and ``update``'s of τ at θ), then take the inner update on the same τ′.
///
/// Shared forward pass: the acting passes ARE the update's forward pass. Acting at
/// step t evaluates the N states S_t with the θ the update will use, so
/// ``collectRollout()`` writes those activations straight into row block t of
/// ``pendingUpdate``'s network (``ActorCritic/forward(parameters:observations:extra:count:atRow:)``),
/// then evaluates the N bootstrap states S_T; the update runs only its backward pass.
/// Two updates alternate (double buffering), so collecting τ′ never overwrites the
/// cache of τ that ``update`` holds.
///
/// Acting: π_θ(·|S_t) is a softmax over the policy logits; actions are sampled from
/// it with the trainer's own ``RandomStream`` (``SoftmaxPolicy/sample(logits:count:random:)``).
/// A truncated episode's bootstrap value v_θ(S⁺) is computed at collection time, by a
/// forward pass over the vector environment's `finalObservations`, with the same θ the
/// update will use.
///
/// Memory: the rollout buffers, the workspaces (two updates of batch (T + 1)·N and the
/// bootstrap network of batch N), f and the optimiser state are allocated in `init`;
/// the loop allocates nothing. Float32 throughout.
///
/// Randomness: one stream per run, split into `"environments"` (copy i gets
/// `.split(i)` of it), `"parameters"` (θ₀) and `"actions"`, so the same seed and
/// config give the same run.
public final class A2CTrainer<E: Environment> {
  /// The hyper-parameters.
  public let config: A2CConfig
  /// The N environments.
  public private(set) var environments: VectorEnvironment<E>
  /// The network's shape.
  public let architecture: ActorCriticArchitecture
  /// θ, the flat parameters.
  public private(set) var parameters: [Float]
  /// The optimiser and its state.
  public private(set) var optimizer: TrainingOptimizer
  /// The latest rollout τ (filled by ``collectRollout()``).
  public let rollout: Rollout
  /// The A2C update: after ``innerUpdate(gamma:lambda:)`` it holds that update's values,
  /// returns, ∂g/∂γ, ∂g/∂λ, advantages and policy, and its network the activations of
  /// the (T + 1)·N states. ``collectRollout()`` leaves it alone.
  public private(set) var update: A2CUpdate<Float>
  /// The update the next ``innerUpdate(gamma:lambda:)`` takes: after
  /// ``collectRollout()`` its network caches the forward pass over ``rollout``'s
  /// (T + 1)·N states at the current θ (logits and values of τ at θ, as the meta-objective
  /// needs them). Swapped with ``update`` by ``innerUpdate(gamma:lambda:)``.
  public private(set) var pendingUpdate: A2CUpdate<Float>
  /// The network (batch N) evaluating v_θ(S⁺) of truncated episodes' true last
  /// states, so it never overwrites the rollout's cache.
  public let bootstrapNetwork: ActorCritic<Float>
  /// f of the latest update, after clipping, [P].
  public private(set) var direction: [Float]
  /// ‖f‖ of the latest update, before clipping.
  public private(set) var lastGradientNorm: Float = 0
  /// Inner updates taken.
  public private(set) var updateCount = 0
  /// Episodes finished since the last ``takeEpisodes()``.
  public private(set) var episodes = EpisodeTally()

  /// ``pendingUpdate``'s network holds the forward pass over ``rollout`` at the current θ.
  private var rolloutForwardCached = false
  private var random: RandomStream
  private var episodeReturn: [Double]
  private var episodeLength: [Int]

  /// A trainer on `config.envs` copies built by `make`, seeded by `rng`.
  public init(config: A2CConfig, rng: RandomStream, make: (RandomStream) -> E) {
    precondition((try? config.validate()) != nil, "invalid A2C config")
    self.config = config
    var environments = VectorEnvironment(count: config.envs, rng: rng.split("environments"), make: make)
    environments.reset()
    self.environments = environments
    let architecture = config.architecture(observationShape: environments.observationShape,
                                           actionCount: environments.actionCount)
    self.architecture = architecture
    var parameterStream = rng.split("parameters")
    parameters = architecture.initialParameters(as: Float.self, using: &parameterStream)
    optimizer = TrainingOptimizer(config.optimizer, learningRate: Float(config.learningRate),
                                  parameterCount: architecture.layout.count)
    let (T, N) = (config.steps, config.envs)
    rollout = Rollout(steps: T, envs: N, observationSize: architecture.observationSize)
    update = A2CUpdate(network: ActorCritic<Float>(architecture, maxBatch: (T + 1) * N), steps: T, envs: N)
    pendingUpdate = A2CUpdate(network: ActorCritic<Float>(architecture, maxBatch: (T + 1) * N), steps: T, envs: N)
    bootstrapNetwork = ActorCritic<Float>(architecture, maxBatch: N)
    direction = [Float](repeating: 0, count: architecture.layout.count)
    random = rng.split("actions")
    episodeReturn = [Double](repeating: 0, count: N)
    episodeLength = [Int](repeating: 0, count: N)
  }

  /// Whether the update reuses the acting passes' activations (its forward pass then
  /// covers only the N bootstrap states); read by the benchmark's FLOP count.
  public static var sharesActingForward: Bool { true }

  /// Environment steps taken, summed over the N copies.
  public var totalSteps: Int { environments.totalSteps }
  /// Environment steps per iteration, T·N.
  public var stepsPerRollout: Int { config.steps * config.envs }

  /// Acts T steps in every environment with the current θ and fills ``rollout``;
  /// finished episodes are added to ``episodes``. The acting passes and one pass over
  /// the bootstrap states fill ``pendingUpdate``'s forward cache. Allocation-free.
  public func collectRollout() {
    let (T, N, A) = (config.steps, config.envs, architecture.actionCount)
    let size = architecture.observationSize
    let network = pendingUpdate.network
    parameters.withUnsafeBufferPointer { theta in
      let theta = theta.baseAddress!
      for t in 0..<T {
        environments.observations.withUnsafeBufferPointer {
          rollout.observationRows(at: t).update(from: $0.baseAddress!, count: N * size)
        }
        network.forward(parameters: theta, observations: rollout.observationRows(at: t), extra: nil,
                        count: N, atRow: t * N)
        let logits = network.logits.baseAddress! + t * N * A
        let actions = rollout.actions.baseAddress! + t * N
        for n in 0..<N {
          actions[n] = SoftmaxPolicy.sample(logits: logits + n * A, count: A, random: &random)
        }
        environments.step(actions: UnsafeBufferPointer(start: actions, count: N))
        var anyTruncated = false
        for n in 0..<N {
          let i = t * N + n
          let reward = environments.rewards[n]
          rollout.rewards[i] = reward
          let end: StepEnd = environments.terminated[n] ? .terminated : (environments.truncated[n] ? .truncated : .continuing)
          rollout.ends[i] = end
          rollout.truncationValues[i] = 0
          anyTruncated = anyTruncated || end == .truncated
          episodeReturn[n] += Double(reward)
          episodeLength[n] += 1
          if end != .continuing {
            episodes.add(episodeReturn: episodeReturn[n], length: episodeLength[n])
            episodeReturn[n] = 0
            episodeLength[n] = 0
          }
        }
        if anyTruncated {
          // v_θ(S⁺) of the true last states; rows of copies that did not end are ignored.
          environments.finalObservations.withUnsafeBufferPointer {
            bootstrapNetwork.forward(parameters: theta, observations: $0.baseAddress!, extra: nil, batch: N)
          }
          let values = bootstrapNetwork.values
          for n in 0..<N where rollout.ends[t * N + n] == .truncated {
            rollout.truncationValues[t * N + n] = values[n]
          }
        }
      }
      environments.observations.withUnsafeBufferPointer {
        rollout.observationRows(at: T).update(from: $0.baseAddress!, count: N * size)
      }
      network.forward(parameters: theta, observations: rollout.observationRows(at: T), extra: nil,
                      count: N, atRow: T * N)
    }
    rolloutForwardCached = true
  }

  /// The inner update on the latest rollout with η = (γ, λ):
  /// f = f(τ, θ, η) (``A2CUpdate``), f ← f · min(1, clip / ‖f‖), θ ← θ + Δ_opt(f).
  /// Returns the surrogate's value before the step. Allocation-free.
  ///
  /// Right after ``collectRollout()`` it reuses the acting passes' activations (no
  /// forward pass); called again without a new rollout it recomputes them. Afterwards
  /// ``update`` is the update just taken.
  @discardableResult
  public func innerUpdate(gamma: Float, lambda: Float) -> Float {
    let P = architecture.layout.count
    let surrogate = parameters.withUnsafeMutableBufferPointer { theta in
      direction.withUnsafeMutableBufferPointer { f in
        let value = pendingUpdate.compute(
          parameters: theta.baseAddress!, observations: rollout.observations.baseAddress!, extra: nil,
          actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!,
          ends: rollout.ends.baseAddress!, truncationValues: rollout.truncationValues.baseAddress!,
          gamma: gamma, lambda: lambda, valueCoefficient: Float(config.valueCoefficient),
          entropyCoefficient: Float(config.entropyCoefficient), into: f.baseAddress!,
          forwardDone: rolloutForwardCached)
        lastGradientNorm = clipByGlobalNorm(f.baseAddress!, count: P, maxNorm: Float(config.maxGradientNorm))
        optimizer.step(parameters: theta.baseAddress!, direction: f.baseAddress!)
        return value
      }
    }
    swap(&update, &pendingUpdate)
    rolloutForwardCached = false
    updateCount += 1
    return surrogate
  }

  /// One A2C iteration with the config's fixed η: ``collectRollout()`` then
  /// ``innerUpdate(gamma:lambda:)``. Throws ``TrainingError/diverged(step:)`` when θ or
  /// the surrogate stops being finite.
  public func iterate() throws {
    collectRollout()
    let surrogate = innerUpdate(gamma: Float(config.gamma), lambda: Float(config.lambda))
    guard surrogate.isFinite, lastGradientNorm.isFinite else { throw TrainingError.diverged(step: totalSteps) }
  }

  /// The episodes finished since the last call; resets the tally.
  public func takeEpisodes() -> EpisodeTally {
    defer { episodes = EpisodeTally() }
    return episodes
  }
}

/// A training run that cannot continue.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
  /// The parameters or the update stopped being finite (NaN/Inf).
  case diverged(step: Int)

  public var description: String {
    switch self {
    case .diverged(let step):
      return "training diverged (NaN/Inf in the update) at environment step \(step); lower the learning rate"
    }
  }
}
