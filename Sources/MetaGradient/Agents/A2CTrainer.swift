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
/// Head conditioning (``HeadConditioning``, e.g. the η-embedding of Meta): the network's
/// heads also read x = c(θ_c, η); θ_c is θ's last entries and is trained by the same
/// inner update. Acting uses the η of the latest update (``conditioningEta``); an update
/// uses the η of its own targets (so its forward pass is redone when η changed since
/// acting).
///
/// Randomness: one stream per run, split into `"environments"` (copy i gets
/// `.split(i)` of it), `"parameters"` (θ₀) and `"actions"`, so the same seed and
/// config give the same run.
public final class A2CTrainer<E: Environment> {
  /// The hyper-parameters.
  public let config: A2CConfig
  /// The N environments.
  public internal(set) var environments: VectorEnvironment<E>
  /// The network's shape.
  public let architecture: ActorCriticArchitecture
  /// θ, the flat parameters: the network's, then θ_c when conditioned.
  public internal(set) var parameters: [Float]
  /// What the heads read beside the torso's features, x = c(θ_c, η); nil: nothing.
  public let conditioning: (any HeadConditioning)?
  /// The width of x (0: not conditioned).
  public var extraFeatures: Int { architecture.extraFeatures }
  /// The network's share of θ (θ's first entries).
  public var networkParameterCount: Int { architecture.layout.count }
  /// The η the network is conditioned on while acting: the latest update's.
  public internal(set) var conditioningEta: (gamma: Float, lambda: Float)
  /// The optimiser and its state.
  public internal(set) var optimizer: TrainingOptimizer
  /// The latest rollout τ (filled by ``collectRollout()``).
  public let rollout: Rollout
  /// The A2C update: after ``innerUpdate(gamma:lambda:)`` it holds that update's values,
  /// returns, ∂g/∂γ, ∂g/∂λ, advantages and policy, and its network the activations of
  /// the (T + 1)·N states. ``collectRollout()`` leaves it alone.
  public internal(set) var update: A2CUpdate<Float>
  /// The update the next ``innerUpdate(gamma:lambda:)`` takes: after
  /// ``collectRollout()`` its network caches the forward pass over ``rollout``'s
  /// (T + 1)·N states at the current θ (logits and values of τ at θ, as the meta-objective
  /// needs them). Swapped with ``update`` by ``innerUpdate(gamma:lambda:)``.
  public internal(set) var pendingUpdate: A2CUpdate<Float>
  /// The network (batch N) evaluating v_θ(S⁺) of truncated episodes' true last
  /// states, so it never overwrites the rollout's cache.
  public let bootstrapNetwork: ActorCritic<Float>
  /// f of the latest update, after clipping, [P].
  public internal(set) var direction: [Float]
  /// ‖f‖ of the latest update, before clipping.
  public internal(set) var lastGradientNorm: Float = 0
  /// Inner updates taken.
  public internal(set) var updateCount = 0
  /// Episodes finished since the last ``takeEpisodes()``.
  public internal(set) var episodes = EpisodeTally()

  // Internal (not private) for the checkpoint extension.
  /// ``pendingUpdate``'s network holds the forward pass over ``rollout`` at the current θ.
  var rolloutForwardCached = false
  /// x rows for acting [N, E], for the update [(T+1)·N, E], and the update's
  /// cotangent of x [T·N, E] (empty when not conditioned).
  var actingExtra: [Float], updateExtra: [Float], updateDExtra: [Float]
  var random: RandomStream
  var episodeReturn: [Double]
  var episodeLength: [Int]

  /// A trainer on `config.envs` copies built by `make`, seeded by `rng`; its heads read
  /// `conditioning`'s x when it is given; its rollout keeps the heads' inputs of
  /// truncated episodes' last states when `keepsTruncationFeatures`
  /// (``Rollout/truncationFeatures``).
  public init(config: A2CConfig, rng: RandomStream, conditioning: (any HeadConditioning)? = nil,
              keepsTruncationFeatures: Bool = false, make: (RandomStream) -> E) {
    precondition((try? config.validate()) != nil, "invalid A2C config")
    self.config = config
    var environments = VectorEnvironment(count: config.envs, rng: rng.split("environments"), make: make)
    environments.reset()
    self.environments = environments
    let architecture = config.architecture(observationShape: environments.observationShape,
                                           actionCount: environments.actionCount,
                                           extraFeatures: conditioning?.featureCount ?? 0)
    self.architecture = architecture
    self.conditioning = conditioning
    var parameterStream = rng.split("parameters")
    parameters = architecture.initialParameters(as: Float.self, using: &parameterStream)
    parameters += conditioning?.initialParameters(using: &parameterStream) ?? []
    conditioningEta = (Float(config.gamma), Float(config.lambda))
    optimizer = TrainingOptimizer(config.optimizer, learningRate: Float(config.learningRate),
                                  parameterCount: parameters.count)
    let (T, N, E) = (config.steps, config.envs, architecture.extraFeatures)
    actingExtra = [Float](repeating: 0, count: N * E)
    updateExtra = [Float](repeating: 0, count: (T + 1) * N * E)
    updateDExtra = [Float](repeating: 0, count: T * N * E)
    rollout = Rollout(steps: T, envs: N, observationSize: architecture.observationSize,
                      featureSize: keepsTruncationFeatures ? architecture.headInputCount : 0)
    update = A2CUpdate(network: ActorCritic<Float>(architecture, maxBatch: (T + 1) * N), steps: T, envs: N)
    pendingUpdate = A2CUpdate(network: ActorCritic<Float>(architecture, maxBatch: (T + 1) * N), steps: T, envs: N)
    bootstrapNetwork = ActorCritic<Float>(architecture, maxBatch: N)
    direction = [Float](repeating: 0, count: parameters.count)
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
    let conditioned = conditioning != nil
    fillActingExtra(parameters: parameters, eta: conditioningEta)
    parameters.withUnsafeBufferPointer { theta in
      actingExtra.withUnsafeBufferPointer { extraRows in
        let theta = theta.baseAddress!, extra = conditioned ? extraRows.baseAddress : nil
        for t in 0..<T {
          environments.observations.withUnsafeBufferPointer {
            rollout.observationRows(at: t).update(from: $0.baseAddress!, count: N * size)
          }
          network.forward(parameters: theta, observations: rollout.observationRows(at: t), extra: extra,
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
              bootstrapNetwork.forward(parameters: theta, observations: $0.baseAddress!, extra: extra, batch: N)
            }
            let values = bootstrapNetwork.values, features = bootstrapNetwork.headInputs, F = rollout.featureSize
            for n in 0..<N where rollout.ends[t * N + n] == .truncated {
              rollout.truncationValues[t * N + n] = values[n]
              if F > 0 {
                (rollout.truncationFeatures.baseAddress! + (t * N + n) * F).update(from: features.baseAddress! + n * F, count: F)
              }
            }
          }
        }
        environments.observations.withUnsafeBufferPointer {
          rollout.observationRows(at: T).update(from: $0.baseAddress!, count: N * size)
        }
        network.forward(parameters: theta, observations: rollout.observationRows(at: T), extra: extra,
                        count: N, atRow: T * N)
      }
    }
    rolloutForwardCached = true
  }

  /// x = c(θ_c, η) for acting, from θ's θ_c block (no-op when not conditioned).
  func fillActingExtra(parameters: [Float], eta: (gamma: Float, lambda: Float)) {
    guard let conditioning else { return }
    parameters.withUnsafeBufferPointer { theta in
      actingExtra.withUnsafeMutableBufferPointer {
        conditioning.fill(parameters: theta.baseAddress! + networkParameterCount, eta: eta, rows: config.envs,
                          into: $0.baseAddress!)
      }
    }
  }

  /// The inner update on the latest rollout with η = (γ, λ):
  /// f = f(τ, θ, η) (``A2CUpdate``; with conditioning, also θ_c's block through x),
  /// f ← f · min(1, clip / ‖f‖), θ ← θ + Δ_opt(f).
  /// Returns the surrogate's value before the step. Allocation-free.
  ///
  /// Right after ``collectRollout()`` it reuses the acting passes' activations (no
  /// forward pass) — unless the network is conditioned and η changed since acting;
  /// otherwise it recomputes them. Afterwards ``update`` is the update just taken.
  @discardableResult
  public func innerUpdate(gamma: Float, lambda: Float) -> Float {
    let P = parameters.count
    // Conditioned on a different η than acting used: the cached pass does not apply.
    let forwardDone = rolloutForwardCached && (conditioning == nil || (gamma, lambda) == conditioningEta)
    let surrogate = parameters.withUnsafeMutableBufferPointer { theta in
      let value = computeDirection(parameters: theta.baseAddress!, gamma: gamma, lambda: lambda, forwardDone: forwardDone)
      direction.withUnsafeMutableBufferPointer { f in
        lastGradientNorm = clipByGlobalNorm(f.baseAddress!, count: P, maxNorm: Float(config.maxGradientNorm))
        optimizer.step(parameters: theta.baseAddress!, direction: f.baseAddress!)
      }
      return value
    }
    swap(&update, &pendingUpdate)
    conditioningEta = (gamma, lambda)
    rolloutForwardCached = false
    updateCount += 1
    return surrogate
  }

  /// f(τ, θ, η) on ``rollout`` into ``direction`` (before clipping), computed by
  /// ``pendingUpdate`` (with conditioning, also θ_c's block through x); returns the
  /// surrogate. `forwardDone`: ``pendingUpdate``'s network already holds the forward
  /// pass over the rollout at θ. (Called while ``parameters`` is being mutated: it must
  /// not read it.)
  func computeDirection(parameters theta: UnsafePointer<Float>, gamma: Float, lambda: Float, forwardDone: Bool) -> Float {
    let P = direction.count, netP = networkParameterCount, E = extraFeatures
    let (T, N) = (config.steps, config.envs)
    return direction.withUnsafeMutableBufferPointer { f in
      updateExtra.withUnsafeMutableBufferPointer { extra in
        updateDExtra.withUnsafeMutableBufferPointer { dExtra in
          conditioning?.fill(parameters: theta + netP, eta: (gamma, lambda), rows: (T + 1) * N, into: extra.baseAddress!)
          let value = pendingUpdate.compute(
            parameters: theta, observations: rollout.observations.baseAddress!,
            extra: E > 0 ? extra.baseAddress : nil,
            actions: rollout.actions.baseAddress!, rewards: rollout.rewards.baseAddress!,
            ends: rollout.ends.baseAddress!, truncationValues: rollout.truncationValues.baseAddress!,
            gamma: gamma, lambda: lambda, valueCoefficient: Float(config.valueCoefficient),
            entropyCoefficient: Float(config.entropyCoefficient), into: f.baseAddress!,
            forwardDone: forwardDone, dExtra: E > 0 ? dExtra.baseAddress : nil)
          if let conditioning {
            (f.baseAddress! + netP).update(repeating: 0, count: P - netP)
            conditioning.accumulateGradient(cotangents: dExtra.baseAddress!, rows: T * N, eta: (gamma, lambda),
                                            into: f.baseAddress! + netP)
          }
          return value
        }
      }
    }
  }

  /// One A2C iteration with the config's fixed η: ``collectRollout()`` then
  /// ``innerUpdate(gamma:lambda:)``. Throws ``TrainingError/diverged(what:step:)`` when
  /// the returns, the gradient or θ stop being finite.
  public func iterate() throws {
    collectRollout()
    let surrogate = innerUpdate(gamma: Float(config.gamma), lambda: Float(config.lambda))
    try checkFinite(surrogate: surrogate)
  }

  /// Throws ``TrainingError/diverged(what:step:)`` naming the first non-finite
  /// quantity of the latest update: the surrogate (λ-returns, advantages), ‖f‖, or θ.
  public func checkFinite(surrogate: Float) throws {
    guard surrogate.isFinite else { throw TrainingError.diverged(what: "the λ-returns or advantages (surrogate \(surrogate))", step: totalSteps) }
    guard lastGradientNorm.isFinite else { throw TrainingError.diverged(what: "the gradient f (‖f‖ = \(lastGradientNorm))", step: totalSteps) }
    let sum = parameters.withUnsafeBufferPointer { $0.reduce(0, +) }
    guard sum.isFinite else { throw TrainingError.diverged(what: "the parameters θ", step: totalSteps) }
  }

  /// The episodes finished since the last call; resets the tally.
  public func takeEpisodes() -> EpisodeTally {
    defer { episodes = EpisodeTally() }
    return episodes
  }
}

/// A training run that cannot continue.
public enum TrainingError: Error, CustomStringConvertible, Equatable, Codable {
  /// `what` stopped being finite (NaN/Inf) at environment step `step`.
  case diverged(what: String, step: Int)

  public var description: String {
    switch self {
    case .diverged(let what, let step):
      return "training diverged: NaN/Inf in \(what) at environment step \(step); lower the learning rate"
    }
  }
}
