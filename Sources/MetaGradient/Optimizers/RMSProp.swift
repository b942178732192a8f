/// RMSProp as TensorFlow 1's `tf.train.RMSPropOptimizer` (momentum 0), the optimiser
/// of IMPALA's reference agent (deepmind/scalable_agent) and hence of the paper's
/// Atari agent:
///
///     ms ← ρ ms + (1 − ρ) d²
///     θ  ← θ + α d / √(ms + ε)          (ε INSIDE the square root, TF style)
///
/// with ms initialised to 1 (TF1 initialises the `rms` slot with ones).
///
/// Defaults: ρ = 0.99 and ε = 0.1 are scalable_agent's `--decay` and `--epsilon` flags
/// (ε = 0.1 is large: it damps steps where ms is small, and with ms₀ = 1 the first
/// steps are ≈ α d). Set `epsilonInsideSquareRoot = false` and
/// `initialMeanSquare = 0` for PyTorch's `torch.optim.RMSprop`
/// (θ ← θ + α d / (√ms + ε)), e.g. torchbeast's ε = 0.01.
public struct RMSProp<Scalar: Real>: Optimizer {
  /// α, the learning rate.
  public var learningRate: Scalar
  /// ρ, the decay of the mean square (IMPALA: 0.99).
  public var decay: Scalar
  /// ε, added to the mean square (IMPALA: 0.1).
  public var epsilon: Scalar
  /// √(ms + ε) (TF, default) or √ms + ε (PyTorch).
  public var epsilonInsideSquareRoot: Bool
  /// ms, the running mean of d².
  public private(set) var meanSquare: [Scalar]
  public var parameterCount: Int { meanSquare.count }

  /// RMSProp for `parameterCount` parameters; defaults are IMPALA's (TF1) settings.
  public init(
    learningRate: Scalar, parameterCount: Int, decay: Scalar = Scalar(0.99),
    epsilon: Scalar = Scalar(0.1), epsilonInsideSquareRoot: Bool = true,
    initialMeanSquare: Scalar = .one
  ) {
    self.learningRate = learningRate
    self.decay = decay
    self.epsilon = epsilon
    self.epsilonInsideSquareRoot = epsilonInsideSquareRoot
    meanSquare = [Scalar](repeating: initialMeanSquare, count: parameterCount)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  public mutating func step(
    parameters: UnsafeMutablePointer<Scalar>, direction: UnsafePointer<Scalar>
  ) {
    let (alpha, rho, eps) = (learningRate, decay, epsilon)
    let oneMinusRho = Scalar.one - rho
    let count = meanSquare.count
    // Two branch-free loops over raw pointers (the TF/PyTorch choice hoisted out), so
    // the compiler vectorises them; the arithmetic is the same, operation for operation.
    meanSquare.withUnsafeMutableBufferPointer { buffer in
      let ms = buffer.baseAddress!
      if epsilonInsideSquareRoot {
        for i in 0..<count {
          let d = direction[i]
          let m = rho * ms[i] + oneMinusRho * d * d
          ms[i] = m
          parameters[i] += alpha * d / Scalar.sqrt(m + eps)
        }
      } else {
        for i in 0..<count {
          let d = direction[i]
          let m = rho * ms[i] + oneMinusRho * d * d
          ms[i] = m
          parameters[i] += alpha * d / (Scalar.sqrt(m) + eps)
        }
      }
    }
  }
}
