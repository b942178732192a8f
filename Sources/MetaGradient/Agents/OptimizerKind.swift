/// Which first-order optimiser applies the inner update θ ← θ + Δ(f).
public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
  /// ``RMSProp`` with TF1/IMPALA settings (ρ = 0.99, ε = 0.1 inside the root, ms₀ = 1):
  /// the optimiser of the paper's IMPALA agent.
  case rmsProp = "rmsprop"
  /// ``Adam`` with Kingma & Ba's defaults (β₁ = 0.9, β₂ = 0.999, ε = 1e-8).
  case adam
}

/// The optimiser state of a trainer: one concrete optimiser, `Codable` for checkpoints,
/// stepped without an existential.
public enum TrainingOptimizer: Codable, Sendable {
  case rmsProp(RMSProp<Float>)
  case adam(Adam<Float>)

  /// A fresh optimiser of `kind` with learning rate α for `parameterCount` parameters.
  public init(_ kind: OptimizerKind, learningRate: Float, parameterCount: Int) {
    switch kind {
    case .rmsProp: self = .rmsProp(RMSProp(learningRate: learningRate, parameterCount: parameterCount))
    case .adam: self = .adam(Adam(learningRate: learningRate, parameterCount: parameterCount))
    }
  }

  /// The number of parameters the state is sized for.
  public var parameterCount: Int {
    switch self {
    case .rmsProp(let o): o.parameterCount
    case .adam(let o): o.parameterCount
    }
  }

  /// Throws unless every moment buffer holds `parameterCount` values (a state read back
  /// from a checkpoint: ``step(parameters:direction:)`` runs over raw pointers).
  public func validate(parameterCount: Int) throws {
    switch self {
    case .rmsProp(let o): try CheckpointMismatch.check("RMSProp mean squares", o.meanSquare.count, parameterCount)
    case .adam(let o):
      try CheckpointMismatch.check("Adam first moments", o.firstMoment.count, parameterCount)
      try CheckpointMismatch.check("Adam second moments", o.secondMoment.count, parameterCount)
      try StateCheck("Adam state").require(o.stepCount >= 0, "step count \(o.stepCount)")
    }
  }

  /// θ ← θ + Δ(d) (ascent; see ``Optimizer``).
  public mutating func step(parameters: UnsafeMutablePointer<Float>, direction: UnsafePointer<Float>) {
    switch self {
    case .rmsProp(var o):
      self = .adam(Adam(learningRate: 0, parameterCount: 0))  // release the payload: no copy-on-write
      o.step(parameters: parameters, direction: direction)
      self = .rmsProp(o)
    case .adam(var o):
      self = .rmsProp(RMSProp(learningRate: 0, parameterCount: 0))
      o.step(parameters: parameters, direction: direction)
      self = .adam(o)
    }
  }
}
