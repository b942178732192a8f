import Foundation
import Testing
@testable import MetaGradient

@Suite struct RealTests {
  /// Float's rational tanh is within a few ulp of libm's over the whole range.
  @Test func floatTanhApproximation() {
    var worst: Float = 0
    for i in -20_000...20_000 {
      let x = Float(i) * 1e-3
      let exact = Float(Foundation.tanh(Double(x)))
      worst = max(worst, abs(Float.tanh(x) - exact))
    }
    #expect(worst < 4e-7)
    #expect(Float.tanh(100) == 1 && Float.tanh(-100) == -1 && Float.tanh(0) == 0)
  }

  /// gemm with every transpose combination against a naive product.
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func gemmMatchesNaive(_ transposes: (Bool, Bool)) {
    let (tA, tB) = transposes
    let (m, n, k) = (3, 4, 5)
    var random = RandomStream(seed: 3)
    let a = (0..<(m * k)).map { _ in random.normal() }, b = (0..<(k * n)).map { _ in random.normal() }
    var c = (0..<(m * n)).map { _ in random.normal() }
    let c0 = c
    // A stored [m,k] or [k,m]; B stored [k,n] or [n,k].
    func A(_ i: Int, _ p: Int) -> Double { tA ? a[p * m + i] : a[i * k + p] }
    func B(_ p: Int, _ j: Int) -> Double { tB ? b[j * k + p] : b[p * n + j] }
    Double.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: 2,
                a: a, lda: tA ? m : k, b: b, ldb: tB ? k : n, beta: 0.5, c: &c, ldc: n)
    for i in 0..<m {
      for j in 0..<n {
        let expected = 2 * (0..<k).map { A(i, $0) * B($0, j) }.reduce(0, +) + 0.5 * c0[i * n + j]
        #expect(abs(c[i * n + j] - expected) < 1e-12)
      }
    }
  }
}
