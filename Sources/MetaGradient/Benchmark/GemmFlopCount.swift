/// The floating-point operations of the matrix products of ``ActorCritic``, counted
/// analytically (2 per multiply-add; bias adds, activations, softmax and optimiser
/// are not counted): what "achieved GFLOP/s" of a training loop is measured against.
///
/// A dense step y = act(x W + b) over R rows with W of shape [k, n] costs 2·R·k·n
/// forward; backward it costs 2·R·k·n for dW = xᵀ dZ and, above the first layer,
/// 2·R·k·n for dX = dZ Wᵀ. The two heads read x of width F and output A logits and one
/// value: 2·B·F·(A + 1) forward, the same for their dW and (when there is a torso)
/// for dx. A conv layer is a dense step over B·OH·OW rows (im2col).
public struct GemmFlopCount: Sendable {
  /// The network's dense steps as (rows per state, inputs k, outputs n).
  public let layers: [(rowsPerSample: Int, inputs: Int, outputs: Int)]
  /// F, the heads' input width, and A + 1, their output width.
  public let headInputs: Int, headOutputs: Int

  public init(_ architecture: ActorCriticArchitecture) {
    switch architecture.torso {
    case .mlp(let hidden):
      var fanIn = architecture.observationSize
      var layers: [(Int, Int, Int)] = []
      for h in hidden { layers.append((1, fanIn, h)); fanIn = h }
      self.layers = layers
    case .conv(let h, let w, let c, let f, let k, let hidden):
      let positions = (h - k + 1) * (w - k + 1)
      layers = [(positions, k * k * c, f), (1, positions * f, hidden)]
    }
    headInputs = architecture.headInputCount
    headOutputs = architecture.actionCount + 1
  }

  /// FLOPs of a forward pass over `batch` states.
  public func forward(batch: Int) -> Double {
    var total = 2.0 * Double(batch * headInputs * headOutputs)
    for l in layers { total += 2.0 * Double(batch * l.rowsPerSample * l.inputs * l.outputs) }
    return total
  }

  /// FLOPs of a backward pass (vector-Jacobian product into θ) over `batch` states.
  public func backward(batch: Int) -> Double {
    let head = 2.0 * Double(batch * headInputs * headOutputs)
    var total = layers.isEmpty ? head : 2 * head
    for (i, l) in layers.enumerated() {
      let product = 2.0 * Double(batch * l.rowsPerSample * l.inputs * l.outputs)
      total += i == 0 ? product : 2 * product
    }
    return total
  }

  /// FLOPs of a Jacobian-vector product (``ActorCritic/jvp(parameters:tangent:batch:logitsTangent:valuesTangent:)``)
  /// over `batch` states: x Ẇ everywhere, plus ẋ W above the first layer and in the heads.
  public func jvp(batch: Int) -> Double {
    var total = 2.0 * Double(batch * headInputs * headOutputs)
    if !layers.isEmpty { total *= 2 }
    for (i, l) in layers.enumerated() {
      let product = 2.0 * Double(batch * l.rowsPerSample * l.inputs * l.outputs)
      total += i == 0 ? product : 2 * product
    }
    return total
  }
}
