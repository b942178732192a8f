/// Which states share a meta-parameter.
public enum MetaSharing: String, Codable, Sendable, CaseIterable {
  /// One γ and one λ for every state (the paper's control agents).
  case global
  /// γ(s), λ(s) per state (the paper's illustrative prediction example).
  case perState = "per-state"
}

/// Tabular value prediction with meta-learned γ and/or λ: the notes' "meta-gradient
/// for training the value function", where the meta-objective is the training
/// objective evaluated with the fixed reference η̄.
///
/// With a value table θ = v and a trajectory τ, f is the offline λ-return algorithm
/// (Sutton & Barto §12.1): the targets g_η(τ_t) come from the values before the
/// episode and are held constant (semi-gradient), and the table is swept in order,
///
///     v(S_t) ← v(S_t) + α (g_η(τ_t) − v(S_t)),   t = 0 … T−1,
///
/// so f(τ, θ, η) is the total change of the sweep. A state visited at steps
/// t_1 < … < t_k ends at (1−α)^k v(s) + Σ_j α (1−α)^(k−j) g_{t_j}, hence
///
///     ∂f/∂η (s)   = Σ_j α (1−α)^(k−j) ∂g_η(τ_{t_j})/∂η,
///
/// carried as a tangent along the same sweep. (A plain sum of the T increments
/// would overshoot on states visited many times in one episode.)
///     J̄(τ′, θ′, η̄) = ½ Σ_t (g_η̄(τ′_t) − v′(S′_t))²
///     ∂J̄/∂θ′      = −Σ_t (g_η̄(τ′_t) − v′(S′_t)) e_{S′_t}
///     dJ̄/dx       = (∂J̄/∂θ′ · ∂f/∂η) σ′(x)                      (η = σ(x), dθ′/dη ≈ ∂f/∂η)
///
/// and the logits x descend dJ̄/dx with Adam at learning rate β (the meta-gradient of
/// a single episode is very noisy — Monte Carlo targets — and Adam's normalisation
/// keeps the step size β whatever the scale).
///
/// Online cross-validation: τ′, drawn after θ′, drives the meta-update and is then
/// the next inner update's τ; the values are never reset.
public struct TabularMetaPredictor: Sendable {
  /// Learner settings; defaults are given by each experiment.
  public struct Config: Sendable {
    /// α, the per-visit value step size.
    public var alpha: Double
    /// Initial γ and λ.
    public var gamma: Double, lambda: Double
    /// Which meta-parameters are learned.
    public var learnGamma: Bool, learnLambda: Bool
    /// One η for all states, or one per state.
    public var sharing: MetaSharing
    /// β, the meta step size (Adam's learning rate on the logits).
    public var beta: Double
    /// η̄ = (γ̄, λ̄) of the meta-objective; (1, 1) is the Monte Carlo return.
    public var gammaBar: Double, lambdaBar: Double
    /// The approximation of dθ′/dη (the paper: first order).
    public var trace: TraceApproximation = .firstOrder

    public init(
      alpha: Double, gamma: Double, lambda: Double, learnGamma: Bool = false, learnLambda: Bool = false,
      sharing: MetaSharing = .global, beta: Double = 0, gammaBar: Double = 1, lambdaBar: Double = 1,
      trace: TraceApproximation = .firstOrder
    ) {
      self.alpha = alpha; self.gamma = gamma; self.lambda = lambda
      self.learnGamma = learnGamma; self.learnLambda = learnLambda
      self.sharing = sharing; self.beta = beta; self.gammaBar = gammaBar; self.lambdaBar = lambdaBar
      self.trace = trace
    }
  }

  public let config: Config
  /// θ: the value table v(s).
  public internal(set) var values: [Double]
  /// γ per meta-parameter slot (one slot, or one per state).
  public internal(set) var gammas: [SigmoidParameter]
  /// λ per meta-parameter slot.
  public internal(set) var lambdas: [SigmoidParameter]
  /// The traces z ≈ dθ/dγ_k and dθ/dλ_k after the last inner update, `[slot][state]`.
  private var traceGamma: [[Double]] = [], traceLambda: [[Double]] = []
  /// Inner updates since the exact trace was last reset.
  private var updatesSinceReset = 0
  /// Adam over the learned logits, γ slots first, then λ slots.
  private var metaOptimizer: Adam<Double>

  public init(stateCount: Int, config: Config) {
    self.config = config
    values = [Double](repeating: 0, count: stateCount)
    let slots = config.sharing == .global ? 1 : stateCount
    gammas = [SigmoidParameter](repeating: SigmoidParameter(value: config.gamma), count: slots)
    lambdas = [SigmoidParameter](repeating: SigmoidParameter(value: config.lambda), count: slots)
    let learned = (config.learnGamma ? slots : 0) + (config.learnLambda ? slots : 0)
    metaOptimizer = Adam(learningRate: config.beta, parameterCount: learned)
  }

  func slot(_ state: Int) -> Int { config.sharing == .global ? 0 : state }

  /// γ(s) and λ(s) in use (exactly the configured value when not learned, even 1).
  public func gamma(_ state: Int) -> Double { config.learnGamma ? gammas[slot(state)].value : config.gamma }
  public func lambda(_ state: Int) -> Double { config.learnLambda ? lambdas[slot(state)].value : config.lambda }

  /// The values along an episode, with the terminal's 0 appended (T + 1 entries).
  func trajectoryValues(_ episode: Episode) -> [Double] { episode.states.map { values[$0] } + [0] }

  static func ends(_ episode: Episode) -> [StepEnd] {
    [StepEnd](repeating: .continuing, count: episode.length - 1) + [.terminated]
  }

  /// θ ← θ + f(τ, θ, η), remembering ∂f/∂η for the next meta-update.
  public mutating func update(on tau: Episode) {
    let T = tau.length, ends = Self.ends(tau), v = trajectoryValues(tau)
    let gammaT = tau.states.map(gamma), lambdaT = tau.states.map(lambda)
    let zero = [Double](repeating: 0, count: T)
    let g = LambdaReturn.tangent(
      rewards: tau.rewards, ends: ends, values: v, gammas: gammaT, lambdas: lambdaT,
      gammaDot: zero, lambdaDot: zero
    ).returns
    // The sweep's tangent for meta-parameter slot k, one forward pass per slot:
    // started from ż = 0 with v̇ = 0 it is ∂f/∂η_k; started from ż = z (and v̇ = z in
    // the bootstrap values) it is (I + ∂f/∂θ) z + ∂f/∂η_k, the exact recursion.
    var exact = false, mu = 0.0
    switch config.trace {
    case .firstOrder: break
    case .accumulating(let m): mu = m
    case .exact(let horizon):
      exact = true
      if let horizon, updatesSinceReset >= horizon { traceGamma = []; traceLambda = []; updatesSinceReset = 0 }
    case .hybrid, .finiteDifference, .curvature, .diagonal:
      preconditionFailure("the tabular trace implements first order, accumulating and exact (TraceApproximation.isTabular)")
    }
    updatesSinceReset += 1
    func advance(_ traces: [[Double]], learned: Bool, gamma: Bool) -> [[Double]] {
      guard learned else { return [] }
      return (0..<gammas.count).map { k in
        let z = k < traces.count ? traces[k] : [Double](repeating: 0, count: values.count)
        let direction = tau.states.map { slot($0) == k ? 1.0 : 0.0 }
        let dg = LambdaReturn.tangent(
          rewards: tau.rewards, ends: ends, values: v, gammas: gammaT, lambdas: lambdaT,
          gammaDot: gamma ? direction : zero, lambdaDot: gamma ? zero : direction,
          valuesDot: exact ? tau.states.map { z[$0] } + [0] : nil
        ).tangent
        var column = exact ? z : [Double](repeating: 0, count: values.count)
        for t in 0..<T {
          let s = tau.states[t]
          column[s] += config.alpha * (dg[t] - column[s])
        }
        if mu != 0 { for s in column.indices { column[s] += mu * z[s] } }
        return column
      }
    }
    traceGamma = advance(traceGamma, learned: config.learnGamma, gamma: true)
    traceLambda = advance(traceLambda, learned: config.learnLambda, gamma: false)
    for t in 0..<T { values[tau.states[t]] += config.alpha * (g[t] - values[tau.states[t]]) }
  }

  /// ∂J̄(τ′, θ′, η̄)/∂θ′ at the current values (θ′ after ``update(on:)``).
  public func metaObjectiveGradient(on tauPrime: Episode) -> [Double] {
    let T = tauPrime.length, v = trajectoryValues(tauPrime)
    let gBar = LambdaReturn.compute(
      rewards: tauPrime.rewards, ends: Self.ends(tauPrime), values: v,
      gamma: config.gammaBar, lambda: config.lambdaBar, steps: T
    ).returns
    var u = [Double](repeating: 0, count: values.count)
    for t in 0..<T { u[tauPrime.states[t]] -= gBar[t] - v[t] }
    return u
  }

  /// The meta-gradients dJ̄/dx for every learned logit: (∂J̄/∂θ′ · z_k) σ′(x_k),
  /// with z_k = ∂f/∂η_k at first order.
  public func metaGradient(on tauPrime: Episode) -> (gamma: [Double], lambda: [Double]) {
    let u = metaObjectiveGradient(on: tauPrime)
    func dot(_ a: [Double]) -> Double { zip(a, u).reduce(0) { $0 + $1.0 * $1.1 } }
    return (
      zip(traceGamma, gammas).map { dot($0) * $1.derivative },
      zip(traceLambda, lambdas).map { dot($0) * $1.derivative }
    )
  }

  /// One Adam step of the logits down dJ̄/dx on τ′ (call after ``update(on:)``).
  public mutating func metaUpdate(on tauPrime: Episode) {
    let grad = metaGradient(on: tauPrime)
    var logits = grad.gamma.indices.map { gammas[$0].logit } + grad.lambda.indices.map { lambdas[$0].logit }
    metaOptimizer.step(parameters: &logits, direction: (grad.gamma + grad.lambda).map { -$0 })
    for k in grad.gamma.indices { gammas[k].logit = logits[k] }
    for k in grad.lambda.indices { lambdas[k].logit = logits[grad.gamma.count + k] }
  }

  /// One step of online cross-validation: θ′ = θ + f(τ, θ, η), then the meta-update
  /// on τ′. The caller passes τ′ as the next call's τ.
  public mutating func step(tau: Episode, tauPrime: Episode) {
    update(on: tau)
    if config.learnGamma || config.learnLambda { metaUpdate(on: tauPrime) }
  }
}
