import Foundation
import Testing
@testable import MetaGradient

/// Architectures every gradient test runs on: MLP and conv torsos, with and without
/// the extra (η-embedding) input, kept small so every coordinate can be checked.
let testArchitectures: [ActorCriticArchitecture] = [
  .init(observationSize: 4, actionCount: 2, torso: .mlp(hidden: [8])),
  .init(observationSize: 5, actionCount: 3, torso: .mlp(hidden: [7, 6]), extraFeatures: 2),
  .init(observationSize: 3, actionCount: 4, torso: .mlp(hidden: []), extraFeatures: 3),
  .init(observationSize: 5 * 6 * 2, actionCount: 3,
        torso: .conv(height: 5, width: 6, channels: 2, filters: 3, kernel: 3, hidden: 7)),
  .init(observationSize: 5 * 4 * 3, actionCount: 2,
        torso: .conv(height: 5, width: 4, channels: 3, filters: 2, kernel: 2, hidden: 5),
        extraFeatures: 2),
]

/// Random normal values.
func randomArray(_ count: Int, _ random: inout RandomStream, scale: Double = 1) -> [Double] {
  (0..<count).map { _ in scale * random.normal() }
}

/// Inputs with some zeros (ReLU kinks are avoided by the random biases below).
func randomObservations(_ arch: ActorCriticArchitecture, batch: Int, _ random: inout RandomStream) -> [Double] {
  if case .conv = arch.torso {
    return (0..<(batch * arch.observationSize)).map { _ in random.uniform() < 0.3 ? 1 : random.uniform() }
  }
  return randomArray(batch * arch.observationSize, &random)
}

/// θ with nonzero biases (so ReLUs are not all at the same kink).
func randomParameters(_ arch: ActorCriticArchitecture, _ random: inout RandomStream) -> [Double] {
  var theta: [Double] = arch.initialParameters(using: &random)
  for block in arch.layout.blocks where block.shape.count == 1 {
    for i in block.offset..<(block.offset + block.size) { theta[i] = 0.3 * random.normal() }
  }
  return theta
}

@Suite struct ActorCriticTests {
  @Test func goldenLayoutSize() {
    #expect(testArchitectures[0].layout.count == 67)
    let minAtar = ActorCriticArchitecture.minAtar(channels: 4, actionCount: 6)
    // 3·3·4·16 + 16 + 8·8·16·128 + 128 + 128·6 + 6 + 128 + 1
    #expect(minAtar.layout.count == 576 + 16 + 131_072 + 128 + 768 + 6 + 128 + 1)
  }

  /// ∇θ [Σ ū·logits + Σ w̄·v] from backward vs central differences, every coordinate,
  /// and the extra input's cotangent likewise.
  @Test(arguments: testArchitectures.indices)
  func backwardMatchesFiniteDifferences(_ index: Int) {
    let arch = testArchitectures[index]
    var random = RandomStream(seed: 100 + UInt64(index))
    let batch = 3, A = arch.actionCount, E = arch.extraFeatures
    let net = ActorCritic<Double>(arch, maxBatch: 5)
    let theta = randomParameters(arch, &random)
    let obs = randomObservations(arch, batch: batch, &random)
    let extra = E > 0 ? randomArray(batch * E, &random) : nil
    let u = randomArray(batch * A, &random), w = randomArray(batch, &random)

    func objective(_ theta: [Double], _ extra: [Double]?) -> Double {
      let (logits, values) = net.forward(parameters: theta, observations: obs, extra: extra, batch: batch)
      return zip(logits, u).map(*).reduce(0, +) + zip(values, w).map(*).reduce(0, +)
    }
    _ = net.forward(parameters: theta, observations: obs, extra: extra, batch: batch)
    let (gradient, dExtra) = net.backward(parameters: theta, dLogits: u, dValues: w, batch: batch)

    let h = 1e-6
    var worst = 0.0
    for i in theta.indices {
      var plus = theta, minus = theta
      plus[i] += h; minus[i] -= h
      let fd = (objective(plus, extra) - objective(minus, extra)) / (2 * h)
      worst = max(worst, abs(fd - gradient[i]) / max(1, abs(fd)))
    }
    #expect(worst < 1e-7, "architecture \(index): worst relative error \(worst)")

    if let extra {
      var worstExtra = 0.0
      for i in extra.indices {
        var plus = extra, minus = extra
        plus[i] += h; minus[i] -= h
        let fd = (objective(theta, plus) - objective(theta, minus)) / (2 * h)
        worstExtra = max(worstExtra, abs(fd - dExtra[i]) / max(1, abs(fd)))
      }
      #expect(worstExtra < 1e-7, "architecture \(index): worst dExtra error \(worstExtra)")
    }
  }

  /// The conv torso's forward pass against a direct 7-loop convolution.
  @Test func convForwardMatchesDirectConvolution() {
    let (H, W, C, F, k, hid) = (5, 6, 2, 3, 3, 7)
    let arch = ActorCriticArchitecture(
      observationSize: H * W * C, actionCount: 3,
      torso: .conv(height: H, width: W, channels: C, filters: F, kernel: k, hidden: hid),
      extraFeatures: 1)
    var random = RandomStream(seed: 9)
    let theta = randomParameters(arch, &random)
    let batch = 2
    let obs = randomObservations(arch, batch: batch, &random)
    let extra = randomArray(batch, &random)
    let net = ActorCritic<Double>(arch, maxBatch: batch)
    let (logits, values) = net.forward(parameters: theta, observations: obs, extra: extra, batch: batch)

    let L = arch.layout
    let (w1, b1, w2, b2) = (L["W1"]!.offset, L["b1"]!.offset, L["W2"]!.offset, L["b2"]!.offset)
    let (wPi, bPi, wV, bV) = (L["Wpi"]!.offset, L["bpi"]!.offset, L["Wv"]!.offset, L["bv"]!.offset)
    let (oh, ow) = (H - k + 1, W - k + 1)
    for b in 0..<batch {
      var conv = [Double](repeating: 0, count: oh * ow * F)
      for i in 0..<oh { for j in 0..<ow { for f in 0..<F {
        var z = theta[b1 + f]
        for di in 0..<k { for dj in 0..<k { for c in 0..<C {
          z += obs[b * H * W * C + ((i + di) * W + (j + dj)) * C + c]
            * theta[w1 + ((di * k + dj) * C + c) * F + f]
        } } }
        conv[(i * ow + j) * F + f] = max(0, z)
      } } }
      var x = [Double](repeating: 0, count: hid + 1)
      for o in 0..<hid {
        var z = theta[b2 + o]
        for p in conv.indices { z += conv[p] * theta[w2 + p * hid + o] }
        x[o] = max(0, z)
      }
      x[hid] = extra[b]
      for a in 0..<3 {
        var z = theta[bPi + a]
        for p in x.indices { z += x[p] * theta[wPi + p * 3 + a] }
        #expect(abs(z - logits[b * 3 + a]) < 1e-12)
      }
      var v = theta[bV]
      for p in x.indices { v += x[p] * theta[wV + p] }
      #expect(abs(v - values[b]) < 1e-12)
    }
  }

  /// Backward on the first rows of a larger forward batch equals forward+backward on
  /// just those rows (how the A2C update skips the bootstrap states).
  @Test func backwardOnPrefixOfForwardBatch() {
    let arch = testArchitectures[1]
    var random = RandomStream(seed: 5)
    let theta = randomParameters(arch, &random)
    let obs = randomObservations(arch, batch: 4, &random)
    let extra = randomArray(4 * arch.extraFeatures, &random)
    let u = randomArray(2 * arch.actionCount, &random), w = randomArray(2, &random)
    let net = ActorCritic<Double>(arch, maxBatch: 4)
    _ = net.forward(parameters: theta, observations: obs, extra: extra, batch: 4)
    let big = net.backward(parameters: theta, dLogits: u, dValues: w, batch: 2)
    _ = net.forward(parameters: theta, observations: Array(obs.prefix(2 * arch.observationSize)),
                    extra: Array(extra.prefix(2 * arch.extraFeatures)), batch: 2)
    let small = net.backward(parameters: theta, dLogits: u, dValues: w, batch: 2)
    #expect(maxError(big.gradient, small.gradient) < 1e-14)
    #expect(maxError(big.dExtra, small.dExtra) < 1e-14)
  }

  /// The Float path (cblas_sgemm) agrees with the Double path.
  @Test(arguments: [0, 1, 3, 4])
  func floatAgreesWithDouble(_ index: Int) {
    let arch = testArchitectures[index]
    var random = RandomStream(seed: 200 + UInt64(index))
    let batch = 4, E = arch.extraFeatures
    let theta = randomParameters(arch, &random)
    let obs = randomObservations(arch, batch: batch, &random)
    let extra = E > 0 ? randomArray(batch * E, &random) : nil
    let u = randomArray(batch * arch.actionCount, &random), w = randomArray(batch, &random)

    let netD = ActorCritic<Double>(arch, maxBatch: batch)
    let outD = netD.forward(parameters: theta, observations: obs, extra: extra, batch: batch)
    let gradD = netD.backward(parameters: theta, dLogits: u, dValues: w, batch: batch)

    let f: ([Double]) -> [Float] = { $0.map(Float.init) }
    let netF = ActorCritic<Float>(arch, maxBatch: batch)
    let outF = netF.forward(parameters: f(theta), observations: f(obs), extra: extra.map(f), batch: batch)
    let gradF = netF.backward(parameters: f(theta), dLogits: f(u), dValues: f(w), batch: batch)

    let d: ([Float]) -> [Double] = { $0.map(Double.init) }
    #expect(maxError(d(outF.logits), outD.logits) < 1e-4)
    #expect(maxError(d(outF.values), outD.values) < 1e-4)
    #expect(maxError(d(gradF.gradient), gradD.gradient) < 1e-4)
    #expect(maxError(d(gradF.dExtra), gradD.dExtra) < 1e-4)
  }

  /// The full MinAtar network (10×10×4 → 16@3×3 → 128, 6 actions, 2 extra inputs):
  /// Float and Double paths agree, and a random-coordinate finite-difference spot check.
  @Test func minAtarNetwork() {
    let arch = ActorCriticArchitecture.minAtar(channels: 4, actionCount: 6, extraFeatures: 2)
    var random = RandomStream(seed: 77)
    let batch = 3
    let theta = randomParameters(arch, &random)
    let obs = randomObservations(arch, batch: batch, &random)
    let extra = randomArray(batch * 2, &random)
    let u = randomArray(batch * 6, &random), w = randomArray(batch, &random)
    let netD = ActorCritic<Double>(arch, maxBatch: batch)
    func objective(_ theta: [Double]) -> Double {
      let (logits, values) = netD.forward(parameters: theta, observations: obs, extra: extra, batch: batch)
      return zip(logits, u).map(*).reduce(0, +) + zip(values, w).map(*).reduce(0, +)
    }
    _ = objective(theta)
    let gradD = netD.backward(parameters: theta, dLogits: u, dValues: w, batch: batch).gradient
    var worst = 0.0
    for _ in 0..<200 {
      let i = random.index(theta.count)
      var plus = theta, minus = theta
      plus[i] += 1e-6; minus[i] -= 1e-6
      let fd = (objective(plus) - objective(minus)) / 2e-6
      worst = max(worst, abs(fd - gradD[i]) / max(1, abs(fd)))
    }
    #expect(worst < 1e-7)

    let x: ([Double]) -> [Float] = { $0.map(Float.init) }
    let netF = ActorCritic<Float>(arch, maxBatch: batch)
    _ = netF.forward(parameters: x(theta), observations: x(obs), extra: x(extra), batch: batch)
    let gradF = netF.backward(parameters: x(theta), dLogits: x(u), dValues: x(w), batch: batch).gradient
    #expect(maxError(gradF.map(Double.init), gradD) < 1e-4)
  }
}
