import Foundation

/// The meta-gradient agent of Xu, van Hasselt & Silver (2018): A2C whose η = (γ, λ)
/// is learned online by the meta-gradient, with online cross-validation, and whose
/// approximation of dθ′/dη is a strategy (``MetaTraceStrategy``).
///
/// One iteration, after the first:
///
///     τ′ ← collectRollout()                  act with θ′ (the trainer's current θ)
///     u  = ∂J̄(τ′, θ′, η̄)/∂θ′                 ``MetaObjectiveGradient`` on τ′, one backward pass over the
///                                            acting passes' activations (no forward pass)
///     dJ̄/dη ≈ u · dθ′/dη                     the trace strategy's meta-gradient
///     x_η ← x_η + Adam_β(dJ̄/dη · σ′(x_η))     ascent on J̄, on the logits of η = σ(x)
///     θ″ = θ′ + Δ(s f(τ′, θ′, η_new))         the trainer's inner update on the same τ′
///     remember τ′, θ′, η_new, s, D            what the trace strategy keeps for the next dθ″/dη
///
/// where D is the optimiser's step derivative with its state held fixed
/// (``StepDerivative``) and s = min(1, clip/‖f‖) the global-norm clip's factor, both
/// of the inner update. τ′ thus serves the meta-update and then the next inner update:
/// no extra data is collected. The strategies:
///
///     first order (the fast path):  dθ′/dη ≈ s D ∂f(τ, θ, η)/∂η, the paper's; u · s D ∂f/∂η is one
///                                   JVP over τ's cached activations along s D u (``FirstOrderMetaTrace``)
///     explicit(a):                  dθ′/dη ≈ z, accumulating z_n = μ z_{n−1} + s D ∂f_n/∂η, exact K-step
///                                   z_n = (I + s D ∂f_n/∂θ) z_{n−1} + s D ∂f_n/∂η, … (``ExplicitMetaTrace``)
///
/// With η-conditioning (``MetaConfig/conditioning``, first order only) π and v also read
/// e_η = W_η η (``EtaEmbedding``); u then has a W_η block. With an outer critic
/// (``MetaConfig/outerCritic``) J̄'s advantage is ḡ − v̄ with v̄ trained on η̄'s returns
/// (``OuterCritic``): right after collecting τ′, v̄ is evaluated on it and takes its step.
///
/// Cost per iteration over A2C: one backward pass over τ′ for u (the forward pass of θ′
/// on τ′ is the one acting filled in, ``A2CTrainer/pendingUpdate``, and serves J̄ and then
/// the inner update), plus the strategy's: on the fast path one JVP over τ (≈ two
/// forward passes) on the cache of τ at θ that ``A2CTrainer/update`` keeps, no allocation
/// in the loop; an explicit trace's ``ExactMetaTrace/advance`` per update.
public final class MetaGradientAgent<E: Environment> {
  /// The inner learner.
  public let trainer: A2CTrainer<E>
  /// The meta-learning settings.
  public let meta: MetaConfig
  /// How dθ′/dη is formed.
  public let strategy: MetaTraceStrategy
  /// η = (γ, λ) = σ(x) and the meta-optimiser.
  public internal(set) var eta: LearnedEta
  /// The latest meta-gradient (dJ̄/dγ, dJ̄/dλ), before the sigmoid's chain rule.
  public internal(set) var lastMetaGradient: (gamma: Double, lambda: Double) = (0, 0)
  /// The latest J̄(τ′, θ′, η̄).
  public internal(set) var lastMetaObjective: Double = 0
  /// Watches updates and meta-updates (shadow traces); never changes training. Explicit
  /// traces only (the observer reads each update's s·D).
  public var observer: (any MetaTraceObserver)? {
    didSet { precondition(observer == nil || explicitTrace != nil, "a trace observer needs an explicit trace") }
  }

  /// u = ∂J̄/∂θ′.
  public let metaObjectiveGradient: MetaObjectiveGradient
  /// v̄, when J̄ uses an outer critic.
  public let outerCritic: OuterCritic?
  /// The strategy's memory of the latest update.
  let trace: any MetaTrace
  /// θ, at which the latest update was taken (internal for the checkpoint extension).
  var previousParameters: [Float]
  var hasPrevious = false

  /// An agent on `config.envs` copies built by `make`, seeded by `rng` (the same streams
  /// under every strategy, so equal seeds give equal θ₀ and environments).
  public init(
    config: A2CConfig, meta: MetaConfig, strategy: MetaTraceStrategy = .firstOrder, rng: RandomStream,
    make: (RandomStream) -> E
  ) {
    precondition((try? meta.validate()) != nil, "invalid meta config")
    if case .explicit = strategy { precondition(!meta.conditioning, "an explicit trace does not support η-conditioning") }
    trainer = A2CTrainer(config: config, rng: rng, conditioning: meta.conditioning ? EtaEmbedding(size: meta.embeddingSize) : nil,
                         keepsTruncationFeatures: meta.outerCritic, make: make)
    outerCritic = meta.outerCritic ? OuterCritic(featureCount: trainer.architecture.headInputCount, config: config) : nil
    self.meta = meta
    self.strategy = strategy
    eta = LearnedEta(meta)
    let (T, N) = (config.steps, config.envs), P = trainer.parameters.count
    metaObjectiveGradient = MetaObjectiveGradient(trainer.architecture, parameterCount: P, steps: T, envs: N,
                                                  conditioning: trainer.conditioning)
    previousParameters = [Float](repeating: 0, count: P)
    switch strategy {
    case .firstOrder: trace = FirstOrderMetaTrace(trainer)
    case .explicit(let approximation): trace = ExplicitMetaTrace(trainer, approximation: approximation)
    }
  }

  /// The approximation of dθ′/dη.
  public var approximation: TraceApproximation { strategy.approximation }
  /// The explicit trace, or nil on the first-order fast path.
  public var explicitTrace: ExplicitMetaTrace? { trace as? ExplicitMetaTrace }

  /// The η in use: the learned value, or the configured one when not learned.
  public var currentGamma: Double { eta.currentGamma }
  public var currentLambda: Double { eta.currentLambda }

  /// One iteration (see the type's documentation). Throws
  /// ``TrainingError/diverged(what:step:)`` when θ, η or the update stop being finite.
  public func iterate() throws {
    trainer.collectRollout()
    outerCritic?.evaluateAndTrain(network: trainer.pendingUpdate.network, rollout: trainer.rollout,
                                  gammaBar: Float(meta.gammaBar), lambdaBar: Float(meta.lambdaBar))
    if hasPrevious { metaUpdate() }
    try eta.checkFinite(step: trainer.totalSteps)
    try trainer.checkFinite(surrogate: innerUpdate())
  }

  /// θ′ = θ + Δ(s f(τ, θ, η)), then the strategy remembers what the next meta-update
  /// needs about it.
  @discardableResult
  private func innerUpdate() -> Float {
    previousParameters.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: trainer.parameters, count: $0.count) }
    let updateEta = (gamma: Float(currentGamma), lambda: Float(currentLambda))
    let actingEta = trainer.conditioningEta  // the η τ was collected with (the update moves it)
    let start = observer == nil ? nil : DispatchTime.now()
    let surrogate = trainer.innerUpdate(gamma: updateEta.gamma, lambda: updateEta.lambda)
    let seconds = start.map { Double(DispatchTime.now().uptimeNanoseconds - $0.uptimeNanoseconds) * 1e-9 } ?? 0
    let norm = trainer.lastGradientNorm, clip = Float(trainer.config.maxGradientNorm)
    let s: Float = norm > clip ? clip / norm : 1
    trace.didUpdate(trainer, parameters: previousParameters, eta: updateEta, actingEta: actingEta, clipScale: s,
                    observer: observer, innerUpdateSeconds: seconds)
    hasPrevious = true
    return surrogate
  }

  /// η ← η + Adam(dJ̄/dx) with dJ̄/dη ≈ u · dθ′/dη, u on τ′ (the rollout just collected).
  private func metaUpdate() {
    // u = ∂J̄/∂θ′ on τ′ at θ′, from the forward pass acting cached (conditioned on the
    // η τ′ was collected with); the advantage's values are v̄'s with an outer critic.
    func metaObjective(critic: (values: UnsafePointer<Float>, truncationValues: UnsafePointer<Float>)?) -> Float {
      trainer.parameters.withUnsafeBufferPointer { theta in
        metaObjectiveGradient.compute(
          network: trainer.pendingUpdate.network, parameters: theta.baseAddress!, rollout: trainer.rollout,
          gammaBar: Float(meta.gammaBar), lambdaBar: Float(meta.lambdaBar), conditioningEta: trainer.conditioningEta,
          critic: critic)
      }
    }
    let objective = outerCritic?.withCriticValues { metaObjective(critic: $0) } ?? metaObjective(critic: nil)
    let g = metaObjectiveGradient.gradient.withUnsafeBufferPointer { u in
      trace.metaGradient(trainer, parameters: previousParameters, u: u.baseAddress!, observer: observer)
    }
    lastMetaGradient = (Double(g.gamma), Double(g.lambda))
    lastMetaObjective = Double(objective)
    eta.ascend(lastMetaGradient)
  }

  /// The episodes finished since the last call.
  public func takeEpisodes() -> EpisodeTally { trainer.takeEpisodes() }
}

extension MetaGradientAgent: ControlAgent {
  public var totalSteps: Int { trainer.totalSteps }
  public var stepsPerRollout: Int { trainer.stepsPerRollout }
}
