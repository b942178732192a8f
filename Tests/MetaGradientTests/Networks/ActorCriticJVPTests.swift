import Foundation
import Testing
@testable import MetaGradient

@Suite struct DualActorCriticTests {
  /// The dual forward pass gives the Double outputs exactly and their directional
  /// derivatives (∂logits/∂θ) θ̇, (∂v/∂θ) θ̇ to central-difference accuracy.
  @Test(arguments: testArchitectures.indices)
  func jvpMatchesFiniteDifferences(_ index: Int) {
    let arch = testArchitectures[index]
    var random = RandomStream(seed: 300 + UInt64(index))
    let batch = 3, E = arch.extraFeatures
    let theta = randomParameters(arch, &random)
    let direction = randomArray(theta.count, &random)
    let obs = randomObservations(arch, batch: batch, &random)
    let extra = E > 0 ? randomArray(batch * E, &random) : nil
    let net = ActorCritic<Double>(arch, maxBatch: batch)
    let jvp = DualActorCritic<Double>(arch, maxBatch: batch)
    let out = jvp.forward(parameters: theta, parameterTangent: direction, observations: obs,
                          extra: extra, batch: batch)
    let plain = net.forward(parameters: theta, observations: obs, extra: extra, batch: batch)
    #expect(maxError(out.logits, plain.logits) < 1e-14)
    #expect(maxError(out.values, plain.values) < 1e-14)

    let h = 1e-6
    let plus = net.forward(parameters: zip(theta, direction).map { $0 + h * $1 },
                           observations: obs, extra: extra, batch: batch)
    let minus = net.forward(parameters: zip(theta, direction).map { $0 - h * $1 },
                            observations: obs, extra: extra, batch: batch)
    let fdLogits = zip(plus.logits, minus.logits).map { ($0 - $1) / (2 * h) }
    let fdValues = zip(plus.values, minus.values).map { ($0 - $1) / (2 * h) }
    #expect(maxError(out.logitTangents, fdLogits) < 1e-7, "architecture \(index)")
    #expect(maxError(out.valueTangents, fdValues) < 1e-7, "architecture \(index)")
  }
}
