/// The η-embedding of the paper's §3 ("meta-parameter conditioned policy and value"):
///
///     e_η = W_η η,   η = (γ, λ),   W_η ∈ R^{E×2},
///
/// fed to both heads as extra features, π_θ^η(S) = π_θ([features(S); e_η]) and
/// v_θ^η(S) = v_θ([features(S); e_η]). W_η is part of θ (the last 2E entries, row-major
/// [E, 2]) and is trained by the inner update; η itself receives no gradient through
/// the embedding (it enters as a constant input).
public enum EtaEmbedding {
  /// Parameters of W_η for an embedding of size E.
  public static func parameterCount(size: Int) -> Int { 2 * size }

  /// Writes e_η into `rows` consecutive rows of width E.
  @inline(__always)
  public static func fill(
    weights w: UnsafePointer<Float>, size E: Int, gamma: Float, lambda: Float,
    rows: Int, into out: UnsafeMutablePointer<Float>
  ) {
    for e in 0..<E { out[e] = w[2 * e] * gamma + w[2 * e + 1] * lambda }
    for r in 1..<max(rows, 1) { (out + r * E).update(from: out, count: E) }
  }

  /// gradient[W_η] += Σ_rows dExtra_row ⊗ η (the chain rule through e_η = W_η η).
  @inline(__always)
  public static func accumulateGradient(
    dExtra: UnsafePointer<Float>, size E: Int, rows: Int, gamma: Float, lambda: Float,
    into gradient: UnsafeMutablePointer<Float>
  ) {
    for e in 0..<E {
      var sum: Float = 0
      for r in 0..<rows { sum += dExtra[r * E + e] }
      gradient[2 * e] += sum * gamma
      gradient[2 * e + 1] += sum * lambda
    }
  }
}
