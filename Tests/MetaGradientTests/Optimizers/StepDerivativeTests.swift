import Testing
@testable import MetaGradient

/// D = ∂Δ/∂d with the optimiser's state held fixed. With a decay that makes the
/// state independent of d (RMSProp ρ = 1) the step is exactly linear in d with slope
/// D, so finite differences must reproduce D. (Adam's bias-corrected v̂ always moves
/// with d, so it is checked on hand-worked values.)
@Suite struct StepDerivativeTests {
  static func finiteDifference<O: Optimizer & StepDerivative>(_ optimizer: O, direction: [Double]) -> ([Double], [Double])
  where O.Scalar == Double {
    let P = direction.count, h = 1e-6
    var fd = [Double](repeating: 0, count: P)
    for i in 0..<P {
      var plus = direction, minus = direction
      plus[i] += h; minus[i] -= h
      var a = optimizer, b = optimizer
      var thetaPlus = [Double](repeating: 0, count: P), thetaMinus = thetaPlus
      a.step(parameters: &thetaPlus, direction: plus)
      b.step(parameters: &thetaMinus, direction: minus)
      fd[i] = (thetaPlus[i] - thetaMinus[i]) / (2 * h)
    }
    var stepped = optimizer, theta = [Double](repeating: 0, count: P)
    stepped.step(parameters: &theta, direction: direction)
    var d = [Double](repeating: 0, count: P)
    d.withUnsafeMutableBufferPointer { stepped.stepDerivative(into: $0.baseAddress!) }
    return (d, fd)
  }

  @Test func matchesFiniteDifferencesWhenStateIsConstant() {
    var rng = RandomStream(seed: 3)
    let P = 6
    let warmup = (0..<P).map { _ in rng.normal() }, direction = (0..<P).map { _ in rng.normal() }
    var rms = RMSProp<Double>(learningRate: 0.01, parameterCount: P, decay: 1)
    var sgd = SGD<Double>(learningRate: 0.05, parameterCount: P)
    var theta = [Double](repeating: 0, count: P)
    rms.step(parameters: &theta, direction: warmup)
    for (d, fd) in [Self.finiteDifference(rms, direction: direction), Self.finiteDifference(sgd, direction: direction)] {
      #expect(maxError(d, fd) < 1e-8)
    }
    sgd.step(parameters: &theta, direction: direction)
  }

  /// RMSProp's D uses the mean square the step just wrote; Adam's the bias-corrected v̂.
  @Test func handWorkedValues() {
    var rms = RMSProp<Double>(learningRate: 0.1, parameterCount: 1)  // ρ 0.99, ε 0.1, ms₀ 1
    var theta = [0.0]
    rms.step(parameters: &theta, direction: [2])
    var d = [0.0]
    d.withUnsafeMutableBufferPointer { rms.stepDerivative(into: $0.baseAddress!) }
    #expect(abs(d[0] - 0.1 / (0.99 + 0.01 * 4 + 0.1).squareRoot()) < 1e-15)
    var adam = Adam<Double>(learningRate: 0.1, parameterCount: 1)
    adam.step(parameters: &theta, direction: [2])
    d.withUnsafeMutableBufferPointer { adam.stepDerivative(into: $0.baseAddress!) }
    // t = 1: (1 − β₁)/(1 − β₁) = 1, v̂ = d² = 4.
    #expect(abs(d[0] - 0.1 / (2 + 1e-8)) < 1e-12)
  }
}
