#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-mode dual number x + ẋ ε (ε² = 0): a value and its tangent, the
/// directional derivative along one chosen direction of the inputs.
///
/// Running any generic code over ``Real`` on `Dual<Base>` evaluates it and its
/// Jacobian-vector product in one pass: seed the inputs' tangents with a direction u
/// (e.g. θ̇ = z for the parameters, γ̇ = 1 for the discount) and every result y
/// carries ẏ = (∂y/∂inputs) u. The rules are the usual ones,
///
///     (a, ȧ) ± (b, ḃ) = (a ± b, ȧ ± ḃ)
///     (a, ȧ) · (b, ḃ) = (ab, ȧb + aḃ)
///     (a, ȧ) / (b, ḃ) = (a/b, (ȧ − (a/b) ḃ)/b)
///     f(a, ȧ)         = (f(a), f′(a) ȧ)   for exp, log, tanh, sqrt.
///
/// Comparisons (and hence `==`, `max`, ReLU's `x > 0`) look at the value only, so
/// branches follow the primal computation and the tangent is that of the branch
/// taken (the one-sided derivative at a kink).
///
/// ``gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)`` splits the
/// value and tangent planes and multiplies them with `Base.gemm` (BLAS for `Float`
/// and `Double`); see its documentation for the cost.
@frozen
public struct Dual<Base: Real>: Real {
  /// The primal value x.
  public var value: Base
  /// The tangent ẋ (directional derivative).
  public var tangent: Base

  /// x + ẋ ε.
  @inlinable @inline(__always)
  public init(value: Base, tangent: Base) {
    self.value = value
    self.tangent = tangent
  }

  /// A constant (zero tangent).
  @inlinable @inline(__always)
  public init(_ value: Base) { self.init(value: value, tangent: .zero) }

  /// A constant (zero tangent) from a `Double`.
  @inlinable @inline(__always)
  public init(_ value: Double) { self.init(value: Base(value), tangent: .zero) }

  @inlinable public var doubleValue: Double { value.doubleValue }

  @inlinable public static var zero: Dual { Dual(value: .zero, tangent: .zero) }
  @inlinable public static var one: Dual { Dual(value: .one, tangent: .zero) }

  // MARK: Ordering (by value)

  /// Equal values (tangents are ignored, consistently with `<`).
  @inlinable @inline(__always)
  public static func == (lhs: Dual, rhs: Dual) -> Bool { lhs.value == rhs.value }
  @inlinable @inline(__always)
  public static func < (lhs: Dual, rhs: Dual) -> Bool { lhs.value < rhs.value }

  // MARK: Arithmetic

  @inlinable @inline(__always)
  public static func + (lhs: Dual, rhs: Dual) -> Dual {
    Dual(value: lhs.value + rhs.value, tangent: lhs.tangent + rhs.tangent)
  }
  @inlinable @inline(__always)
  public static func - (lhs: Dual, rhs: Dual) -> Dual {
    Dual(value: lhs.value - rhs.value, tangent: lhs.tangent - rhs.tangent)
  }
  @inlinable @inline(__always)
  public static func += (lhs: inout Dual, rhs: Dual) { lhs = lhs + rhs }
  @inlinable @inline(__always)
  public static func -= (lhs: inout Dual, rhs: Dual) { lhs = lhs - rhs }
  @inlinable @inline(__always)
  public static prefix func - (operand: Dual) -> Dual {
    Dual(value: -operand.value, tangent: -operand.tangent)
  }
  @inlinable @inline(__always)
  public static func * (lhs: Dual, rhs: Dual) -> Dual {
    Dual(value: lhs.value * rhs.value,
         tangent: lhs.tangent * rhs.value + lhs.value * rhs.tangent)
  }
  @inlinable @inline(__always)
  public static func / (lhs: Dual, rhs: Dual) -> Dual {
    let q = lhs.value / rhs.value
    return Dual(value: q, tangent: (lhs.tangent - q * rhs.tangent) / rhs.value)
  }
  @inlinable @inline(__always)
  public static func *= (lhs: inout Dual, rhs: Dual) { lhs = lhs * rhs }
  @inlinable @inline(__always)
  public static func /= (lhs: inout Dual, rhs: Dual) { lhs = lhs / rhs }

  // MARK: Elementary functions

  /// (eˣ, eˣ ẋ).
  @inlinable @inline(__always)
  public static func exp(_ x: Dual) -> Dual {
    let e = Base.exp(x.value)
    return Dual(value: e, tangent: e * x.tangent)
  }
  /// (log x, ẋ / x).
  @inlinable @inline(__always)
  public static func log(_ x: Dual) -> Dual {
    Dual(value: Base.log(x.value), tangent: x.tangent / x.value)
  }
  /// (tanh x, (1 − tanh² x) ẋ).
  @inlinable @inline(__always)
  public static func tanh(_ x: Dual) -> Dual {
    let y = Base.tanh(x.value)
    return Dual(value: y, tangent: (Base.one - y * y) * x.tangent)
  }
  /// (√x, ẋ / (2√x)).
  @inlinable @inline(__always)
  public static func sqrt(_ x: Dual) -> Dual {
    let s = Base.sqrt(x.value)
    return Dual(value: s, tangent: x.tangent / (s + s))
  }

  // MARK: Matrix product

  /// Row-major C = α op(A) op(B) + β C on dual matrices, by planes:
  ///
  ///     P  = Aᵥ Bᵥ                    (value product)
  ///     Ṗ  = Ȧ Bᵥ + Aᵥ Ḃ              (tangent product)
  ///     C ← α (P + Ṗ ε) + β C          (elementwise, in dual arithmetic)
  ///
  /// A and B are first copied (strided, de-interleaved) into contiguous value and
  /// tangent planes in a per-thread scratch buffer; P and Ṗ are products with
  /// `Base.gemm` (BLAS for `Float`/`Double`); the result is interleaved back into C.
  ///
  /// Cost: 3 Base gemms of m·n·k multiply-adds, or 2 when Ȧ or Ḃ is entirely zero
  /// (detected during the copy: a constant input batch, a constant weight matrix,
  /// or θ̇ = 0), or 1 when both are; plus O(mk + kn + mn) copies and
  /// 2(mk + kn + mn) Base scalars of scratch. The fast path α = 1, β ∈ {0, 1} (what
  /// the networks use) avoids dual multiplications in the write-back. `β == 0`
  /// overwrites C (NaN in C is ignored), as for BLAS.
  @inlinable
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Dual, a: UnsafePointer<Dual>, lda: Int,
    b: UnsafePointer<Dual>, ldb: Int,
    beta: Dual, c: UnsafeMutablePointer<Dual>, ldc: Int
  ) {
    guard m > 0 && n > 0 else { return }
    let betaIsZero = beta.value == .zero && beta.tangent == .zero
    let betaIsOne = beta.value == .one && beta.tangent == .zero
    let alphaIsOne = alpha.value == .one && alpha.tangent == .zero
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
    let scratch = DualGemmScratch.acquire(
      bytes: 2 * (sizeA + sizeB + sizeC) * MemoryLayout<Base>.stride,
      alignment: MemoryLayout<Base>.alignment)
    defer { DualGemmScratch.release() }
    let base = scratch.bindMemory(to: Base.self, capacity: 2 * (sizeA + sizeB + sizeC))
    let aValue = base, aTangent = base + sizeA
    let bValue = aTangent + sizeA, bTangent = bValue + sizeB
    let pValue = bTangent + sizeB, pTangent = pValue + sizeC

    let aHasTangent = split(a, rows: rowsA, columns: colsA, stride: lda,
                            value: aValue, tangent: aTangent)
    let bHasTangent = split(b, rows: rowsB, columns: colsB, stride: ldb,
                            value: bValue, tangent: bTangent)

    Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
              alpha: .one, a: aValue, lda: colsA, b: bValue, ldb: colsB,
              beta: .zero, c: pValue, ldc: n)
    if aHasTangent {
      Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                alpha: .one, a: aTangent, lda: colsA, b: bValue, ldb: colsB,
                beta: .zero, c: pTangent, ldc: n)
    }
    if bHasTangent {
      Base.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                alpha: .one, a: aValue, lda: colsA, b: bTangent, ldb: colsB,
                beta: aHasTangent ? .one : .zero, c: pTangent, ldc: n)
    }
    let productHasTangent = aHasTangent || bHasTangent

    // Write back: C = α (P + Ṗ ε) + β C.
    for i in 0..<m {
      let row = c + i * ldc, pv = pValue + i * n, pt = pTangent + i * n
      if alphaIsOne && (betaIsZero || betaIsOne) {
        if betaIsZero {
          for j in 0..<n {
            row[j] = Dual(value: pv[j], tangent: productHasTangent ? pt[j] : .zero)
          }
        } else {
          for j in 0..<n {
            row[j].value += pv[j]
            if productHasTangent { row[j].tangent += pt[j] }
          }
        }
      } else {
        for j in 0..<n {
          let p = Dual(value: pv[j], tangent: productHasTangent ? pt[j] : .zero)
          row[j] = betaIsZero ? alpha * p : alpha * p + beta * row[j]
        }
      }
    }
  }

  /// Copies a strided [rows, columns] dual matrix into contiguous value and tangent
  /// planes; returns whether any tangent is nonzero.
  @inlinable @inline(__always)
  static func split(
    _ x: UnsafePointer<Dual>, rows: Int, columns: Int, stride: Int,
    value: UnsafeMutablePointer<Base>, tangent: UnsafeMutablePointer<Base>
  ) -> Bool {
    var nonzero = false
    for i in 0..<rows {
      let src = x + i * stride, v = value + i * columns, t = tangent + i * columns
      for j in 0..<columns {
        let d = src[j]
        v[j] = d.value
        t[j] = d.tangent
        nonzero = nonzero || d.tangent != .zero
      }
    }
    return nonzero
  }
}

extension Dual: CustomStringConvertible {
  public var description: String { "\(value) + \(tangent)ε" }
}

// MARK: - Scratch

/// Per-thread scratch memory for ``Dual``'s gemm: a small stack of growable buffers,
/// one per nesting level (a `Dual<Dual<Double>>` gemm calls `Dual<Double>`'s gemm
/// while holding its own buffer). Buffers are kept for the thread's lifetime, so
/// steady-state training allocates nothing.
@usableFromInline
final class DualGemmScratch {
  private var buffers: [(pointer: UnsafeMutableRawPointer, bytes: Int)] = []
  private var depth = 0

  deinit { for buffer in buffers { buffer.pointer.deallocate() } }

  /// A buffer of at least `bytes` bytes, valid until the matching ``release()``.
  @usableFromInline
  static func acquire(bytes: Int, alignment: Int) -> UnsafeMutableRawPointer {
    let scratch = current
    defer { scratch.depth += 1 }
    let level = scratch.depth
    let needed = max(bytes, 64), align = max(alignment, 16)
    if level == scratch.buffers.count {
      scratch.buffers.append((.allocate(byteCount: needed, alignment: align), needed))
    } else if scratch.buffers[level].bytes < needed {
      scratch.buffers[level].pointer.deallocate()
      let grown = max(needed, 2 * scratch.buffers[level].bytes)
      scratch.buffers[level] = (.allocate(byteCount: grown, alignment: align), grown)
    }
    return scratch.buffers[level].pointer
  }

  /// Returns the innermost buffer acquired on this thread.
  @usableFromInline
  static func release() { current.depth -= 1 }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key) { pointer in
      #if canImport(Glibc)
      guard let pointer else { return }
      #endif
      Unmanaged<DualGemmScratch>.fromOpaque(pointer).release()
    }
    precondition(status == 0, "pthread_key_create failed: \(status)")
    return key
  }()

  private static var current: DualGemmScratch {
    if let pointer = pthread_getspecific(key) {
      return Unmanaged<DualGemmScratch>.fromOpaque(pointer).takeUnretainedValue()
    }
    let scratch = DualGemmScratch()
    pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
    return scratch
  }
}

/// x[i] + ẋ[i] ε into `destination` (ẋ = 0 when `tangent` is nil).
@inlinable
public func loadDual<Base: Real>(
  _ value: UnsafePointer<Base>, _ tangent: UnsafePointer<Base>?, count: Int,
  into destination: UnsafeMutablePointer<Dual<Base>>
) {
  if let tangent {
    for i in 0..<count { destination[i] = Dual(value: value[i], tangent: tangent[i]) }
  } else {
    for i in 0..<count { destination[i] = Dual(value: value[i], tangent: .zero) }
  }
}
