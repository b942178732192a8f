import Foundation

/// The meta-gradient agent of Xu, van Hasselt & Silver (2018): A2C whose η = (γ, λ)
/// is learned online by the meta-gradient, with online cross-validation.
///
/// One iteration, after the first:
///
///     τ′ ← collectRollout()                  act with θ′ (the trainer's current θ)
///     u  = ∂J̄(τ′, θ′, η̄)/∂θ′                 ``MetaObjective`` on τ′, one backward pass over the
///                                            acting passes' activations (no forward pass)
///     dJ̄/dη ≈ u · D s ∂f(τ, θ, η)/∂η          ``FirstOrderMetaGradient``: one JVP over τ's cached
///                                            activations at θ along w = D s u
///     x_η ← x_η + Adam_β(dJ̄/dη · σ′(x_η))     ascent on J̄, on the logits of η = σ(x)
///     θ″ = θ′ + Δ(f(τ′, θ′, η_new))          the trainer's inner update on the same τ′
///
/// where D is the optimiser's step derivative with its state held fixed
/// (``StepDerivative``) and s = min(1, clip/‖f‖) the global-norm clip's factor, both
/// from the update that produced θ′. τ′ thus serves the meta-update and then the next
/// inner update: no extra data is collected. dθ′/dη ≈ ∂Δ/∂η is the paper's
/// approximation (the trace ``TraceApproximation/firstOrder``).
///
/// With η-conditioning (``MetaConfig/conditioning``) π and v also read e_η = W_η η
/// (``EtaEmbedding``); u then has a W_η block, and the JVP over τ moves e_η along
/// Ẇ_η η. η itself gets no gradient through e_η: ∂f/∂η flows through g_η only.
///
/// Cost per iteration over A2C: one backward pass over τ′ for u (the forward pass of θ′
/// on τ′ is the one acting filled in, ``A2CTrainer/pendingUpdate``, and serves J̄ and then
/// the inner update), and one JVP over τ (≈ two forward passes) on the cache of τ at θ
/// that ``A2CTrainer/update`` keeps; no allocation in the loop.
public final class MetaGradientAgent<E: Environment> {
  /// The inner learner.
  public let trainer: A2CTrainer<E>
  /// The meta-learning settings.
  public let meta: MetaConfig
  /// η = (γ, λ) = σ(x) and the meta-optimiser.
  public internal(set) var eta: LearnedEta
  /// The latest meta-gradient (dJ̄/dγ, dJ̄/dλ), before the sigmoid's chain rule.
  public internal(set) var lastMetaGradient: (gamma: Double, lambda: Double) = (0, 0)
  /// The latest J̄(τ′, θ′, η̄).
  public internal(set) var lastMetaObjective: Double = 0

  // What the next meta-update needs about τ (internal for the checkpoint extension).
  /// θ, at which τ's update was taken.
  var previousParameters: [Float]
  var previousActions: [Int32]
  /// D, the optimiser's step derivative in that update.
  var stepDerivative: [Float]
  /// s, the clip factor of that update.
  var clipScale: Float = 1
  private var direction: [Float]
  /// u = ∂J̄/∂θ′.
  private let metaObjectiveGradient: MetaObjectiveGradient
  private var logitsTangent: [Float], valuesTangent: [Float]
  /// With conditioning: ė for the JVP.
  private var extraTangent: [Float]
  /// The η of the update that produced θ′ (the JVP's e_η).
  var previousEta: (gamma: Float, lambda: Float) = (0, 0)
  /// The η acting on τ was conditioned on.
  var previousActingEta: (gamma: Float, lambda: Float) = (0, 0)
  var hasPrevious = false

  /// An agent on `config.envs` copies built by `make`, seeded by `rng`.
  public init(config: A2CConfig, meta: MetaConfig, rng: RandomStream, make: (RandomStream) -> E) {
    precondition((try? meta.validate()) != nil, "invalid meta config")
    trainer = A2CTrainer(config: config, rng: rng, embeddingSize: meta.conditioning ? meta.embeddingSize : 0, make: make)
    self.meta = meta
    eta = LearnedEta(meta)
    let (T, N) = (config.steps, config.envs)
    let P = trainer.parameters.count, M = T * N, A = trainer.architecture.actionCount
    let E = trainer.embeddingSize
    metaObjectiveGradient = MetaObjectiveGradient(trainer.architecture, parameterCount: P, steps: T, envs: N)
    extraTangent = [Float](repeating: 0, count: M * E)
    previousParameters = [Float](repeating: 0, count: P)
    previousActions = [Int32](repeating: 0, count: M)
    stepDerivative = [Float](repeating: 0, count: P)
    direction = [Float](repeating: 0, count: P)
    logitsTangent = [Float](repeating: 0, count: M * A)
    valuesTangent = [Float](repeating: 0, count: M)
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

  /// θ′ = θ + Δ(f(τ, θ, η)), remembering what the next meta-update needs about τ.
  @discardableResult
  private func innerUpdate() -> Float {
    previousParameters.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: trainer.parameters, count: $0.count) }
    previousActions.withUnsafeMutableBufferPointer {
      $0.baseAddress!.update(from: trainer.rollout.actions.baseAddress!, count: $0.count)
    }
    previousEta = (Float(currentGamma), Float(currentLambda))
    previousActingEta = trainer.conditioningEta
    let surrogate = trainer.innerUpdate(gamma: previousEta.gamma, lambda: previousEta.lambda)
    stepDerivative.withUnsafeMutableBufferPointer { trainer.optimizer.stepDerivative(into: $0.baseAddress!) }
    let norm = trainer.lastGradientNorm, clip = Float(trainer.config.maxGradientNorm)
    clipScale = norm > clip ? clip / norm : 1
    hasPrevious = true
    return surrogate
  }

  /// η ← η + Adam(dJ̄/dx) from τ′ (the rollout just collected) and τ (the last update's).
  private func metaUpdate() {
    let config = trainer.config, rollout = trainer.rollout
    let (T, N) = (config.steps, config.envs), M = T * N
    let A = trainer.architecture.actionCount, P = trainer.parameters.count
    let netP = trainer.networkParameterCount, E = trainer.embeddingSize
    let acting = trainer.conditioningEta  // the η τ′ was collected (and θ′ conditioned) with
    // τ at θ (the last update's cache) and τ′ at θ′ (filled while acting).
    let update = trainer.update, metaNetwork = trainer.pendingUpdate.network
    // u = ∂J̄/∂θ′ on τ′ at θ′, from the forward pass acting cached.
    let objective = trainer.parameters.withUnsafeBufferPointer { theta in
      metaObjectiveGradient.compute(
        network: metaNetwork, parameters: theta.baseAddress!, rollout: rollout,
        gammaBar: Float(meta.gammaBar), lambdaBar: Float(meta.lambdaBar), conditioningEta: acting)
    }
    direction.withUnsafeMutableBufferPointer { w in
      metaObjectiveGradient.gradient.withUnsafeBufferPointer { u in
        // w = s D u: the direction whose JVP over τ gives u · dθ′/dη.
        for i in 0..<P { w[i] = u[i] * clipScale * stepDerivative[i] }
      }
      // ė = Ẇ_η η on τ's rows.
      if E > 0 {
        extraTangent.withUnsafeMutableBufferPointer {
          EtaEmbedding.fill(weights: w.baseAddress! + netP, size: E, gamma: previousEta.gamma,
                            lambda: previousEta.lambda, rows: M, into: $0.baseAddress!)
        }
      }
    }
    // One JVP over τ's cached activations at θ.
    update.network.jvp(
      parameters: previousParameters, tangent: direction, batch: M,
      logitsTangent: &logitsTangent, valuesTangent: &valuesTangent, extraTangent: E > 0 ? extraTangent : nil)
    let g = previousActions.withUnsafeBufferPointer { actions in
      FirstOrderMetaGradient.combine(
        logitsTangent: logitsTangent, valuesTangent: valuesTangent, policy: update.policy.baseAddress!,
        actions: actions.baseAddress!, dGamma: update.returnsGammaDerivative.baseAddress!,
        dLambda: update.returnsLambdaDerivative.baseAddress!, samples: M, actionCount: A,
        alpha: Float(1), valueCoefficient: Float(config.valueCoefficient))
    }
    lastMetaGradient = (Double(g.gamma), Double(g.lambda))
    lastMetaObjective = Double(objective)
    eta.ascend(lastMetaGradient)
  }

  /// The episodes finished since the last call.
  public func takeEpisodes() -> EpisodeTally { trainer.takeEpisodes() }
}
