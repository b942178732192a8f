import ArgumentParser

/// Options of the meta-gradient experiments (``MetaConfig``'s fields), with the
/// paper's defaults.
public struct MetaOptions: ParsableArguments {
  @Option(help: "γ₀, the initial discount.")
  public var initialGamma = 0.99
  @Option(help: "λ₀, the initial bootstrapping parameter.")
  public var initialLambda = 0.9
  @Option(help: "γ̄ of the meta-objective (the paper: 0.995).")
  public var gammaBar = 0.995
  @Option(help: "λ̄ of the meta-objective (the paper: 1).")
  public var lambdaBar = 1.0
  @Option(help: "β, Adam's learning rate on the logits of η (the paper: 1e-3).")
  public var metaLearningRate = 1e-3
  @Option(help: "Clip each logit's meta-gradient to this magnitude (default: no clipping).")
  public var metaGradientClip: Double?
  @Flag(help: "J̄'s advantage from an outer value head v̄ trained on returns with η̄ (Bonnet et al. 2022), not the inner critic.")
  public var outerCritic = false

  public init() {}

  public func validate() throws {
    do { try config(learnGamma: true, learnLambda: true).validate() } catch { throw ValidationError("\(error)") }
  }

  /// The meta config with these values.
  public func config(learnGamma: Bool, learnLambda: Bool, conditioning: Bool = false) -> MetaConfig {
    MetaConfig(
      learnGamma: learnGamma, learnLambda: learnLambda, initialGamma: initialGamma, initialLambda: initialLambda,
      gammaBar: gammaBar, lambdaBar: lambdaBar, metaLearningRate: metaLearningRate,
      metaGradientClip: metaGradientClip, conditioning: conditioning, outerCritic: outerCritic)
  }
}
