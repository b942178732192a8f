import Foundation

/// The outer value function v̄ of Bonnet, Midgley & Laterre (2022), "Debiasing
/// Meta-Gradient Reinforcement Learning by Learning the Outer Value Function"
/// (arXiv:2211.10550).
///
/// The meta-objective's advantage ḡ − v (``MetaObjective``) uses the critic v trained
/// under the inner η, whose values estimate returns with γ, not γ̄: with γ < γ̄ the
/// advantage is that of a shorter horizon, which biases the meta-gradient towards
/// myopic η. The fix is a second head v̄ trained on returns with η̄ and used in J̄ only:
///
///     v̄_φ(s)   = w̄ · x(s) + b̄,      x(s) the heads' input ([torso features; e_η]), φ = (w̄, b̄)
///     ḡ_t      = the λ̄-return with γ̄ on τ, bootstrapped from v̄_φ
///     L̄(φ)     = (b / 2M) Σ_t (ḡ_t − v̄_φ(S_t))²,  ḡ held constant (a semi-gradient, as for v)
///     φ        ← φ + Δ_opt(d),   d = −∂L̄/∂φ = (b/M) Σ_t (ḡ_t − v̄_φ(S_t)) [x(S_t); 1]
///     J̄        = (1/M) Σ_t const(ḡ_t − v̄_φ(S′_t)) log π_θ′(A′_t|S′_t)   on τ′
///
/// with b the value coefficient and the inner optimiser (kind and α) of the agent.
///
/// Here v̄ reads the torso's features through a stop-gradient: it shapes no
/// representation, so θ, the inner update f(τ, θ, η) and every trace of dθ′/dη are
/// exactly those of the agent without it; only J̄'s advantage changes (Bonnet et al.
/// add a head to the critic network and train it alongside the critic; with our shared
/// torso, letting L̄ into the torso would make f, and so dθ′/dη, depend on φ). φ starts
/// at zero (no draw from the run's random stream), and is trained on every rollout τ′
/// right after J̄ has read v̄_φ(τ′): the same rollout serves J̄, then the inner update and
/// v̄'s step. Allocation-free after `init`.
public final class OuterCritic {
  /// φ = (w̄ [F], b̄).
  public private(set) var parameters: [Float]
  /// The optimiser of φ.
  public private(set) var optimizer: TrainingOptimizer
  /// v̄_φ on the latest rollout's (T + 1)·N states, and at the true last states of
  /// truncated episodes (T·N, zero elsewhere): what J̄ reads.
  public private(set) var values: [Float], truncationValues: [Float]
  /// ḡ on the latest rollout, [T·N].
  public private(set) var returns: [Float]
  private var direction: [Float]
  private let features: Int, steps: Int, envs: Int
  private let valueCoefficient: Float

  /// A head on `featureCount` head inputs for rollouts of T × N, trained with `config`'s
  /// optimiser, learning rate and value coefficient.
  public init(featureCount: Int, config: A2CConfig) {
    features = featureCount
    (steps, envs) = (config.steps, config.envs)
    valueCoefficient = Float(config.valueCoefficient)
    parameters = [Float](repeating: 0, count: featureCount + 1)
    optimizer = TrainingOptimizer(config.optimizer, learningRate: Float(config.learningRate), parameterCount: featureCount + 1)
    values = [Float](repeating: 0, count: (steps + 1) * envs)
    truncationValues = [Float](repeating: 0, count: steps * envs)
    returns = [Float](repeating: 0, count: steps * envs)
    direction = [Float](repeating: 0, count: featureCount + 1)
  }

  /// v̄_φ and ḡ (η̄ = (γ̄, λ̄)) on `rollout`, whose heads' inputs `network` caches (its
  /// (T + 1)·N rows), then φ's step on it. ``values``, ``truncationValues`` and
  /// ``returns`` keep what was evaluated before the step.
  public func evaluateAndTrain(network: ActorCritic<Float>, rollout: Rollout, gammaBar: Float, lambdaBar: Float) {
    precondition(network.architecture.headInputCount == features && rollout.featureSize == features,
                 "the outer critic reads \(features) head inputs")
    let (T, N, F) = (steps, envs, features), rows = (T + 1) * N
    precondition(network.batch >= rows, "the network must cache the rollout's (T + 1)·N states")
    let x = network.headInputs.baseAddress!
    parameters.withUnsafeBufferPointer { phi in
      values.withUnsafeMutableBufferPointer { v in
        Self.evaluate(features: x, rows: rows, featureCount: F, parameters: phi.baseAddress!, into: v.baseAddress!)
      }
      truncationValues.withUnsafeMutableBufferPointer { tv in
        for i in 0..<T * N {
          tv[i] = rollout.ends[i] == .truncated
            ? Self.value(rollout.truncationFeatures.baseAddress! + i * F, featureCount: F, parameters: phi.baseAddress!) : 0
        }
      }
    }
    LambdaReturn.compute(
      rewards: rollout.rewards.baseAddress!, ends: rollout.ends.baseAddress!, values: values, truncationValues: truncationValues,
      gamma: gammaBar, lambda: lambdaBar, steps: T, batch: N, returns: &returns, dGamma: nil, dLambda: nil)
    direction.withUnsafeMutableBufferPointer { d in
      Self.direction(features: x, values: values, returns: returns, samples: T * N, featureCount: F,
                     valueCoefficient: valueCoefficient, into: d.baseAddress!)
      parameters.withUnsafeMutableBufferPointer { optimizer.step(parameters: $0.baseAddress!, direction: d.baseAddress!) }
    }
  }

  /// The values J̄'s advantage reads, v̄ on the latest rollout and at its truncated
  /// episodes' last states (``MetaObjectiveGradient/compute(network:parameters:rollout:gammaBar:lambdaBar:conditioningEta:critic:)``'s `critic`).
  public func withCriticValues<R>(_ body: ((values: UnsafePointer<Float>, truncationValues: UnsafePointer<Float>)) -> R) -> R {
    values.withUnsafeBufferPointer { v in
      truncationValues.withUnsafeBufferPointer { tv in body((v.baseAddress!, tv.baseAddress!)) }
    }
  }

  /// v̄_φ(s) = w̄ · x + b̄ of one row.
  @inlinable
  static func value<Scalar: Real>(_ x: UnsafePointer<Scalar>, featureCount F: Int, parameters phi: UnsafePointer<Scalar>) -> Scalar {
    var v = phi[F]
    for k in 0..<F { v += x[k] * phi[k] }
    return v
  }

  /// v̄_φ on `rows` rows of x [rows, F].
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public static func evaluate<Scalar: Real>(features x: UnsafePointer<Scalar>, rows: Int, featureCount F: Int,
                                            parameters phi: UnsafePointer<Scalar>, into v: UnsafeMutablePointer<Scalar>) {
    for i in 0..<rows { v[i] = value(x + i * F, featureCount: F, parameters: phi) }
  }

  /// d = −∂L̄/∂φ = (b/M) Σ_t (ḡ_t − v̄_t) [x_t; 1] over the first M rows.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public static func direction<Scalar: Real>(
    features x: UnsafePointer<Scalar>, values v: UnsafePointer<Scalar>, returns g: UnsafePointer<Scalar>, samples M: Int,
    featureCount F: Int, valueCoefficient b: Scalar, into d: UnsafeMutablePointer<Scalar>
  ) {
    d.update(repeating: .zero, count: F + 1)
    let scale = b / Scalar(Double(M))
    for i in 0..<M {
      let delta = scale * (g[i] - v[i]), row = x + i * F
      for k in 0..<F { d[k] += delta * row[k] }
      d[F] += delta
    }
  }

  // MARK: Checkpoint

  /// φ and its optimiser (v̄'s values are recomputed on the next rollout).
  public struct State: Codable {
    public var parameters: PackedFloats
    public var optimizer: TrainingOptimizer
  }

  public var state: State { State(parameters: PackedFloats(parameters), optimizer: optimizer) }

  public func restore(_ state: State) throws {
    try CheckpointMismatch.check("outer critic parameters", state.parameters.values.count, parameters.count)
    try state.optimizer.validate(parameterCount: parameters.count)
    try StateCheck("outer critic").require(state.parameters.values.allSatisfy(\.isFinite), "non-finite parameters")
    parameters = state.parameters.values
    optimizer = state.optimizer
  }
}
