/// How closely an approximate meta-gradient g = (dJ̄/dγ, dJ̄/dλ) agrees with a
/// reference g*:
///
///     cosine(g, g*)         = g · g* / (‖g‖ ‖g*‖)       (1: same direction; nan if either is 0)
///     relativeError(g, g*)  = ‖g − g*‖ / ‖g*‖           (0: equal; nan if g* = 0)
///
/// The cosine is what an Adam-like meta-optimiser, nearly invariant to the gradient's
/// scale, is sensitive to; the relative error also counts the scale (an accumulating
/// trace with μ = 1 grows with the number of updates, so its error grows too).
public enum MetaGradientAgreement {
  /// g · g* / (‖g‖ ‖g*‖).
  public static func cosine(_ g: [Double], _ reference: [Double]) -> Double {
    precondition(g.count == reference.count, "vectors of different lengths")
    let norms = (norm(g) * norm(reference))
    guard norms > 0 else { return .nan }
    return zip(g, reference).reduce(0) { $0 + $1.0 * $1.1 } / norms
  }

  /// ‖g − g*‖ / ‖g*‖.
  public static func relativeError(_ g: [Double], _ reference: [Double]) -> Double {
    precondition(g.count == reference.count, "vectors of different lengths")
    let r = norm(reference)
    guard r > 0 else { return .nan }
    return norm(zip(g, reference).map { $0 - $1 }) / r
  }

  /// The Euclidean norm.
  public static func norm(_ x: [Double]) -> Double {
    x.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }
}
