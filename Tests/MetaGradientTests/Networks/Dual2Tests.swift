import Foundation
import Testing
@testable import MetaGradient

@Suite struct Dual2Tests {
  typealias D2 = Dual2<Double>

  /// Each tangent follows Dual's rules: the same operations on Dual2 and on two Duals.
  @Test func elementwiseRulesAreDualsPerTangent() {
    var random = RandomStream(seed: 3)
    for _ in 0..<20 {
      let (a, b) = (0.5 + abs(random.normal()), 0.5 + abs(random.normal()))
      let (ta, tb) = ((random.normal(), random.normal()), (random.normal(), random.normal()))
      let x = D2(value: a, tangent0: ta.0, tangent1: ta.1), y = D2(value: b, tangent0: tb.0, tangent1: tb.1)
      func single(_ j: Int) -> (Dual<Double>, Dual<Double>) {
        (Dual(value: a, tangent: j == 0 ? ta.0 : ta.1), Dual(value: b, tangent: j == 0 ? tb.0 : tb.1))
      }
      func check(_ got: D2, _ rule: (Dual<Double>, Dual<Double>) -> Dual<Double>) {
        let r0 = rule(single(0).0, single(0).1), r1 = rule(single(1).0, single(1).1)
        #expect(got.value == r0.value && got.tangent0 == r0.tangent && got.tangent1 == r1.tangent)
      }
      check(x + y) { $0 + $1 }
      check(x - y) { $0 - $1 }
      check(x * y) { $0 * $1 }
      check(x / y) { $0 / $1 }
      check(-x) { a, _ in -a }
      check(D2.exp(x)) { a, _ in Dual.exp(a) }
      check(D2.log(x)) { a, _ in Dual.log(a) }
      check(D2.tanh(x)) { a, _ in Dual.tanh(a) }
      check(D2.sqrt(x)) { a, _ in Dual.sqrt(a) }
    }
    let (one, two) = (D2(value: 1, tangent0: 0, tangent1: 0), D2(value: 2, tangent0: 0, tangent1: 0))
    #expect(D2(value: 1, tangent0: 5, tangent1: 6) == one && one < two)
  }

  /// Dual2's gemm against a naive triple loop on the planes, for all four transpose
  /// combinations, padded strides, dual α and β, and constant sides. Each case's
  /// m, n, k are read back from its data (the operands' stored sizes and strides).
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func gemmMatchesNaiveProduct(_ transposes: (Bool, Bool)) {
    let (tA, tB) = transposes
    var random = RandomStream(seed: 29)
    // op(A) as (m, k) and op(B) as (k, n).
    let shapes: [(a: (Int, Int), b: (Int, Int))] = [((5, 6), (6, 4)), ((1, 7), (7, 1)), ((9, 3), (3, 8))]
    for shape in shapes {
      let (rowsA, colsA) = tA ? (shape.a.1, shape.a.0) : shape.a
      let (rowsB, colsB) = tB ? (shape.b.1, shape.b.0) : shape.b
      let (lda, ldb) = (colsA + 2, colsB + 1)
      for zeroA in [false, true] {
        for zeroB in [false, true] {
          for (alpha, beta) in [(D2.one, D2.zero), (D2.one, D2.one),
                                (D2(value: 2, tangent0: 0.3, tangent1: -0.2), D2(value: 0.5, tangent0: -0.7, tangent1: 0.4))] {
            func matrix(_ rows: Int, _ stride: Int, zeroTangent: Bool) -> [D2] {
              (0..<(rows * stride)).map { _ in
                D2(value: random.normal(), tangent0: zeroTangent ? 0 : random.normal(),
                   tangent1: zeroTangent ? 0 : random.normal())
              }
            }
            let a = matrix(rowsA, lda, zeroTangent: zeroA), b = matrix(rowsB, ldb, zeroTangent: zeroB)
            // m, n, k read off the stored operands (rows = count / stride).
            let (storedRowsA, storedRowsB) = (a.count / lda, b.count / ldb)
            let (m, k) = tA ? (colsA, storedRowsA) : (storedRowsA, colsA)
            let n = tB ? storedRowsB : colsB
            #expect((tB ? colsB : storedRowsB) == k)
            let ldc = n + 3
            var c = matrix(m, ldc, zeroTangent: false)
            if beta == .zero { for i in 0..<m { c[i * ldc] = D2(value: .nan, tangent0: .nan, tangent1: .nan) } }
            let c0 = c
            D2.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                    b: b, ldb: ldb, beta: beta, c: &c, ldc: ldc)
            // Naive: op(X)[i, l] read through the stride.
            func opA(_ i: Int, _ l: Int) -> D2 { tA ? a[l * lda + i] : a[i * lda + l] }
            func opB(_ l: Int, _ j: Int) -> D2 { tB ? b[j * ldb + l] : b[l * ldb + j] }
            var worst = 0.0
            for i in 0..<m {
              for j in 0..<n {
                var p = 0.0, q0 = 0.0, q1 = 0.0
                for l in 0..<k {
                  let (x, y) = (opA(i, l), opB(l, j))
                  p += x.value * y.value
                  q0 += x.tangent0 * y.value + x.value * y.tangent0
                  q1 += x.tangent1 * y.value + x.value * y.tangent1
                }
                let keep = beta == .zero ? D2.zero : c0[i * ldc + j], got = c[i * ldc + j]
                let value = alpha.value * p + beta.value * keep.value
                let t0 = alpha.tangent0 * p + alpha.value * q0 + beta.tangent0 * keep.value + beta.value * keep.tangent0
                let t1 = alpha.tangent1 * p + alpha.value * q1 + beta.tangent1 * keep.value + beta.value * keep.tangent1
                worst = max(worst, abs(got.value - value), abs(got.tangent0 - t0), abs(got.tangent1 - t1))
              }
              for j in n..<ldc {  // padding untouched
                #expect(c[i * ldc + j].value == c0[i * ldc + j].value && c[i * ldc + j].tangent1 == c0[i * ldc + j].tangent1)
              }
            }
            #expect(worst < 1e-12, "tA \(tA) tB \(tB) \(m)×\(n)×\(k) zeroA \(zeroA) zeroB \(zeroB): \(worst)")
          }
        }
      }
    }
  }

  /// Each tangent of Dual2's gemm is bit for bit ``Dual``'s gemm along it (the same BLAS
  /// calls on the same planes), in Float, for every transpose combination, on shapes of
  /// the networks' products (T = 20, N = 16 batches), with one side's or one tangent's
  /// plane zero. (What keeps exact-trace runs byte-identical to the two-pass trace.)
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func gemmTangentsAreDualsBitForBit(_ transposes: (Bool, Bool)) {
    let (tA, tB) = transposes
    var random = RandomStream(seed: 31)
    for (m, n, k) in [(336, 64, 64), (64, 64, 320), (336, 2, 64), (36, 16, 320)] {
      let (rowsA, colsA) = tA ? (k, m) : (m, k), (rowsB, colsB) = tB ? (n, k) : (k, n)
      // Which tangent planes are nonzero: (A₀, A₁, B₀, B₁).
      for live in [(true, true, true, true), (true, false, true, true), (false, false, true, true), (true, true, false, true)] {
        func matrix(_ count: Int, _ t0: Bool, _ t1: Bool) -> [(Float, Float, Float)] {
          (0..<count).map { _ in
            (Float(random.normal()), t0 ? Float(random.normal()) : 0, t1 ? Float(random.normal()) : 0)
          }
        }
        let a = matrix(rowsA * colsA, live.0, live.1), b = matrix(rowsB * colsB, live.2, live.3)
        let a2 = a.map { Dual2(value: $0.0, tangent0: $0.1, tangent1: $0.2) }
        let b2 = b.map { Dual2(value: $0.0, tangent0: $0.1, tangent1: $0.2) }
        var c2 = [Dual2<Float>](repeating: .zero, count: m * n)
        Dual2.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: .one, a: a2, lda: colsA,
                   b: b2, ldb: colsB, beta: .zero, c: &c2, ldc: n)
        for j in 0..<2 {
          let a1 = a.map { Dual(value: $0.0, tangent: j == 0 ? $0.1 : $0.2) }
          let b1 = b.map { Dual(value: $0.0, tangent: j == 0 ? $0.1 : $0.2) }
          var c1 = [Dual<Float>](repeating: .zero, count: m * n)
          Dual.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: .one, a: a1, lda: colsA,
                    b: b1, ldb: colsB, beta: .zero, c: &c1, ldc: n)
          #expect(c1.map(\.value) == c2.map(\.value))
          #expect(c1.map(\.tangent) == c2.map { j == 0 ? $0.tangent0 : $0.tangent1 }, "\(m)×\(n)×\(k) tA \(tA) tB \(tB) \(live) tangent \(j)")
        }
      }
    }
  }
}

