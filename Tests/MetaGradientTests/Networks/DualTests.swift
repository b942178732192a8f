import Foundation
import Testing
@testable import MetaGradient

@Suite struct DualTests {
  typealias D = Dual<Double>

  /// exp, log, tanh, sqrt, ×, ÷ carry f′(x)·ẋ: checked against central differences.
  @Test func elementaryDerivativesMatchFiniteDifferences() {
    let h = 1e-6
    let unary: [(String, (D) -> D, (Double) -> Double)] = [
      ("exp", D.exp, Foundation.exp), ("log", D.log, Foundation.log),
      ("tanh", D.tanh, Foundation.tanh), ("sqrt", D.sqrt, { $0.squareRoot() }),
      ("x/(1+x²)", { $0 / (D.one + $0 * $0) }, { $0 / (1 + $0 * $0) }),
      ("-x·x - x", { -$0 * $0 - $0 }, { -$0 * $0 - $0 }),
    ]
    for (name, f, g) in unary {
      for x in [0.3, 0.9, 2.5] {
        let y = f(D(value: x, tangent: 1.7))
        let fd = (g(x + h) - g(x - h)) / (2 * h)
        #expect(abs(y.value - g(x)) < 1e-15, "\(name) value at \(x)")
        #expect(abs(y.tangent - 1.7 * fd) < 1e-8, "\(name) tangent at \(x)")
      }
    }
  }

  @Test func orderedByValueAndCodable() throws {
    let a = D(value: 1, tangent: 5), b = D(value: 2, tangent: -5)
    #expect(a < b && max(a, b).tangent == -5 && a == D(value: 1, tangent: 0))
    #expect(D(3.5).tangent == 0 && D.one.value == 1 && D.zero.value == 0)
    let data = try JSONEncoder().encode([a, b])
    let back = try JSONDecoder().decode([D].self, from: data)
    #expect(back.map(\.value) == [1, 2] && back.map(\.tangent) == [5, -5])
  }

  /// Dual gemm = (value: α AB + β C, tangent: the product rule), for every transpose
  /// combination, padded strides, dual α and β, and constant (zero-tangent) sides.
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func gemmMatchesDoubleGemm(_ transposes: (Bool, Bool)) {
    let (tA, tB) = transposes
    let (m, n, k) = (5, 4, 6)
    var random = RandomStream(seed: 17)
    let (rowsA, colsA) = tA ? (k, m) : (m, k), (rowsB, colsB) = tB ? (n, k) : (k, n)
    let (lda, ldb, ldc) = (colsA + 2, colsB + 1, n + 3)
    for zeroA in [false, true] {
      for zeroB in [false, true] {
        for (alpha, beta) in [(D.one, D.zero), (D.one, D.one),
                              (D(value: 2, tangent: 0.3), D(value: 0.5, tangent: -0.7))] {
          func matrix(_ rows: Int, _ stride: Int, zeroTangent: Bool) -> [D] {
            (0..<(rows * stride)).map { _ in
              D(value: random.normal(), tangent: zeroTangent ? 0 : random.normal())
            }
          }
          let a = matrix(rowsA, lda, zeroTangent: zeroA), b = matrix(rowsB, ldb, zeroTangent: zeroB)
          var c = matrix(m, ldc, zeroTangent: false)
          if beta == .zero { for i in 0..<m { c[i * ldc] = D(value: .nan, tangent: .nan) } }
          let c0 = c
          D.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                 b: b, ldb: ldb, beta: beta, c: &c, ldc: ldc)
          // Reference: Double gemms on the planes.
          func plane(_ x: [D], _ t: Bool) -> [Double] { x.map { t ? $0.tangent : $0.value } }
          func product(_ x: [Double], _ y: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: m * n)
            Double.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: 1, a: x,
                        lda: lda, b: y, ldb: ldb, beta: 0, c: &out, ldc: n)
            return out
          }
          let p = product(plane(a, false), plane(b, false))
          let q1 = product(plane(a, true), plane(b, false))
          let q2 = product(plane(a, false), plane(b, true))
          var worst = 0.0
          for i in 0..<m {
            for j in 0..<n {
              let ij = i * n + j, old = c0[i * ldc + j], got = c[i * ldc + j]
              let keep = beta == .zero ? D.zero : old
              let value = alpha.value * p[ij] + beta.value * keep.value
              let tangent = alpha.tangent * p[ij] + alpha.value * (q1[ij] + q2[ij])
                + beta.tangent * keep.value + beta.value * keep.tangent
              worst = max(worst, abs(got.value - value), abs(got.tangent - tangent))
            }
            // Padding untouched.
            for j in n..<ldc {
              #expect(c[i * ldc + j].value == c0[i * ldc + j].value)
            }
          }
          #expect(worst < 1e-12, "tA \(tA) tB \(tB) zeroA \(zeroA) zeroB \(zeroB): \(worst)")
        }
      }
    }
  }

  /// Nested duals (second derivatives) go through the scratch stack: d²/dt² of
  /// xᵀ(A + tB)… checked on a 1×1×k product of (x + t u)·(y + t w).
  @Test func nestedDualGemm() {
    typealias DD = Dual<Dual<Double>>
    let k = 7
    var random = RandomStream(seed: 5)
    let x = (0..<k).map { _ in random.normal() }, u = (0..<k).map { _ in random.normal() }
    let y = (0..<k).map { _ in random.normal() }, w = (0..<k).map { _ in random.normal() }
    // s ↦ (x + s u)·(y + s w) with s = t + ε₁ + ε₂: value, first and second derivative.
    let a = (0..<k).map { DD(value: D(value: x[$0], tangent: u[$0]), tangent: D(value: u[$0], tangent: 0)) }
    let b = (0..<k).map { DD(value: D(value: y[$0], tangent: w[$0]), tangent: D(value: w[$0], tangent: 0)) }
    var c = [DD.zero]
    DD.gemm(transposeA: false, transposeB: false, m: 1, n: 1, k: k, alpha: .one, a: a, lda: k,
            b: b, ldb: 1, beta: .zero, c: &c, ldc: 1)
    let dot = { (p: [Double], q: [Double]) in zip(p, q).map(*).reduce(0, +) }
    #expect(abs(c[0].value.value - dot(x, y)) < 1e-12)
    #expect(abs(c[0].value.tangent - (dot(u, y) + dot(x, w))) < 1e-12)
    #expect(abs(c[0].tangent.tangent - 2 * dot(u, w)) < 1e-12)
  }
}
