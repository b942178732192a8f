/// A forward-mode dual number with two tangents, x + ẋ₀ ε₀ + ẋ₁ ε₁ (εᵢ εⱼ = 0): a
/// value and its directional derivatives along two directions of the inputs at once
/// (vector-mode forward differentiation).
///
/// Running generic code over ``Real`` on `Dual2<Base>` evaluates it and two
/// Jacobian-vector products in one pass: seed the inputs with two directions u₀, u₁
/// and every result y carries ẏⱼ = (∂y/∂inputs) uⱼ. The rules are ``Dual``'s, applied
/// to each tangent with the same value part,
///
///     (a, ȧ) ± (b, ḃ) = (a ± b, ȧⱼ ± ḃⱼ)
///     (a, ȧ) · (b, ḃ) = (ab, ȧⱼ b + a ḃⱼ)
///     (a, ȧ) / (b, ḃ) = (a/b, (ȧⱼ − (a/b) ḃⱼ)/b)
///     f(a, ȧ)         = (f(a), f′(a) ȧⱼ)   for exp, log, tanh, sqrt,
///
/// written as ``Dual`` writes them, so each tangent is, operation by operation, the
/// tangent a `Dual` pass along uⱼ computes. Comparisons look at the value only (as
/// ``Dual``: branches follow the primal computation).
///
/// Cost against two ``Dual`` passes: the value part (and every elementwise f(a),
/// f′(a)) is computed once instead of twice, and so is each matrix product's value
/// plane (5 BLAS products instead of 6, see
/// ``gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``); each tangent
/// is bit for bit the one the `Dual` pass gives.
@frozen
public struct Dual2<Base: Real>: Real {
  /// The primal value x.
  public var value: Base
  /// The first tangent ẋ₀.
  public var tangent0: Base
  /// The second tangent ẋ₁.
  public var tangent1: Base

  /// x + ẋ₀ ε₀ + ẋ₁ ε₁.
  @inlinable @inline(__always)
  public init(value: Base, tangent0: Base, tangent1: Base) {
    self.value = value
    self.tangent0 = tangent0
    self.tangent1 = tangent1
  }

  /// A constant (zero tangents).
  @inlinable @inline(__always)
  public init(_ value: Base) { self.init(value: value, tangent0: .zero, tangent1: .zero) }

  /// A constant (zero tangents) from a `Double`.
  @inlinable @inline(__always)
  public init(_ value: Double) { self.init(value: Base(value), tangent0: .zero, tangent1: .zero) }

  @inlinable public var doubleValue: Double { value.doubleValue }

  @inlinable public static var zero: Dual2 { Dual2(value: .zero, tangent0: .zero, tangent1: .zero) }
  @inlinable public static var one: Dual2 { Dual2(value: .one, tangent0: .zero, tangent1: .zero) }

  // MARK: Ordering (by value)

  /// Equal values (tangents are ignored, consistently with `<`).
  @inlinable @inline(__always)
  public static func == (lhs: Dual2, rhs: Dual2) -> Bool { lhs.value == rhs.value }
  @inlinable @inline(__always)
  public static func < (lhs: Dual2, rhs: Dual2) -> Bool { lhs.value < rhs.value }

  // MARK: Arithmetic

  @inlinable @inline(__always)
  public static func + (lhs: Dual2, rhs: Dual2) -> Dual2 {
    Dual2(value: lhs.value + rhs.value, tangent0: lhs.tangent0 + rhs.tangent0, tangent1: lhs.tangent1 + rhs.tangent1)
  }
  @inlinable @inline(__always)
  public static func - (lhs: Dual2, rhs: Dual2) -> Dual2 {
    Dual2(value: lhs.value - rhs.value, tangent0: lhs.tangent0 - rhs.tangent0, tangent1: lhs.tangent1 - rhs.tangent1)
  }
  @inlinable @inline(__always)
  public static func += (lhs: inout Dual2, rhs: Dual2) { lhs = lhs + rhs }
  @inlinable @inline(__always)
  public static func -= (lhs: inout Dual2, rhs: Dual2) { lhs = lhs - rhs }
  @inlinable @inline(__always)
  public static prefix func - (operand: Dual2) -> Dual2 {
    Dual2(value: -operand.value, tangent0: -operand.tangent0, tangent1: -operand.tangent1)
  }
  @inlinable @inline(__always)
  public static func * (lhs: Dual2, rhs: Dual2) -> Dual2 {
    Dual2(value: lhs.value * rhs.value,
          tangent0: lhs.tangent0 * rhs.value + lhs.value * rhs.tangent0,
          tangent1: lhs.tangent1 * rhs.value + lhs.value * rhs.tangent1)
  }
  @inlinable @inline(__always)
  public static func / (lhs: Dual2, rhs: Dual2) -> Dual2 {
    let q = lhs.value / rhs.value
    return Dual2(value: q, tangent0: (lhs.tangent0 - q * rhs.tangent0) / rhs.value,
                 tangent1: (lhs.tangent1 - q * rhs.tangent1) / rhs.value)
  }
  @inlinable @inline(__always)
  public static func *= (lhs: inout Dual2, rhs: Dual2) { lhs = lhs * rhs }
  @inlinable @inline(__always)
  public static func /= (lhs: inout Dual2, rhs: Dual2) { lhs = lhs / rhs }

  // MARK: Elementary functions

  /// (eˣ, eˣ ẋⱼ).
  @inlinable @inline(__always)
  public static func exp(_ x: Dual2) -> Dual2 {
    let e = Base.exp(x.value)
    return Dual2(value: e, tangent0: e * x.tangent0, tangent1: e * x.tangent1)
  }
  /// (log x, ẋⱼ / x).
  @inlinable @inline(__always)
  public static func log(_ x: Dual2) -> Dual2 {
    Dual2(value: Base.log(x.value), tangent0: x.tangent0 / x.value, tangent1: x.tangent1 / x.value)
  }
  /// (tanh x, (1 − tanh² x) ẋⱼ).
  @inlinable @inline(__always)
  public static func tanh(_ x: Dual2) -> Dual2 {
    let y = Base.tanh(x.value), d = Base.one - y * y
    return Dual2(value: y, tangent0: d * x.tangent0, tangent1: d * x.tangent1)
  }
  /// (√x, ẋⱼ / (2√x)).
  @inlinable @inline(__always)
  public static func sqrt(_ x: Dual2) -> Dual2 {
    let s = Base.sqrt(x.value), twice = s + s
    return Dual2(value: s, tangent0: x.tangent0 / twice, tangent1: x.tangent1 / twice)
  }

  // MARK: Matrix product

  /// Row-major C = α op(A) op(B) + β C on two-tangent dual matrices, by planes:
  ///
  ///     P   = Aᵥ Bᵥ                        (value product, once)
  ///     Ṗⱼ  = Ȧⱼ Bᵥ + Aᵥ Ḃⱼ,   j = 0, 1     (tangent products, as ``Dual``'s gemm)
  ///     C ← α (P + Ṗ₀ ε₀ + Ṗ₁ ε₁) + β C     (elementwise, in dual arithmetic)
  ///
  /// A and B are copied (strided, de-interleaved) into contiguous value and tangent
  /// planes in the per-thread ``DualGemmScratch`` (reused: no allocation in steady
  /// state); the products are `Base.gemm` calls (BLAS for `Float`/`Double`), each
  /// tangent's exactly as ``Dual``'s gemm forms it (Ȧⱼ Bᵥ, then Aᵥ Ḃⱼ added by BLAS
  /// with β = 1, a side skipped when its tangent plane is entirely zero), so tangent j
  /// is bit for bit what a `Dual` product along uⱼ gives.
  ///
  /// Why not stack the tangents ([Ȧ₀; Ȧ₁] Bᵥ as one gemm of 2m rows, Aᵥ [Ḃ₀ Ḃ₁] as
  /// one of 2n columns): OpenBLAS's per-element summation order depends on the operand
  /// shapes, so stacked products differ from the single-tangent ones in the last bit
  /// (measured on Zen kernels: 1–20% of the entries of the networks' products), which
  /// would change every exact-trace run's data; and one stacked call is the same
  /// multiply-adds as its two halves. (Measured, not assumed: see
  /// ``ExactMetaTrace``'s cost notes.)
  ///
  /// Cost: up to 5 Base gemms of m·n·k multiply-adds — 1 value + 2 per tangent, one
  /// fewer than two ``Dual`` products — fewer where a side's tangent plane is zero
  /// (a constant input batch, a constant weight matrix, θ̇ = 0); plus O(mk + kn + mn)
  /// copies (one pass over each operand for both tangents) and 3(mk + kn + mn) Base
  /// scalars of scratch. The fast path α = 1, β ∈ {0, 1} (what the networks use)
  /// avoids dual multiplications in the write-back. `β == 0` overwrites C (NaN in C is
  /// ignored), as for BLAS.
  @inlinable
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Dual2, a: UnsafePointer<Dual2>, lda: Int,
    b: UnsafePointer<Dual2>, ldb: Int,
    beta: Dual2, c: UnsafeMutablePointer<Dual2>, ldc: Int
  ) {
    guard m > 0 && n > 0 else { return }
    let betaIsZero = beta.value == .zero && beta.tangent0 == .zero && beta.tangent1 == .zero
    let betaIsOne = beta.value == .one && beta.tangent0 == .zero && beta.tangent1 == .zero
    let alphaIsOne = alpha.value == .one && alpha.tangent0 == .zero && alpha.tangent1 == .zero
    guard k > 0 else {
      for i in 0..<m {
        let row = c + i * ldc
        for j in 0..<n { row[j] = betaIsZero ? .zero : beta * row[j] }
      }
      return
    }
    // Stored shapes: A is [rowsA, colsA], B is [rowsB, colsB].
    let (rowsA, colsA) = transposeA ? (k, m) : (m, k)
    let (rowsB, colsB) = transposeB ? (n, k) : (k, n)
    let sizeA = rowsA * colsA, sizeB = rowsB * colsB, sizeC = m * n
    let scalars = 3 * (sizeA + sizeB + sizeC)
    let scratch = DualGemmScratch.acquire(bytes: scalars * MemoryLayout<Base>.stride,
                                          alignment: MemoryLayout<Base>.alignment)
    defer { DualGemmScratch.release() }
    // Planes: A's value, tangent 0, tangent 1; B's; the products'.
    let aPlanes = scratch.bindMemory(to: Base.self, capacity: scalars)
    let bPlanes = aPlanes + 3 * sizeA, pPlanes = bPlanes + 3 * sizeB

    let aHas = split(a, rows: rowsA, columns: colsA, stride: lda, into: aPlanes)
    let bHas = split(b, rows: rowsB, columns: colsB, stride: ldb, into: bPlanes)

    Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
              alpha: .one, a: aPlanes, lda: colsA, b: bPlanes, ldb: colsB,
              beta: .zero, c: pPlanes, ldc: n)
    for t in 0..<2 {
      let (aT, bT) = t == 0 ? (aHas.0, bHas.0) : (aHas.1, bHas.1)
      guard aT || bT else { continue }
      let product = pPlanes + (1 + t) * sizeC
      if aT {
        Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                  alpha: .one, a: aPlanes + (1 + t) * sizeA, lda: colsA, b: bPlanes, ldb: colsB,
                  beta: .zero, c: product, ldc: n)
      }
      if bT {
        Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                  alpha: .one, a: aPlanes, lda: colsA, b: bPlanes + (1 + t) * sizeB, ldb: colsB,
                  beta: aT ? .one : .zero, c: product, ldc: n)
      }
    }
    let has0 = aHas.0 || bHas.0, has1 = aHas.1 || bHas.1

    // Write back: C = α (P + Ṗ₀ ε₀ + Ṗ₁ ε₁) + β C.
    for i in 0..<m {
      let row = c + i * ldc, pv = pPlanes + i * n
      let t0 = pv + sizeC, t1 = pv + 2 * sizeC
      if alphaIsOne && betaIsZero {
        for j in 0..<n {
          row[j] = Dual2(value: pv[j], tangent0: has0 ? t0[j] : .zero, tangent1: has1 ? t1[j] : .zero)
        }
      } else if alphaIsOne && betaIsOne {
        for j in 0..<n {
          row[j].value += pv[j]
          if has0 { row[j].tangent0 += t0[j] }
          if has1 { row[j].tangent1 += t1[j] }
        }
      } else {
        for j in 0..<n {
          let p = Dual2(value: pv[j], tangent0: has0 ? t0[j] : .zero, tangent1: has1 ? t1[j] : .zero)
          row[j] = betaIsZero ? alpha * p : alpha * p + beta * row[j]
        }
      }
    }
  }

  /// Copies a strided [rows, columns] two-tangent matrix into three contiguous
  /// [rows, columns] planes at `planes` (value, tangent 0, tangent 1); returns whether
  /// each tangent plane has a nonzero entry.
  @inlinable @inline(__always)
  static func split(
    _ x: UnsafePointer<Dual2>, rows: Int, columns: Int, stride: Int, into planes: UnsafeMutablePointer<Base>
  ) -> (Bool, Bool) {
    var nonzero0 = false, nonzero1 = false
    let size = rows * columns
    for i in 0..<rows {
      let src = x + i * stride, v = planes + i * columns, t0 = v + size, t1 = t0 + size
      for j in 0..<columns {
        let d = src[j]
        v[j] = d.value
        t0[j] = d.tangent0
        t1[j] = d.tangent1
        nonzero0 = nonzero0 || d.tangent0 != .zero
        nonzero1 = nonzero1 || d.tangent1 != .zero
      }
    }
    return (nonzero0, nonzero1)
  }
}

extension Dual2: CustomStringConvertible {
  public var description: String { "\(value) + \(tangent0)ε₀ + \(tangent1)ε₁" }
}

/// x[i] + ẋ₀[i] ε₀ + ẋ₁[i] ε₁ into `destination` (ẋⱼ = 0 when `tangents` is nil;
/// otherwise ẋⱼ[i] = tangents[j·count + i], column-major [2, count]).
@inlinable
public func loadDual2<Base: Real>(
  _ value: UnsafePointer<Base>, _ tangents: UnsafePointer<Base>?, count: Int,
  into destination: UnsafeMutablePointer<Dual2<Base>>
) {
  if let tangents {
    for i in 0..<count {
      destination[i] = Dual2(value: value[i], tangent0: tangents[i], tangent1: tangents[count + i])
    }
  } else {
    for i in 0..<count { destination[i] = Dual2(value[i]) }
  }
}
