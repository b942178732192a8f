/// Sampling from the softmax policy π(a|s) = exp(z_a) / Σ_b exp(z_b).
public enum SoftmaxPolicy {
  /// An action drawn from softmax(`logits[0..<count]`) by inverting its CDF at one
  /// uniform u ∈ [0, 1): the first a with Σ_{b ≤ a} exp(z_b − z_max) > u · Σ_b exp(z_b − z_max).
  /// Uses exactly one draw from `random`, so streams stay aligned; allocation-free.
  ///
  /// Each exp(z_b − z_max) is computed once (kept in a small stack buffer), so the draw is
  /// bit-for-bit what two passes of exp would give, at half the exp calls.
  @inlinable
  public static func sample(logits: UnsafePointer<Float>, count: Int, random: inout RandomStream) -> Int32 {
    var zMax = logits[0]
    for k in 1..<count where logits[k] > zMax { zMax = logits[k] }
    return withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { e in
      var sum: Float = 0
      for k in 0..<count {
        e[k] = Float.exp(logits[k] - zMax)
        sum += e[k]
      }
      let threshold = random.uniformFloat() * sum
      var cumulative: Float = 0
      for k in 0..<count {
        cumulative += e[k]
        if cumulative > threshold { return Int32(k) }
      }
      return Int32(count - 1)  // rounding: u · sum at the very top
    }
  }
}
