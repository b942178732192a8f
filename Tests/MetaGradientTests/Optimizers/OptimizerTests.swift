import Foundation
import Testing
@testable import MetaGradient

/// One or two steps of each optimiser against numbers worked by hand (in float64).
@Suite struct OptimizerTests {
  @Test func sgdIsAscent() {
    var theta = [1.0, 2.0]
    var sgd = SGD<Double>(learningRate: 0.1, parameterCount: 2)
    sgd.step(parameters: &theta, direction: [0.5, -1])
    #expect(abs(theta[0] - 1.05) < 1e-15 && abs(theta[1] - 1.9) < 1e-15)
  }

  @Test func rmspropTensorFlowStyle() {
    // ms₀ = 1; ms₁ = 0.9 + 0.1·2² = 1.3; θ₁ = 1 + 0.01·2/√(1.3 + 0.1)
    // ms₂ = 0.9·1.3 + 0.1·1 = 1.27;       θ₂ = θ₁ − 0.01/√(1.27 + 0.1)
    var theta = [1.0]
    var opt = RMSProp<Double>(learningRate: 0.01, parameterCount: 1, decay: 0.9, epsilon: 0.1)
    opt.step(parameters: &theta, direction: [2])
    #expect(abs(theta[0] - 1.0169030850945704) < 1e-14)
    opt.step(parameters: &theta, direction: [-1])
    #expect(abs(theta[0] - 1.0083595085174029) < 1e-14)
    #expect(abs(opt.meanSquare[0] - 1.27) < 1e-14)
  }

  @Test func rmspropPyTorchStyle() {
    // ms₁ = 0.1·4 = 0.4;  θ₁ = 1 + 0.01·2/(√0.4 + 0.1)
    var theta = [1.0]
    var opt = RMSProp<Double>(
      learningRate: 0.01, parameterCount: 1, decay: 0.9, epsilon: 0.1,
      epsilonInsideSquareRoot: false, initialMeanSquare: 0)
    opt.step(parameters: &theta, direction: [2])
    #expect(abs(theta[0] - 1.027305411899163) < 1e-14)
  }

  @Test func rmspropDefaultsAreImpala() {
    let opt = RMSProp<Float>(learningRate: 1e-3, parameterCount: 3)
    #expect(opt.decay == 0.99 && opt.epsilon == 0.1 && opt.epsilonInsideSquareRoot)
    #expect(opt.meanSquare == [1, 1, 1])
  }

  @Test func adamTwoSteps() {
    // t=1: m = 0.2, v = 0.004, m̂ = 2, v̂ = 4 → θ = 1 + 0.1·2/(2 + 1e-8)
    // t=2: m = 0.08, v = 0.004996, m̂ = 0.08/0.19, v̂ = 0.004996/(1 − 0.999²)
    var theta = [1.0]
    var opt = Adam<Double>(learningRate: 0.1, parameterCount: 1)
    opt.step(parameters: &theta, direction: [2])
    #expect(abs(theta[0] - 1.0999999995) < 1e-13)
    opt.step(parameters: &theta, direction: [-1])
    #expect(abs(theta[0] - 1.1266337032975686) < 1e-13)
    #expect(opt.stepCount == 2)
  }

  @Test func adamStateRoundTripsThroughCodable() throws {
    var theta: [Float] = [1, 2, 3]
    var opt = Adam<Float>(learningRate: 0.01, parameterCount: 3)
    opt.step(parameters: &theta, direction: [1, -2, 0.5])
    var restored = try JSONDecoder().decode(Adam<Float>.self, from: JSONEncoder().encode(opt))
    var theta2 = theta
    opt.step(parameters: &theta, direction: [0.3, 0.1, -1])
    restored.step(parameters: &theta2, direction: [0.3, 0.1, -1])
    #expect(theta == theta2)
  }

  @Test func clippingScalesToMaxNorm() {
    var g = [3.0, 4.0]
    let norm = clipByGlobalNorm(&g, maxNorm: 1)
    #expect(norm == 5)
    #expect(abs(g[0] - 0.6) < 1e-15 && abs(g[1] - 0.8) < 1e-15)
    var h: [Float] = [3, 4]
    clipByGlobalNorm(&h, maxNorm: 10)
    #expect(h == [3, 4])  // under the limit: unchanged
  }

  /// The 8-way partial sums give the norm of a buffer whose length is not a multiple
  /// of 8 (and clip it) to rounding: compared with a Double left-to-right sum.
  @Test(arguments: [1, 7, 8, 9, 21, 4675])
  func clippingNormOfLongBuffers(_ count: Int) {
    var random = RandomStream(seed: UInt64(count))
    var g = (0..<count).map { _ in Float(random.normal()) }
    let exact = g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    let norm = clipByGlobalNorm(&g, maxNorm: 0.5)
    #expect(abs(Double(norm) - exact) <= 1e-6 * exact)
    let clipped = g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    #expect(abs(clipped - 0.5) <= 1e-6)
  }
}
