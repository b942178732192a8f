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
/// f′(a)) is computed once instead of twice; the matrix products are the same
/// multiply-adds in fewer, larger BLAS calls (see
/// ``gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``).
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

  /// Row-major C = α op(A) op(B) + β C on two-tangent dual matrices, by planes, with
  /// the two tangents of each side stacked into one BLAS call:
  ///
  ///     P          = Aᵥ Bᵥ                           (value product, m × n × k)
  ///     [Ṗ₀; Ṗ₁]  = [Ȧ₀; Ȧ₁] Bᵥ                      (one gemm of 2m rows)
  ///     [Ṗ₀  Ṗ₁] += Aᵥ [Ḃ₀  Ḃ₁]                      (one gemm of 2n columns, β = 1)
  ///     C ← α (P + Ṗ₀ ε₀ + Ṗ₁ ε₁) + β C               (elementwise, in dual arithmetic)
  ///
  /// The planes are laid out so that each stack is a plain BLAS operand: op(A)'s
  /// [Ȧ₀; Ȧ₁] is two consecutive m × k planes when A is not transposed, and the
  /// k × 2m matrix [Ȧ₀ Ȧ₁] (each stored row holds both planes' rows) with
  /// `transposeA`; op(B)'s [Ḃ₀ Ḃ₁] is the k × 2n matrix [Ḃ₀ Ḃ₁] when B is not
  /// transposed, and two consecutive n × k planes [Ḃ₀; Ḃ₁] with `transposeB`. The A side's
  /// 2m × n result is copied into the m × 2n layout before the B side accumulates onto
  /// it, so each tangent is summed exactly as ``Dual``'s gemm sums it (Ȧⱼ Bᵥ, then
  /// Aᵥ Ḃⱼ added by BLAS with β = 1).
  ///
  /// Cost: 3 Base gemm calls — 1 of m·n·k and 2 of 2·m·n·k multiply-adds, the same
  /// 5 m·n·k as two ``Dual`` products less one value product — or 2 when one side's
  /// tangents are entirely zero (detected during the copy), or 1 when both are; plus
  /// O(mk + kn + mn) copies and 3(mk + kn) + 5mn Base scalars of per-thread scratch
  /// (``DualGemmScratch``, reused: no allocation in steady state). The fast path
  /// α = 1, β ∈ {0, 1} avoids dual multiplications in the write-back. `β == 0`
  /// overwrites C (NaN in C is ignored), as for BLAS.
  @inlinable
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Dual2, a: UnsafePointer<Dual2>, lda: Int,
    b: UnsafePointer<Dual2>, ldb: Int,
    beta: Dual2, c: UnsafeMutablePointer<Dual2>, ldc: Int
  ) {
    guard m > 0 && n > 0 else { return }
    let betaIsZero = beta == .zero && beta.tangent0 == .zero && beta.tangent1 == .zero
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
    let scalars = 3 * (sizeA + sizeB) + 5 * sizeC
    let scratch = DualGemmScratch.acquire(bytes: scalars * MemoryLayout<Base>.stride,
                                          alignment: MemoryLayout<Base>.alignment)
    defer { DualGemmScratch.release() }
    let base = scratch.bindMemory(to: Base.self, capacity: scalars)
    let aValue = base, aTangents = aValue + sizeA
    let bValue = aTangents + 2 * sizeA, bTangents = bValue + sizeB
    let pValue = bTangents + 2 * sizeB
    let pRows = pValue + sizeC      // [Ṗ₀; Ṗ₁], 2m × n (the A side's product)
    let pColumns = pRows + 2 * sizeC  // [Ṗ₀ Ṗ₁], m × 2n (the result)

    // op(A) stacked by rows: planes one after the other (A as stored), or side by side
    // in each stored row (Aᵀ). op(B) stacked by columns: side by side in each stored
    // row (B as stored), or planes one after the other (Bᵀ).
    let aHasTangent = split(a, rows: rowsA, columns: colsA, stride: lda, value: aValue, tangents: aTangents,
                            sideBySide: transposeA)
    let bHasTangent = split(b, rows: rowsB, columns: colsB, stride: ldb, value: bValue, tangents: bTangents,
                            sideBySide: !transposeB)

    Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
              alpha: .one, a: aValue, lda: colsA, b: bValue, ldb: colsB,
              beta: .zero, c: pValue, ldc: n)
    if aHasTangent {
      Base.gemm(transposeA: transposeA, transposeB: transposeB, m: 2 * m, n: n, k: k,
                alpha: .one, a: aTangents, lda: transposeA ? 2 * colsA : colsA, b: bValue, ldb: colsB,
                beta: .zero, c: pRows, ldc: n)
    }
    if bHasTangent {
      if aHasTangent {
        for i in 0..<m {
          (pColumns + i * 2 * n).update(from: pRows + i * n, count: n)
          (pColumns + i * 2 * n + n).update(from: pRows + sizeC + i * n, count: n)
        }
      }
      Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: 2 * n, k: k,
                alpha: .one, a: aValue, lda: colsA, b: bTangents, ldb: transposeB ? colsB : 2 * colsB,
                beta: aHasTangent ? .one : .zero, c: pColumns, ldc: 2 * n)
    }
    let productHasTangent = aHasTangent || bHasTangent
    // Where Ṗ_j[i, ·] starts: row i of plane j.
    @inline(__always) func tangentRow(_ j: Int, _ i: Int) -> UnsafeMutablePointer<Base> {
      bHasTangent ? pColumns + i * 2 * n + j * n : pRows + j * sizeC + i * n
    }

    // Write back: C = α (P + Ṗ₀ ε₀ + Ṗ₁ ε₁) + β C.
    for i in 0..<m {
      let row = c + i * ldc, pv = pValue + i * n
      if !productHasTangent {
        if alphaIsOne && betaIsZero {
          for j in 0..<n { row[j] = Dual2(pv[j]) }
        } else if alphaIsOne && betaIsOne {
          for j in 0..<n { row[j].value += pv[j] }
        } else {
          for j in 0..<n { row[j] = betaIsZero ? alpha * Dual2(pv[j]) : alpha * Dual2(pv[j]) + beta * row[j] }
        }
        continue
      }
      let t0 = tangentRow(0, i), t1 = tangentRow(1, i)
      if alphaIsOne && betaIsZero {
        for j in 0..<n { row[j] = Dual2(value: pv[j], tangent0: t0[j], tangent1: t1[j]) }
      } else if alphaIsOne && betaIsOne {
        for j in 0..<n {
          row[j].value += pv[j]
          row[j].tangent0 += t0[j]
          row[j].tangent1 += t1[j]
        }
      } else {
        for j in 0..<n {
          let p = Dual2(value: pv[j], tangent0: t0[j], tangent1: t1[j])
          row[j] = betaIsZero ? alpha * p : alpha * p + beta * row[j]
        }
      }
    }
  }

  /// Copies a strided [rows, columns] two-tangent matrix into a contiguous value plane
  /// and its two tangent planes: one after the other ([rows, columns] each), or, with
  /// `sideBySide`, interleaved by rows ([rows, 2·columns], row i = plane 0's row i then
  /// plane 1's). Returns whether any tangent is nonzero.
  @inlinable @inline(__always)
  static func split(
    _ x: UnsafePointer<Dual2>, rows: Int, columns: Int, stride: Int,
    value: UnsafeMutablePointer<Base>, tangents: UnsafeMutablePointer<Base>, sideBySide: Bool
  ) -> Bool {
    var nonzero = false
    for i in 0..<rows {
      let src = x + i * stride, v = value + i * columns
      let t0 = sideBySide ? tangents + i * 2 * columns : tangents + i * columns
      let t1 = sideBySide ? t0 + columns : t0 + rows * columns
      for j in 0..<columns {
        let d = src[j]
        v[j] = d.value
        t0[j] = d.tangent0
        t1[j] = d.tangent1
        nonzero = nonzero || d.tangent0 != .zero || d.tangent1 != .zero
      }
    }
    return nonzero
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
