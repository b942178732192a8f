import Foundation

/// A meta-parameter in (0, 1) (γ or λ) stored as an unconstrained logit x, with
/// η = σ(x) = 1 / (1 + e^(−x)).
///
/// The chain rule dJ/dx = dJ/dη · σ(x)(1 − σ(x)) shrinks gradients near 0 and 1
/// (×0.0475 at γ = 0.95, ×0.0099 at γ = 0.99; exactly 0 at η = 1), which is why the
/// meta learning rate is set per parameterisation.
public struct SigmoidParameter: Codable, Hashable, Sendable {
  /// The unconstrained logit x.
  public var logit: Double

  /// The parameter with value η ∈ (0, 1); η is clamped to [1e-6, 1 − 1e-6] so that
  /// η = 1 ("λ = 1") becomes a finite logit (its gradient is then ≈ 0).
  public init(value: Double) {
    precondition((0...1).contains(value), "a sigmoid parameter must lie in [0, 1], got \(value)")
    let clamped = min(max(value, 1e-6), 1 - 1e-6)
    logit = Foundation.log(clamped / (1 - clamped))
  }

  public init(logit: Double) { self.logit = logit }

  /// η = σ(x).
  public var value: Double { 1 / (1 + Foundation.exp(-logit)) }

  /// dη/dx = σ(x)(1 − σ(x)).
  public var derivative: Double { let s = value; return s * (1 - s) }
}
