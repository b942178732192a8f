extension ActorCritic {
  /// Array convenience for ``forward(parameters:observations:extra:batch:)`` (allocates
  /// its results; use the pointer form in training loops).
  public func forward(
    parameters: [Scalar], observations: [Scalar], extra: [Scalar]? = nil, batch: Int
  ) -> (logits: [Scalar], values: [Scalar]) {
    precondition(parameters.count == parameterCount, "θ has \(parameters.count) ≠ \(parameterCount) entries")
    precondition(observations.count == batch * architecture.observationSize,
                 "observations has \(observations.count) ≠ batch·obs entries")
    if let extra {
      precondition(extra.count == batch * architecture.extraFeatures, "extra has \(extra.count) entries")
    }
    parameters.withUnsafeBufferPointer { p in
      observations.withUnsafeBufferPointer { o in
        if let extra {
          extra.withUnsafeBufferPointer { e in
            forward(parameters: p.baseAddress!, observations: o.baseAddress!,
                    extra: e.baseAddress, batch: batch)
          }
        } else {
          forward(parameters: p.baseAddress!, observations: o.baseAddress!, extra: nil,
                  batch: batch)
        }
      }
    }
    return (Array(logits), Array(values))
  }

  /// Array convenience for ``backward(parameters:dLogits:dValues:batch:gradient:dExtra:)``:
  /// returns a fresh gradient [P] and the extra input's cotangent [batch, E].
  public func backward(
    parameters: [Scalar], dLogits: [Scalar], dValues: [Scalar], batch: Int
  ) -> (gradient: [Scalar], dExtra: [Scalar]) {
    precondition(dLogits.count == batch * architecture.actionCount && dValues.count == batch,
                 "cotangents must be [batch, A] and [batch]")
    var gradient = [Scalar](repeating: .zero, count: parameterCount)
    var dExtra = [Scalar](repeating: .zero, count: batch * architecture.extraFeatures)
    parameters.withUnsafeBufferPointer { p in
      dLogits.withUnsafeBufferPointer { dl in
        dValues.withUnsafeBufferPointer { dv in
          gradient.withUnsafeMutableBufferPointer { g in
            dExtra.withUnsafeMutableBufferPointer { de in
              backward(parameters: p.baseAddress!, dLogits: dl.baseAddress!,
                       dValues: dv.baseAddress!, batch: batch, gradient: g.baseAddress!,
                       dExtra: de.baseAddress)
            }
          }
        }
      }
    }
    return (gradient, dExtra)
  }
}
