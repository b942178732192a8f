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
  var sumOfSquares = Scalar.zero
  for i in 0..<count { sumOfSquares += g[i] * g[i] }
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
