/// The first-order trace strategy, ``MetaTraceStrategy/firstOrder``: the fast path of
/// ``MetaGradientAgent`` (Xu et al. 2018), dθ′/dη ≈ s D ∂f(τ, θ, η)/∂η never formed:
///
///     dJ̄/dη ≈ u · s D ∂f(τ, θ, η)/∂η     ``FirstOrderMetaGradient``: one JVP over τ's cached
///                                       activations at θ along w = s D u
///
/// where D is the optimiser's step derivative with its state held fixed
/// (``StepDerivative``) and s = min(1, clip/‖f‖) the global-norm clip's factor, both
/// from the update that produced θ′, and τ's activations at θ are the cache that
/// ``A2CTrainer/update`` keeps of that update: no pass is added at the inner update,
/// one JVP (≈ two forward passes) at the meta-update, no allocation in the loop.
///
/// With η-conditioning (``MetaConfig/conditioning``) π and v also read e_η = W_η η
/// (``EtaEmbedding``); u then has a W_η block, and the JVP over τ moves e_η along
/// Ẇ_η η. η itself gets no gradient through e_η: ∂f/∂η flows through g_η only.
///
/// What it keeps of the latest update: τ's actions, D, s, and the η of the update and
/// of its acting. A checkpoint also keeps τ itself: the cached activations are not
/// saved, ``restore(_:trainer:parameters:hasPrevious:)`` recomputes them bit for bit
/// by replaying the acting passes and the update
/// (``A2CTrainer/replayUpdate(theta:actingEta:gamma:lambda:)``).
public final class FirstOrderMetaTrace: MetaTrace {
  var previousActions: [Int32]
  /// D, the optimiser's step derivative in the latest update.
  var stepDerivative: [Float]
  /// s, the clip factor of that update.
  var clipScale: Float = 1
  /// The η of that update (the JVP's e_η).
  var previousEta: (gamma: Float, lambda: Float) = (0, 0)
  /// The η τ was collected (acting conditioned) with.
  var previousActingEta: (gamma: Float, lambda: Float) = (0, 0)
  /// w = s D u.
  private var direction: [Float]
  private var logitsTangent: [Float], valuesTangent: [Float]
  /// With conditioning: ė for the JVP.
  private var extraTangent: [Float]

  /// The workspace for `trainer`'s rollouts and parameters.
  init<E: Environment>(_ trainer: A2CTrainer<E>) {
    let (T, N) = (trainer.config.steps, trainer.config.envs)
    let P = trainer.parameters.count, M = T * N, A = trainer.architecture.actionCount
    extraTangent = [Float](repeating: 0, count: M * trainer.extraFeatures)
    previousActions = [Int32](repeating: 0, count: M)
    stepDerivative = [Float](repeating: 0, count: P)
    direction = [Float](repeating: 0, count: P)
    logitsTangent = [Float](repeating: 0, count: M * A)
    valuesTangent = [Float](repeating: 0, count: M)
  }

  func didUpdate<E: Environment>(
    _ trainer: A2CTrainer<E>, parameters: [Float], eta: (gamma: Float, lambda: Float),
    actingEta: (gamma: Float, lambda: Float), clipScale: Float, observer: (any MetaTraceObserver)?,
    innerUpdateSeconds: Double
  ) {
    previousActions.withUnsafeMutableBufferPointer {
      $0.baseAddress!.update(from: trainer.rollout.actions.baseAddress!, count: $0.count)
    }
    previousEta = eta
    previousActingEta = actingEta
    stepDerivative.withUnsafeMutableBufferPointer { trainer.optimizer.stepDerivative(into: $0.baseAddress!) }
    self.clipScale = clipScale
  }

  func metaGradient<E: Environment>(
    _ trainer: A2CTrainer<E>, parameters: [Float], u: UnsafePointer<Float>, observer: (any MetaTraceObserver)?
  ) -> (gamma: Float, lambda: Float) {
    let config = trainer.config
    let M = config.steps * config.envs, A = trainer.architecture.actionCount, P = trainer.parameters.count
    let netP = trainer.networkParameterCount, E = trainer.extraFeatures
    let update = trainer.update  // τ at θ, the latest update's cache
    direction.withUnsafeMutableBufferPointer { w in
      // w = s D u: the direction whose JVP over τ gives u · dθ′/dη.
      for i in 0..<P { w[i] = u[i] * clipScale * stepDerivative[i] }
      // ė = Ẇ_η η on τ's rows (the embedding is linear in W_η).
      if let conditioning = trainer.conditioning {
        extraTangent.withUnsafeMutableBufferPointer {
          conditioning.fill(parameters: w.baseAddress! + netP, eta: previousEta, rows: M, into: $0.baseAddress!)
        }
      }
    }
    // One JVP over τ's cached activations at θ.
    update.network.jvp(
      parameters: parameters, tangent: direction, batch: M,
      logitsTangent: &logitsTangent, valuesTangent: &valuesTangent, extraTangent: E > 0 ? extraTangent : nil)
    return previousActions.withUnsafeBufferPointer { actions in
      FirstOrderMetaGradient.combine(
        logitsTangent: logitsTangent, valuesTangent: valuesTangent, policy: update.policy.baseAddress!,
        actions: actions.baseAddress!, dGamma: update.returnsGammaDerivative.baseAddress!,
        dLambda: update.returnsLambdaDerivative.baseAddress!, samples: M, actionCount: A,
        alpha: Float(1), valueCoefficient: Float(config.valueCoefficient))
    }
  }

  /// What a checkpoint keeps: τ (nil before the first update), D, s and the η of τ's
  /// update and of its acting.
  public struct State: Codable {
    public var tau: Rollout.Contents?
    public var stepDerivative: PackedFloats
    public var clipScale: Float
    public var previousEta: EtaPair<Float>
    public var previousActingEta: EtaPair<Float>
  }

  func checkpointState<E: Environment>(_ trainer: A2CTrainer<E>, hasPrevious: Bool) -> MetaTraceState {
    .firstOrder(State(tau: hasPrevious ? trainer.rollout.contents : nil, stepDerivative: PackedFloats(stepDerivative),
                      clipScale: clipScale, previousEta: EtaPair(previousEta), previousActingEta: EtaPair(previousActingEta)))
  }

  func restore<E: Environment>(
    _ state: MetaTraceState, trainer: A2CTrainer<E>, parameters: [Float], hasPrevious: Bool
  ) throws {
    guard case .firstOrder(let state) = state else { throw CheckpointMismatch("the trace strategy differs (not first order)") }
    try CheckpointMismatch.check("step derivative", state.stepDerivative.values.count, stepDerivative.count)
    guard (state.tau != nil) == hasPrevious else { throw CheckpointMismatch("τ is saved if and only if an update was taken") }
    stepDerivative = state.stepDerivative.values
    clipScale = state.clipScale
    previousEta = state.previousEta.tuple
    previousActingEta = state.previousActingEta.tuple
    if let tau = state.tau {
      try trainer.rollout.load(tau, actionCount: trainer.architecture.actionCount)
      previousActions.withUnsafeMutableBufferPointer {
        $0.baseAddress!.update(from: trainer.rollout.actions.baseAddress!, count: $0.count)
      }
      trainer.replayUpdate(theta: parameters, actingEta: previousActingEta,
                           gamma: previousEta.gamma, lambda: previousEta.lambda)
    }
  }
}
