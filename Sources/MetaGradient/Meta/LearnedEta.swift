/// η = (γ, λ) as learned meta-parameters: η = σ(x) on unconstrained logits x, moved by
/// Adam along the ascent direction of the meta-objective,
///
///     dJ̄/dx = dJ̄/dη · σ′(x),   x ← x + Adam_β(clip(dJ̄/dx)),
///
/// (Xu et al. 2018; β and the optional clip from ``MetaConfig``). A component that is
/// not learned stays exactly at its configured value.
public struct LearnedEta: Codable, Sendable {
  public let meta: MetaConfig
  /// γ = σ(x_γ) and λ = σ(x_λ).
  public private(set) var gamma: SigmoidParameter
  public private(set) var lambda: SigmoidParameter
  /// Adam over (x_γ, x_λ); a fixed component gets a zero direction and never moves.
  private var optimizer: Adam<Double>

  public init(_ meta: MetaConfig) {
    self.meta = meta
    gamma = SigmoidParameter(value: meta.initialGamma)
    lambda = SigmoidParameter(value: meta.initialLambda)
    optimizer = Adam(learningRate: meta.metaLearningRate, parameterCount: 2)
  }

  /// The η in use: the learned value, or the configured one when not learned.
  public var currentGamma: Double { meta.learnGamma ? gamma.value : meta.initialGamma }
  public var currentLambda: Double { meta.learnLambda ? lambda.value : meta.initialLambda }

  /// Throws ``TrainingError/diverged(what:step:)`` when η stopped being finite.
  public func checkFinite(step: Int) throws {
    guard currentGamma.isFinite, currentLambda.isFinite else {
      throw TrainingError.diverged(what: "η (γ = \(currentGamma), λ = \(currentLambda))", step: step)
    }
  }

  /// One Adam ascent step from the meta-gradient (dJ̄/dγ, dJ̄/dλ). Allocation-free.
  public mutating func ascend(_ metaGradient: (gamma: Double, lambda: Double)) {
    func clipped(_ x: Double) -> Double {
      guard let c = meta.metaGradientClip else { return x }
      return min(max(x, -c), c)
    }
    var logits = (gamma.logit, lambda.logit)
    var ascent = (
      meta.learnGamma ? clipped(metaGradient.gamma * gamma.derivative) : 0,
      meta.learnLambda ? clipped(metaGradient.lambda * lambda.derivative) : 0
    )
    withUnsafeMutableBytes(of: &logits) { x in
      withUnsafeBytes(of: &ascent) { d in
        optimizer.step(parameters: x.baseAddress!.assumingMemoryBound(to: Double.self),
                       direction: d.baseAddress!.assumingMemoryBound(to: Double.self))
      }
    }
    gamma.logit = logits.0
    lambda.logit = logits.1
  }
}
