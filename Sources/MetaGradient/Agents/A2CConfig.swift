/// The hyper-parameters of the A2C agent (the paper's IMPALA-style actor-critic,
/// synchronous), one set per environment; `Codable` so a run can record it.
///
/// The inner update is θ ← θ + Δ_opt(clip(f(τ, θ, η))) with f the A2C direction of
/// ``A2CUpdate`` (paper eq. 9), η = (γ, λ) fixed for the baseline.
///
/// Defaults per environment come from ``defaults(for:)``; each property states its
/// symbol and where its value comes from.
public struct A2CConfig: Codable, Sendable, Hashable {
  /// The network's torso; the heads are always linear.
  public enum Network: Codable, Sendable, Hashable {
    /// Fully connected tanh layers of these widths (CartPole, Catch: 64×64, CleanRL's
    /// `ppo.py`/`a2c` agents for classic control).
    case mlp(hidden: [Int])
    /// MinAtar's torso: Conv 16@3×3 VALID + ReLU, Dense 128 + ReLU (``Torso/minAtar(channels:)``).
    case minAtarConv
  }

  /// γ, the discount in η = (γ, λ) (paper's Atari baseline: 0.99).
  public var gamma: Double
  /// λ, the bootstrapping parameter in η (paper's Atari baseline: 1, IMPALA's V-trace
  /// with λ = 1).
  public var lambda: Double
  /// The optimiser of the inner update.
  public var optimizer: OptimizerKind
  /// α, the learning rate.
  public var learningRate: Double
  /// b, the weight of the value term (paper / IMPALA `baseline_cost`: 0.5).
  public var valueCoefficient: Double
  /// c, the weight of the entropy bonus (paper / IMPALA `entropy_cost`: 0.01).
  public var entropyCoefficient: Double
  /// The global-norm clip applied to f before the optimiser (IMPALA: 40).
  public var maxGradientNorm: Double
  /// N, environments stepped together (default 16, the choice).
  public var envs: Int
  /// T, steps per rollout (IMPALA's unroll length 20, the paper's).
  public var steps: Int
  /// The torso.
  public var network: Network

  public init(
    gamma: Double = 0.99, lambda: Double = 1, optimizer: OptimizerKind = .adam,
    learningRate: Double = 1e-3, valueCoefficient: Double = 0.5, entropyCoefficient: Double = 0.01,
    maxGradientNorm: Double = 40, envs: Int = 16, steps: Int = 20, network: Network = .mlp(hidden: [64, 64])
  ) {
    self.gamma = gamma
    self.lambda = lambda
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.valueCoefficient = valueCoefficient
    self.entropyCoefficient = entropyCoefficient
    self.maxGradientNorm = maxGradientNorm
    self.envs = envs
    self.steps = steps
    self.network = network
  }

  /// The tuned defaults for `id`, measured in this repository (release build, 5 seeds,
  /// the baseline grid; see `experiments/baseline` for the runs behind them):
  ///
  /// - CartPole: RMSProp (the paper's IMPALA optimiser, TF1 settings) with α = 3e-3,
  ///   tuned over {3e-4, 1e-3, 3e-3, 1e-2} × {RMSProp, Adam}: the last 10% of 1M steps
  ///   average ≈ 496–500 at γ = 0.99 (Adam at 3e-3: 456–500). MLP 64×64 tanh.
  /// - Catch: Adam with α = 3e-3 (tuned; TF-style RMSProp's ε = 0.1 inside the root
  ///   swamps Catch's small gradients and it does not learn in 200k steps). MLP 64×64 tanh.
  /// - MinAtar: Adam with α = 3e-3, tuned over {3e-4, 1e-3, 3e-3} × {Adam, TF-style
  ///   RMSProp} at 0.5–1M steps, one seed per game: 3e-3 was best on Breakout, Asterix,
  ///   Seaquest and Freeway (≈ 2× the return of 1e-3 on the last three), about level on
  ///   Space Invaders; TF-style RMSProp barely learns. MinAtar conv torso.
  ///
  /// Everywhere: b = 0.5 and c = 0.01 (the paper's IMPALA agent), clip 40 (IMPALA),
  /// N = 16, T = 20 (the paper's unroll), γ = 0.99, λ = 1 (the baseline grid overrides η).
  public static func defaults(for id: EnvironmentID) -> A2CConfig {
    switch id {
    case .cartpole:
      return A2CConfig(optimizer: .rmsProp, learningRate: 3e-3, network: .mlp(hidden: [64, 64]))
    case .catch:
      return A2CConfig(optimizer: .adam, learningRate: 3e-3, network: .mlp(hidden: [64, 64]))
    case .breakout, .spaceInvaders, .freeway, .asterix, .seaquest:
      return A2CConfig(optimizer: .adam, learningRate: 3e-3, network: .minAtarConv)
    }
  }

  /// The architecture for an environment with this observation shape and action count.
  public func architecture(observationShape: [Int], actionCount: Int, extraFeatures: Int = 0) -> ActorCriticArchitecture {
    let size = observationShape.reduce(1, *)
    switch network {
    case .mlp(let hidden):
      return ActorCriticArchitecture(observationSize: size, actionCount: actionCount,
                                     torso: .mlp(hidden: hidden), extraFeatures: extraFeatures)
    case .minAtarConv:
      precondition(observationShape.count == 3, "the MinAtar torso needs a rows × columns × channels observation")
      return ActorCriticArchitecture(observationSize: size, actionCount: actionCount,
                                     torso: .conv(height: observationShape[0], width: observationShape[1],
                                                  channels: observationShape[2], filters: 16, kernel: 3, hidden: 128),
                                     extraFeatures: extraFeatures)
    }
  }

  /// Checks every value; throws ``ConfigError`` naming the first bad one.
  public func validate() throws {
    guard (0...1).contains(gamma) else { throw ConfigError(name: "gamma", value: "\(gamma)", allowed: "[0, 1]") }
    guard (0...1).contains(lambda) else { throw ConfigError(name: "lambda", value: "\(lambda)", allowed: "[0, 1]") }
    guard learningRate > 0, learningRate.isFinite else {
      throw ConfigError(name: "learning rate", value: "\(learningRate)", allowed: "a positive number")
    }
    guard valueCoefficient >= 0, valueCoefficient.isFinite else {
      throw ConfigError(name: "value coefficient", value: "\(valueCoefficient)", allowed: "a number ≥ 0")
    }
    guard entropyCoefficient >= 0, entropyCoefficient.isFinite else {
      throw ConfigError(name: "entropy coefficient", value: "\(entropyCoefficient)", allowed: "a number ≥ 0")
    }
    guard maxGradientNorm > 0 else {
      throw ConfigError(name: "max gradient norm", value: "\(maxGradientNorm)", allowed: "a positive number")
    }
    guard envs > 0 else { throw ConfigError(name: "envs", value: "\(envs)", allowed: "a positive integer") }
    guard steps > 0 else { throw ConfigError(name: "steps", value: "\(steps)", allowed: "a positive integer") }
    if case .mlp(let hidden) = network, !hidden.allSatisfy({ $0 > 0 }) {
      throw ConfigError(name: "hidden sizes", value: "\(hidden)", allowed: "positive integers")
    }
  }

  /// The config as `key = value` pairs for a data file's header.
  public var description: [(key: String, value: String)] {
    let net: String
    switch network {
    case .mlp(let hidden): net = "mlp " + hidden.map(String.init).joined(separator: "x") + " tanh"
    case .minAtarConv: net = "minatar conv16@3x3 relu, dense128 relu"
    }
    return [
      ("gamma", "\(gamma)"), ("lambda", "\(lambda)"), ("optimizer", optimizer.rawValue),
      ("learning_rate", "\(learningRate)"), ("value_coefficient", "\(valueCoefficient)"),
      ("entropy_coefficient", "\(entropyCoefficient)"), ("max_gradient_norm", "\(maxGradientNorm)"),
      ("envs", "\(envs)"), ("rollout_steps", "\(steps)"), ("network", net),
    ]
  }
}

/// A hyper-parameter outside its allowed range.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
  public var name: String, value: String, allowed: String
  public var description: String { "\(name) must be \(allowed), got \(value)" }
}
