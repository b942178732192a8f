/// A first-order optimiser acting in place on a flat parameter buffer θ.
///
/// **Convention: ascent.** `step` receives an update DIRECTION d to move along —
/// the paper's f(τ, θ, η), an ascent direction of the A2C surrogate — and applies
/// θ ← θ + Δ(d), e.g. θ ← θ + α d for SGD. To minimise a loss L, pass d = −∇L.
///
/// Optimiser state (moments, step count) is preallocated for `parameterCount`
/// parameters at `init` and is `Codable`, so checkpoints capture it.
public protocol Optimizer<Scalar>: Codable, Sendable {
  associatedtype Scalar: Real
  /// Number of parameters the state was allocated for.
  var parameterCount: Int { get }
  /// θ ← θ + Δ(d) in place; `parameters` and `direction` hold `parameterCount` scalars.
  mutating func step(parameters: UnsafeMutablePointer<Scalar>, direction: UnsafePointer<Scalar>)
}

extension Optimizer {
  /// Array convenience for ``step(parameters:direction:)``.
  public mutating func step(parameters: inout [Scalar], direction: [Scalar]) {
    precondition(parameters.count == parameterCount && direction.count == parameterCount,
                 "optimiser has \(parameterCount) parameters; got θ \(parameters.count), d \(direction.count)")
    parameters.withUnsafeMutableBufferPointer { p in
      direction.withUnsafeBufferPointer { d in
        step(parameters: p.baseAddress!, direction: d.baseAddress!)
      }
    }
  }
}
