import Foundation

/// The derivative of an optimiser's step Δ(d) with respect to the direction d, with
/// the optimiser's state held fixed: a diagonal D with ∂Δ_i/∂d_i = D_i.
///
/// The meta-gradient needs it: θ′ = θ + Δ(f(τ, θ, η)), so dθ′/dη ≈ D ∂f/∂η (the
/// paper's approximation, taken through the optimiser). "State held fixed" means the
/// moments the step just updated are treated as constants — the usual choice when
/// meta-learning through RMSProp or Adam (e.g. Xu et al.'s IMPALA agent). Call it
/// after ``Optimizer/step(parameters:direction:)``, so D uses the state that step used.
///
/// - SGD: D = α.
/// - RMSProp (TF): D = α / √(ms + ε)  (PyTorch form: α / (√ms + ε)).
/// - Adam: D = α (1 − β₁)/(1 − β₁ᵗ) / (√v̂ + ε), the part of m̂ that d contributes.
public protocol StepDerivative {
  associatedtype Scalar: Real
  /// Writes D (`parameterCount` scalars).
  func stepDerivative(into d: UnsafeMutablePointer<Scalar>)
}

extension SGD: StepDerivative {
  public func stepDerivative(into d: UnsafeMutablePointer<Scalar>) {
    d.update(repeating: learningRate, count: parameterCount)
  }
}

extension RMSProp: StepDerivative {
  public func stepDerivative(into d: UnsafeMutablePointer<Scalar>) {
    let (alpha, eps, inside) = (learningRate, epsilon, epsilonInsideSquareRoot)
    meanSquare.withUnsafeBufferPointer { ms in
      for i in 0..<ms.count {
        d[i] = alpha / (inside ? Scalar.sqrt(ms[i] + eps) : Scalar.sqrt(ms[i]) + eps)
      }
    }
  }
}

extension Adam: StepDerivative {
  public func stepDerivative(into d: UnsafeMutablePointer<Scalar>) {
    let t = Double(max(stepCount, 1))
    let firstShare = Scalar((1 - beta1) / (1 - pow(beta1, t)))
    let c2 = Scalar(1 / (1 - pow(beta2, t)))
    let alpha = learningRate, eps = epsilon
    secondMoment.withUnsafeBufferPointer { v in
      for i in 0..<v.count { d[i] = alpha * firstShare / (Scalar.sqrt(v[i] * c2) + eps) }
    }
  }
}

extension TrainingOptimizer {
  /// D of the wrapped optimiser (see ``StepDerivative``).
  public func stepDerivative(into d: UnsafeMutablePointer<Float>) {
    switch self {
    case .rmsProp(let o): o.stepDerivative(into: d)
    case .adam(let o): o.stepDerivative(into: d)
    }
  }
}
