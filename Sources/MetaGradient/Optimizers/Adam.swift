import Foundation

/// Adam (Kingma & Ba, 2015, Algorithm 1), written for an ascent direction d:
///
///     m ← β₁ m + (1 − β₁) d,   v ← β₂ v + (1 − β₂) d²,   t ← t + 1
///     θ ← θ + α m̂ / (√v̂ + ε),   m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
///
/// Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8 are the paper's (Kingma & Ba) and
/// PyTorch's/Optax's defaults.
public struct Adam<Scalar: Real>: Optimizer {
  /// α, the learning rate.
  public var learningRate: Scalar
  /// β₁, decay of the first moment.
  public var beta1: Double
  /// β₂, decay of the second moment.
  public var beta2: Double
  /// ε, added to √v̂.
  public var epsilon: Scalar
  /// m, the first-moment estimate.
  public private(set) var firstMoment: [Scalar]
  /// v, the second-moment estimate.
  public private(set) var secondMoment: [Scalar]
  /// t, the number of steps taken.
  public private(set) var stepCount: Int = 0
  public var parameterCount: Int { firstMoment.count }

  /// Adam for `parameterCount` parameters.
  public init(
    learningRate: Scalar, parameterCount: Int, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Scalar = Scalar(1e-8)
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    firstMoment = [Scalar](repeating: .zero, count: parameterCount)
    secondMoment = [Scalar](repeating: .zero, count: parameterCount)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func step(
    parameters: UnsafeMutablePointer<Scalar>, direction: UnsafePointer<Scalar>
  ) {
    stepCount += 1
    let t = Double(stepCount)
    let b1 = Scalar(beta1), b2 = Scalar(beta2)
    let c1 = Scalar(1 / (1 - pow(beta1, t))), c2 = Scalar(1 / (1 - pow(beta2, t)))
    let (one, alpha, eps) = (Scalar.one, learningRate, epsilon)
    let count = firstMoment.count
    firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        let m = mBuffer.baseAddress!, v = vBuffer.baseAddress!
        for i in 0..<count {
          let d = direction[i]
          m[i] = b1 * m[i] + (one - b1) * d
          v[i] = b2 * v[i] + (one - b2) * d * d
          parameters[i] += alpha * (m[i] * c1) / (Scalar.sqrt(v[i] * c2) + eps)
        }
      }
    }
  }
}
