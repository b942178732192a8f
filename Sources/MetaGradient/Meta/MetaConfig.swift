/// The meta-learning settings of a meta-gradient agent (Xu et al. 2018, §2–3):
/// which of η = (γ, λ) are learned, from where, towards which reference η̄, and how fast.
public struct MetaConfig: Codable, Sendable, Hashable {
  /// A meta-gradient agent's cost per step relative to plain A2C's, for scheduling
  /// (``SweepUnit/cost``): one more forward, backward and ∂f/∂η pass per update, ≈ 2×
  /// in `make bench` (meta-γ+λ ≈ 0.64M vs A2C ≈ 1.24M CartPole steps/s).
  public static let relativeCost = 2.0

  /// Learn γ (otherwise it stays at ``initialGamma``).
  public var learnGamma: Bool
  /// Learn λ (otherwise it stays at ``initialLambda``).
  public var learnLambda: Bool
  /// γ₀, the initial discount (the paper's Atari baseline: 0.99).
  public var initialGamma: Double
  /// λ₀, the initial bootstrapping parameter (0.9: a point of the baseline grid, so a
  /// meta-learned run starts from a fixed-η run it can be compared with).
  public var initialLambda: Double
  /// γ̄ of the meta-objective (the paper: 0.995).
  public var gammaBar: Double
  /// λ̄ of the meta-objective (the paper: 1).
  public var lambdaBar: Double
  /// β, the meta-optimiser's (Adam's) learning rate on the logits of η (the paper's
  /// Atari agent: 1e-3).
  public var metaLearningRate: Double
  /// Clip |dJ̄/dx| of each logit to this value before the Adam step (nil: no clipping).
  public var metaGradientClip: Double?
  /// Condition π and v on a learned embedding e_η (the paper's §3 "η-conditioning").
  public var conditioning: Bool
  /// The size of e_η.
  public var embeddingSize: Int
  /// Use an outer value head v̄, trained on returns with η̄, in J̄'s advantage ḡ − v̄
  /// instead of the inner critic v (``OuterCritic``; Bonnet et al. 2022). Off: the paper's J̄.
  public var outerCritic: Bool {
    get { outerCriticFlag ?? false }
    set { outerCriticFlag = newValue ? true : nil }
  }
  /// Stored only when on, so that the configs (and checkpoints) of agents without it
  /// encode as before.
  private var outerCriticFlag: Bool?

  enum CodingKeys: String, CodingKey {
    case learnGamma, learnLambda, initialGamma, initialLambda, gammaBar, lambdaBar, metaLearningRate, metaGradientClip,
      conditioning, embeddingSize
    case outerCriticFlag = "outerCritic"
  }

  public init(
    learnGamma: Bool, learnLambda: Bool, initialGamma: Double = 0.99, initialLambda: Double = 0.9,
    gammaBar: Double = 0.995, lambdaBar: Double = 1, metaLearningRate: Double = 1e-3,
    metaGradientClip: Double? = nil, conditioning: Bool = false, embeddingSize: Int = 16, outerCritic: Bool = false
  ) {
    self.learnGamma = learnGamma; self.learnLambda = learnLambda
    self.initialGamma = initialGamma; self.initialLambda = initialLambda
    self.gammaBar = gammaBar; self.lambdaBar = lambdaBar
    self.metaLearningRate = metaLearningRate; self.metaGradientClip = metaGradientClip
    self.conditioning = conditioning; self.embeddingSize = embeddingSize
    self.outerCritic = outerCritic
  }

  /// Checks every value; throws ``ConfigError`` naming the first bad one.
  public func validate() throws {
    for (name, value) in [("initial gamma", initialGamma), ("initial lambda", initialLambda), ("gamma bar", gammaBar), ("lambda bar", lambdaBar)]
    where !(0...1).contains(value) {
      throw ConfigError(name: name, value: "\(value)", allowed: "[0, 1]")
    }
    guard metaLearningRate > 0, metaLearningRate.isFinite else {
      throw ConfigError(name: "meta learning rate", value: "\(metaLearningRate)", allowed: "a positive number")
    }
    if let metaGradientClip, !(metaGradientClip > 0) {
      throw ConfigError(name: "meta-gradient clip", value: "\(metaGradientClip)", allowed: "a positive number")
    }
    guard embeddingSize > 0 else { throw ConfigError(name: "embedding size", value: "\(embeddingSize)", allowed: "a positive integer") }
  }

  /// The config as `key = value` pairs for a data file's header.
  public var description: [(key: String, value: String)] {
    [
      ("learn_gamma", "\(learnGamma)"), ("learn_lambda", "\(learnLambda)"),
      ("initial_gamma", "\(initialGamma)"), ("initial_lambda", "\(initialLambda)"),
      ("gamma_bar", "\(gammaBar)"), ("lambda_bar", "\(lambdaBar)"),
      ("meta_learning_rate", "\(metaLearningRate)"), ("meta_gradient_clip", metaGradientClip.map { "\($0)" } ?? "none"),
      ("conditioning", conditioning ? "on" : "off"), ("embedding_size", "\(embeddingSize)"),
    ] + (outerCritic ? [("outer_critic", "on")] : [])
  }
}
