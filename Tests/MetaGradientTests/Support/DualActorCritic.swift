@testable import MetaGradient

/// A test oracle for ``ActorCritic/jvp(parameters:tangent:batch:logitsTangent:valuesTangent:)``
/// and for ``Dual``: one forward pass of ``ActorCritic`` on `Dual<Base>` gives the
/// outputs and their directional derivatives along a parameter direction θ̇,
///
///     logits, v   and   (∂logits/∂θ) θ̇,  (∂v/∂θ) θ̇.
///
/// Observations and the extra input are constants (zero tangents). The wrapper owns
/// the dual copies of θ and the inputs, and its entry point is specialised for
/// `Float` and `Double`, so callers in other modules run fully specialised code (no
/// protocol-witness dispatch on `Dual`).
///
/// Cost: every dense layer's gemm becomes 2 BLAS products (the input batch has no
/// tangent in the first layer, so ∂(x W) = x Ẇ) or 3 (deeper layers: ḣ W + h Ẇ), plus
/// de-interleaving copies; elementwise work (tanh, ReLU, bias) doubles (a test
/// helper: its cost is not measured, `make bench` times the production dual pass).
final class DualActorCritic<Base: Real> {
  /// The network evaluated on dual numbers.
  let network: ActorCritic<Dual<Base>>
  @usableFromInline let theta: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let inputs: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let extras: UnsafeMutablePointer<Dual<Base>>
  @usableFromInline let inputCapacity: Int, extraCapacity: Int

  /// A JVP for `architecture` on up to `maxBatch` states.
  init(_ architecture: ActorCriticArchitecture, maxBatch: Int) {
    network = ActorCritic<Dual<Base>>(architecture, maxBatch: maxBatch)
    let P = architecture.layout.count
    inputCapacity = maxBatch * architecture.observationSize
    extraCapacity = maxBatch * architecture.extraFeatures
    theta = .allocate(capacity: P)
    theta.initialize(repeating: .zero, count: P)
    inputs = .allocate(capacity: inputCapacity)
    inputs.initialize(repeating: .zero, count: inputCapacity)
    extras = .allocate(capacity: max(extraCapacity, 1))
    extras.initialize(repeating: .zero, count: max(extraCapacity, 1))
  }

  deinit {
    theta.deallocate()
    inputs.deallocate()
    extras.deallocate()
  }

  /// P, the number of parameters.
  var parameterCount: Int { network.parameterCount }

  /// Evaluates the network at θ with tangent θ̇ (nil: 0) on `batch` states; read the
  /// results from ``network``'s `logits` and `values` (`.value`, `.tangent`) or
  /// through ``copyOutputs(logits:logitTangents:values:valueTangents:)``.
  func forward(
    parameters: UnsafePointer<Base>, parameterTangent: UnsafePointer<Base>?,
    observations: UnsafePointer<Base>, extra: UnsafePointer<Base>?, batch: Int
  ) {
    let arch = network.architecture
    precondition(batch > 0 && batch * arch.observationSize <= inputCapacity,
                 "batch \(batch) outside 1...\(network.maxBatch)")
    loadDual(parameters, parameterTangent, count: parameterCount, into: theta)
    loadDual(observations, nil, count: batch * arch.observationSize, into: inputs)
    let E = arch.extraFeatures
    if E > 0, let extra { loadDual(extra, nil, count: batch * E, into: extras) }
    network.forward(parameters: theta, observations: inputs,
                    extra: E > 0 && extra != nil ? UnsafePointer(extras) : nil, batch: batch)
  }

  /// Copies the last forward pass's outputs and tangents (each buffer optional).
  func copyOutputs(
    logits: UnsafeMutablePointer<Base>?, logitTangents: UnsafeMutablePointer<Base>?,
    values: UnsafeMutablePointer<Base>?, valueTangents: UnsafeMutablePointer<Base>?
  ) {
    for (i, x) in network.logits.enumerated() {
      logits?[i] = x.value
      logitTangents?[i] = x.tangent
    }
    for (i, x) in network.values.enumerated() {
      values?[i] = x.value
      valueTangents?[i] = x.tangent
    }
  }
}

extension DualActorCritic {
  /// Array convenience: (logits, ∂logits·θ̇, v, ∂v·θ̇) for `batch` states.
  func forward(
    parameters: [Base], parameterTangent: [Base], observations: [Base], extra: [Base]? = nil,
    batch: Int
  ) -> (logits: [Base], logitTangents: [Base], values: [Base], valueTangents: [Base]) {
    precondition(parameters.count == parameterCount && parameterTangent.count == parameterCount,
                 "θ and θ̇ need \(parameterCount) entries")
    precondition(observations.count == batch * network.architecture.observationSize,
                 "observations must be [batch, obs]")
    parameters.withUnsafeBufferPointer { p in
      parameterTangent.withUnsafeBufferPointer { dp in
        observations.withUnsafeBufferPointer { o in
          if let extra {
            extra.withUnsafeBufferPointer { e in
              forward(parameters: p.baseAddress!, parameterTangent: dp.baseAddress!,
                      observations: o.baseAddress!, extra: e.baseAddress, batch: batch)
            }
          } else {
            forward(parameters: p.baseAddress!, parameterTangent: dp.baseAddress!,
                    observations: o.baseAddress!, extra: nil, batch: batch)
          }
        }
      }
    }
    let A = network.architecture.actionCount
    var out = (logits: [Base](repeating: .zero, count: batch * A),
               logitTangents: [Base](repeating: .zero, count: batch * A),
               values: [Base](repeating: .zero, count: batch),
               valueTangents: [Base](repeating: .zero, count: batch))
    copyOutputs(logits: &out.logits, logitTangents: &out.logitTangents,
                values: &out.values, valueTangents: &out.valueTangents)
    return out
  }
}

