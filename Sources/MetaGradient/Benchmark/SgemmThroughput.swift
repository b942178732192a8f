/// Single-core `cblas_sgemm` speed on an n×n×n product (OpenBLAS pinned to one thread
/// by `BLASThreads`): the machine's practical Float32 peak, against which the
/// training loop's achieved GFLOP/s is read. A ratio of the two counts only when both
/// are timed in the same turns (``TrainingThroughput/stepsPerSecond(_:iterations:repeats:warmup:inTurnsWith:)``),
/// so that a slow phase of a shared machine hits both alike.
public final class SgemmThroughput {
  /// n.
  public let size: Int
  private var a: [Float], b: [Float], c: [Float]

  /// The operands of an n×n×n product, filled once.
  public init(size n: Int = 1024) {
    size = n
    var random = RandomStream(seed: 3)
    a = (0..<(n * n)).map { _ in random.uniformFloat() - 0.5 }
    b = (0..<(n * n)).map { _ in random.uniformFloat() - 0.5 }
    c = [Float](repeating: 0, count: n * n)
  }

  /// FLOPs of one product, 2n³.
  public var flops: Double { 2 * Double(size) * Double(size) * Double(size) }

  /// One product C = A B.
  public func multiply() {
    let n = size
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          Float.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1,
                     a: a.baseAddress!, lda: n, b: b.baseAddress!, ldb: n, beta: 0, c: c.baseAddress!, ldc: n)
        }
      }
    }
  }

  /// GFLOP/s of one product taking `seconds`.
  public func gigaflops(seconds: Double) -> Double { flops / seconds / 1e9 }

  /// GFLOP/s of C = A B on its own, best of `repeats`.
  public static func gigaflops(size n: Int = 1024, repeats: Int = 5) -> Double {
    let product = SgemmThroughput(size: n)
    return product.gigaflops(seconds: BestOfTiming.seconds(repeats: repeats) { product.multiply() })
  }
}
