extension ActorCriticArchitecture {
  /// Fresh parameters θ₀ in the network's flat layout.
  ///
  /// Weights: truncated normal (cut at ±2σ, redrawn) with σ = 1/√fan_in, biases 0 —
  /// Sonnet's `snt.Linear`/`snt.Conv2D` default, which is what IMPALA's reference
  /// agent (deepmind/scalable_agent) and hence the paper's agent used. fan_in is the
  /// number of inputs of a unit (k·k·C for the convolution).
  public func initialParameters<Scalar: Real>(
    as _: Scalar.Type = Scalar.self, using random: inout RandomStream
  ) -> [Scalar] {
    var theta = [Scalar](repeating: .zero, count: layout.count)
    for block in layout.blocks where block.shape.count == 2 {
      let sigma = 1 / Double(block.shape[0]).squareRoot()
      for i in block.offset..<(block.offset + block.size) {
        var z = random.normal()
        while abs(z) > 2 { z = random.normal() }
        theta[i] = Scalar(sigma * z)
      }
    }
    return theta
  }
}
