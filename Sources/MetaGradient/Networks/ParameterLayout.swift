/// One named weight or bias inside the flat parameter vector θ.
public struct ParameterBlock: Codable, Sendable, Hashable {
  /// `W1`, `b1`, …, `Wpi`, `bpi`, `Wv`, `bv`.
  public var name: String
  /// Row-major shape, e.g. [inputs, outputs] for a weight matrix.
  public var shape: [Int]
  /// Index of the block's first element in θ.
  public var offset: Int
  /// Number of elements, the product of `shape`.
  public var size: Int { shape.reduce(1, *) }
}

/// The layout of a flat parameter vector: θ is ONE contiguous buffer, the blocks are
/// concatenated in order with no padding, and gradients use the same layout.
public struct ParameterLayout: Codable, Sendable, Hashable {
  /// The blocks in the order they appear in θ.
  public private(set) var blocks: [ParameterBlock]
  /// P, the total number of parameters.
  public private(set) var count: Int

  /// Concatenates `(name, shape)` blocks in order.
  public init(_ namedShapes: [(String, [Int])]) {
    var offset = 0
    blocks = []
    for (name, shape) in namedShapes {
      let block = ParameterBlock(name: name, shape: shape, offset: offset)
      blocks.append(block)
      offset += block.size
    }
    count = offset
  }

  /// The block called `name`, or nil.
  public subscript(name: String) -> ParameterBlock? { blocks.first { $0.name == name } }
}
