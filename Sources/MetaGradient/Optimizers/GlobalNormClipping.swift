/// Global-norm clipping (`tf.clip_by_global_norm`, `optax.clip_by_global_norm`):
///
///     ‖g‖ = √(Σ_i g_i²);   g ← g · maxNorm / ‖g‖   if ‖g‖ > maxNorm.
///
/// On a flat buffer the "global" norm is simply the buffer's norm. IMPALA-style
/// agents clip at 40. Returns ‖g‖ before clipping.
@discardableResult
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func clipByGlobalNorm<Scalar: Real>(
  _ g: UnsafeMutablePointer<Scalar>, count: Int, maxNorm: Scalar
) -> Scalar {
  precondition(maxNorm > .zero, "maxNorm must be positive")
  // Eight interleaved partial sums (element i goes to sum i mod 8), combined pairwise:
  // the loop vectorises (one 8-wide accumulator) where a single running sum cannot,
  // since reassociating it is not allowed. The result differs from a left-to-right sum
  // only by rounding.
  var s0 = Scalar.zero, s1 = Scalar.zero, s2 = Scalar.zero, s3 = Scalar.zero
  var s4 = Scalar.zero, s5 = Scalar.zero, s6 = Scalar.zero, s7 = Scalar.zero
  var i = 0
  while i + 8 <= count {
    s0 += g[i] * g[i]; s1 += g[i + 1] * g[i + 1]; s2 += g[i + 2] * g[i + 2]; s3 += g[i + 3] * g[i + 3]
    s4 += g[i + 4] * g[i + 4]; s5 += g[i + 5] * g[i + 5]; s6 += g[i + 6] * g[i + 6]; s7 += g[i + 7] * g[i + 7]
    i += 8
  }
  var sumOfSquares = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
  while i < count { sumOfSquares += g[i] * g[i]; i += 1 }
  let norm = Scalar.sqrt(sumOfSquares)
  if norm > maxNorm {
    let scale = maxNorm / norm
    for i in 0..<count { g[i] *= scale }
  }
  return norm
}

/// Array convenience for ``clipByGlobalNorm(_:count:maxNorm:)``.
@discardableResult
public func clipByGlobalNorm<Scalar: Real>(_ g: inout [Scalar], maxNorm: Scalar) -> Scalar {
  g.withUnsafeMutableBufferPointer { clipByGlobalNorm($0.baseAddress!, count: $0.count, maxNorm: maxNorm) }
}
