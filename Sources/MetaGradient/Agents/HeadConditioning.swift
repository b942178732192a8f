/// Extra inputs that the policy and value heads read beside the torso's features,
///
///     x = c(θ_c, η),   π_θ(·|S) = π([φ(S); x]),   v_θ(S) = v([φ(S); x]),
///
/// the same row for every state: a function of θ_c, the last ``parameterCount`` entries
/// of θ, and of the η = (γ, λ) of the update that uses them (or, while acting, of the
/// latest update's η). c is linear in θ_c, so a tangent θ̇_c gives ẋ = c(θ̇_c, η) by the
/// same ``fill(parameters:eta:rows:into:)``. ``A2CTrainer`` trains θ_c with the rest of θ
/// by the chain rule, ∂L/∂θ_c = Σ_rows (∂L/∂x_row) ∂c/∂θ_c
/// (``accumulateGradient(cotangents:rows:eta:into:)``); η itself receives no gradient
/// through x.
///
/// The inner learner knows only this shape. The one conditioning of the paper, the
/// η-embedding of its §3, is ``EtaEmbedding`` (Meta).
public protocol HeadConditioning {
  /// The width of x (the network's extra input features).
  var featureCount: Int { get }
  /// The size of θ_c.
  var parameterCount: Int { get }
  /// θ_c at initialisation, drawn from `random` after the network's parameters.
  func initialParameters(using random: inout RandomStream) -> [Float]
  /// Writes x = c(θ_c, η) into `rows` consecutive rows of width ``featureCount``.
  func fill(
    parameters: UnsafePointer<Float>, eta: (gamma: Float, lambda: Float), rows: Int, into x: UnsafeMutablePointer<Float>)
  /// gradient[θ_c] += Σ_rows cotangents_row · ∂c/∂θ_c, the cotangents ∂L/∂x being `rows`
  /// rows of width ``featureCount``.
  func accumulateGradient(
    cotangents: UnsafePointer<Float>, rows: Int, eta: (gamma: Float, lambda: Float),
    into gradient: UnsafeMutablePointer<Float>)
}
