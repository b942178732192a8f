/// Single-core `cblas_sgemm` speed on an n×n×n product (OpenBLAS pinned to one thread
/// by ``BLASThreads``): the machine's practical Float32 peak, against which the
/// training loop's achieved GFLOP/s is read.
public enum SgemmThroughput {
  /// GFLOP/s (2n³ FLOPs per product) of C = A B, best of `repeats`.
  public static func gigaflops(size n: Int = 1024, repeats: Int = 5) -> Double {
    BLASThreads.useOneThread()
    var random = RandomStream(seed: 3)
    let a = (0..<(n * n)).map { _ in random.uniformFloat() - 0.5 }
    let b = (0..<(n * n)).map { _ in random.uniformFloat() - 0.5 }
    var c = [Float](repeating: 0, count: n * n)
    let seconds = a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          BestOfTiming.seconds(repeats: repeats) {
            Float.gemm(transposeA: false, transposeB: false, m: n, n: n, k: n, alpha: 1,
                       a: a.baseAddress!, lda: n, b: b.baseAddress!, ldb: n, beta: 0,
                       c: c.baseAddress!, ldc: n)
          }
        }
      }
    }
    return 2 * Double(n) * Double(n) * Double(n) / seconds / 1e9
  }
}
