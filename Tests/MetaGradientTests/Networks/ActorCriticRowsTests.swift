import Testing
@testable import MetaGradient

/// ``ActorCritic/forward(parameters:observations:extra:count:atRow:)``: a forward pass
/// built row block by row block (as the A2C trainer acts) is one forward pass.
@Suite struct ActorCriticRowsTests {
  /// Blocks of 2, 1 and 3 states give the logits, values, backward pass and JVP of one
  /// pass over all 6, on every test architecture (MLP, linear, conv; with extra input).
  @Test(arguments: testArchitectures.indices)
  func rowBlocksEqualOnePass(_ index: Int) {
    let arch = testArchitectures[index]
    var random = RandomStream(seed: 300 + UInt64(index))
    let batch = 6, O = arch.observationSize, E = arch.extraFeatures, A = arch.actionCount
    let theta = randomParameters(arch, &random)
    let obs = randomObservations(arch, batch: batch, &random)
    let extra = randomArray(batch * E, &random)
    let u = randomArray(batch * A, &random), w = randomArray(batch, &random)
    let tangent = randomArray(theta.count, &random)

    let whole = ActorCritic<Double>(arch, maxBatch: batch)
    let (logits, values) = whole.forward(parameters: theta, observations: obs, extra: E > 0 ? extra : nil, batch: batch)
    let gradient = whole.backward(parameters: theta, dLogits: u, dValues: w, batch: batch).gradient

    let blocks = ActorCritic<Double>(arch, maxBatch: batch)
    theta.withUnsafeBufferPointer { p in
      obs.withUnsafeBufferPointer { o in
        extra.withUnsafeBufferPointer { e in
          var row = 0
          for count in [2, 1, 3] {
            blocks.forward(parameters: p.baseAddress!, observations: o.baseAddress! + row * O,
                           extra: E > 0 ? e.baseAddress! + row * E : nil, count: count, atRow: row)
            row += count
            #expect(blocks.batch == row)
          }
        }
      }
    }
    #expect(maxError(Array(blocks.logits), logits) < 1e-13)
    #expect(maxError(Array(blocks.values), values) < 1e-13)
    let blockGradient = blocks.backward(parameters: theta, dLogits: u, dValues: w, batch: batch).gradient
    #expect(maxError(blockGradient, gradient) < 1e-12)

    func jvp(_ net: ActorCritic<Double>) -> [Double] {
      var l = [Double](repeating: 0, count: batch * A), v = [Double](repeating: 0, count: batch)
      net.jvp(parameters: theta, tangent: tangent, batch: batch, logitsTangent: &l, valuesTangent: &v)
      return l + v
    }
    // `whole`'s scratch was used by its backward pass; its forward cache is intact.
    #expect(maxError(jvp(blocks), jvp(whole)) < 1e-12)
  }
}
