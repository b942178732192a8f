import Foundation
import Testing
@testable import MetaGradient

@Suite struct SoftmaxPolicyTests {
  /// Sampled frequencies match softmax(z) = [0.1, 0.3, 0.6].
  @Test func frequenciesMatchTheSoftmax() {
    let p: [Float] = [0.1, 0.3, 0.6]
    let logits = p.map { Float.log($0) + 2 }  // shifts do not matter
    var random = RandomStream(seed: 1)
    var counts = [0, 0, 0]
    let n = 60_000
    logits.withUnsafeBufferPointer { z in
      for _ in 0..<n { counts[Int(SoftmaxPolicy.sample(logits: z.baseAddress!, count: 3, random: &random))] += 1 }
    }
    for k in 0..<3 { #expect(abs(Double(counts[k]) / Double(n) - Double(p[k])) < 0.01) }
  }

  /// A dominant logit is always chosen; huge logits do not overflow.
  @Test func dominantLogitWins() {
    var random = RandomStream(seed: 2)
    let logits: [Float] = [1000, -1000, 0]
    logits.withUnsafeBufferPointer { z in
      for _ in 0..<100 { #expect(SoftmaxPolicy.sample(logits: z.baseAddress!, count: 3, random: &random) == 0) }
    }
  }
}
