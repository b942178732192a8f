/// Plain stochastic gradient ascent:  θ ← θ + α d.
///
/// With d = f(τ, θ, η) this is the paper's inner update θ′ = θ + α f (and the golden
/// file's `theta1`).
public struct SGD<Scalar: Real>: Optimizer {
  /// α, the learning rate.
  public var learningRate: Scalar
  /// Number of parameters (SGD keeps no state).
  public var parameterCount: Int

  /// SGD with learning rate α for `parameterCount` parameters.
  public init(learningRate: Scalar, parameterCount: Int) {
    self.learningRate = learningRate
    self.parameterCount = parameterCount
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func step(
    parameters: UnsafeMutablePointer<Scalar>, direction: UnsafePointer<Scalar>
  ) {
    let alpha = learningRate
    for i in 0..<parameterCount { parameters[i] += alpha * direction[i] }
  }
}
