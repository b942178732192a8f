/// The η-embedding of the paper's §3 ("meta-parameter conditioned policy and value"):
///
///     e_η = W_η η,   η = (γ, λ),   W_η ∈ R^{E×2},
///
/// fed to both heads as extra features, π_θ^η(S) = π_θ([features(S); e_η]) and
/// v_θ^η(S) = v_θ([features(S); e_η]) (a ``HeadConditioning``). W_η is part of θ (the
/// last 2E entries, row-major [E, 2]) and is trained by the inner update; η itself
/// receives no gradient through the embedding (it enters as a constant input).
public struct EtaEmbedding: HeadConditioning, Hashable, Sendable {
  /// E, the size of e_η (``MetaConfig/embeddingSize``).
  public let size: Int

  /// An embedding of size E = `size` > 0.
  public init(size: Int) {
    precondition(size > 0, "the embedding size must be positive, got \(size)")
    self.size = size
  }

  public var featureCount: Int { size }
  /// 2E, the entries of W_η.
  public var parameterCount: Int { 2 * size }

  /// W_η ~ N(0, 1/2): fan-in 2, the same scale rule as the network's layers.
  public func initialParameters(using random: inout RandomStream) -> [Float] {
    (0..<parameterCount).map { _ in Float(random.normal(mean: 0, std: 0.5.squareRoot())) }
  }

  /// e_η = W_η η in `rows` rows (with a tangent Ẇ_η for W_η: ė = Ẇ_η η).
  @inline(__always)
  public func fill(
    parameters w: UnsafePointer<Float>, eta: (gamma: Float, lambda: Float), rows: Int, into out: UnsafeMutablePointer<Float>
  ) {
    let E = size
    for e in 0..<E { out[e] = w[2 * e] * eta.gamma + w[2 * e + 1] * eta.lambda }
    for r in 1..<max(rows, 1) { (out + r * E).update(from: out, count: E) }
  }

  /// gradient[W_η] += Σ_rows dE_row ⊗ η (the chain rule through e_η = W_η η).
  @inline(__always)
  public func accumulateGradient(
    cotangents dExtra: UnsafePointer<Float>, rows: Int, eta: (gamma: Float, lambda: Float),
    into gradient: UnsafeMutablePointer<Float>
  ) {
    let E = size
    for e in 0..<E {
      var sum: Float = 0
      for r in 0..<rows { sum += dExtra[r * E + e] }
      gradient[2 * e] += sum * eta.gamma
      gradient[2 * e + 1] += sum * eta.lambda
    }
  }
}
