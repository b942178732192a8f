import CBLAS
import Foundation

/// The scalar type of every network, optimiser and update in the library.
///
/// `Real` asks only for what the hand-written forward and backward passes use: field
/// arithmetic, ordering (`max`/`min` come from `Comparable`; ReLU is `x > 0 ? x : 0`), conversion from `Double`, the elementary functions
/// `exp`, `log`, `tanh`, `sqrt`, and a matrix product ``gemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
/// It deliberately does **not** refine `BinaryFloatingPoint` or `Numeric`, so that a
/// forward-mode dual number `Dual<Double>` (value + tangent, ordered by its value)
/// can conform (its `gemm` splits value and tangent planes into BLAS products) and push tangents through the very
/// same generic network code.
///
/// Conformers: `Float` (the training path, `cblas_sgemm`) and `Double` (the check
/// path, `cblas_dgemm`). Generic code over `Scalar: Real` in this module is
/// specialised by the optimiser in release builds; the hot entry points also carry
/// `@_specialize` for `Float` and `Double` so callers in other modules (the
/// experiment targets) get the specialised bodies.
public protocol Real: Comparable, AdditiveArithmetic, Codable, Sendable {
  /// The value nearest to `value`.
  init(_ value: Double)
  /// The (primal) value as a `Double`: for logging, tests and checks only.
  var doubleValue: Double { get }

  static func * (lhs: Self, rhs: Self) -> Self
  static func / (lhs: Self, rhs: Self) -> Self
  static func *= (lhs: inout Self, rhs: Self)
  static func /= (lhs: inout Self, rhs: Self)
  static prefix func - (operand: Self) -> Self

  /// The multiplicative identity.
  static var one: Self { get }

  /// eˣ.
  static func exp(_ x: Self) -> Self
  /// The natural logarithm.
  static func log(_ x: Self) -> Self
  /// The hyperbolic tangent.
  static func tanh(_ x: Self) -> Self
  /// The square root.
  static func sqrt(_ x: Self) -> Self

  /// Row-major general matrix product
  ///
  ///     C = alpha · op(A) · op(B) + beta · C,   op(X) = X or Xᵀ,
  ///
  /// with op(A) of shape [m, k], op(B) of shape [k, n] and C of shape [m, n];
  /// `lda`, `ldb`, `ldc` are the row strides of A, B, C *as stored* (so A stored
  /// [k, m] when `transposeA`). This is BLAS `?gemm` with `CblasRowMajor`.
  /// `beta == 0` overwrites C (its old contents, even NaN, are ignored).
  static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Self, a: UnsafePointer<Self>, lda: Int,
    b: UnsafePointer<Self>, ldb: Int,
    beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

// MARK: - OpenBLAS threading

/// Pins OpenBLAS to one thread. The networks here are small (a few 64×64 products
/// per update), where OpenBLAS's threading costs more than it gains and would fight
/// with other runs for cores. `Float.gemm` and `Double.gemm`, the only callers of
/// BLAS, call it before every product, so it takes effect before the process's first
/// one; the environment variable `OPENBLAS_NUM_THREADS=1` has the same effect.
///
/// Before the first product, not merely before the first network: OpenBLAS's threaded
/// and single-threaded paths block a product differently, so the same product can
/// differ in the last bits (measured: 2218 of 21504 entries of a 336×64×64 product).
/// When building a network was what pinned it, concurrent tests saw exactly that: a
/// product and its bit-for-bit twin, one taken before another test built a network and
/// one after.
@usableFromInline enum BLASThreads {
  /// Calls `openblas_set_num_threads(1)` exactly once per process.
  @usableFromInline static func useOneThread() { _ = once }
  private static let once: Void = { openblas_set_num_threads(1) }()
}

// MARK: - Float

extension Float: Real {
  @inlinable public var doubleValue: Double { Double(self) }
  @inlinable public static var one: Float { 1 }
  @inlinable @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
  @inlinable @inline(__always) public static func log(_ x: Float) -> Float { Foundation.log(x) }
  /// tanh as a branch-free rational approximation, x·P(x²)/Q(x²) on [−c, c], the
  /// minimax form Eigen and XLA use for float32, with P and Q evaluated by Horner's rule
  /// in fused multiply-adds (Eigen 3.4's `pmadd` form) and Eigen 3.4's clamp
  /// c = 7.99881172180175781, where this evaluation reaches exactly ±1 (so tanh
  /// saturates, and never exceeds 1). At most 4 ulp from the exact tanh (7 ulp with
  /// separate multiply and add), and the activation loops vectorise (libm's `tanhf` is a call per
  /// element, the torso's hot spot). The FMAs are hardware instructions on the release
  /// target (Package.swift: Haswell on x86-64; every arm64); a build for a CPU without
  /// FMA gets correct but slow software `fmaf` calls.
  @inlinable @inline(__always) public static func tanh(_ x: Float) -> Float {
    let c: Float = 7.99881172180175781
    let x = Swift.min(Swift.max(x, -c), c)
    let x2 = x * x
    var p: Float = -2.76076847742355e-16
    p = Float(2.00018790482477e-13).addingProduct(p, x2)
    p = Float(-8.60467152213735e-11).addingProduct(p, x2)
    p = Float(5.12229709037114e-08).addingProduct(p, x2)
    p = Float(1.48572235717979e-05).addingProduct(p, x2)
    p = Float(6.37261928875436e-04).addingProduct(p, x2)
    p = Float(4.89352455891786e-03).addingProduct(p, x2)
    var q: Float = 1.19825839466702e-06
    q = Float(1.18534705686654e-04).addingProduct(q, x2)
    q = Float(2.26843463243900e-03).addingProduct(q, x2)
    q = Float(4.89352518554385e-03).addingProduct(q, x2)
    return x * p / q
  }
  @inlinable @inline(__always) public static func sqrt(_ x: Float) -> Float { x.squareRoot() }

  /// `cblas_sgemm`, row-major.
  @inlinable
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Float, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    BLASThreads.useOneThread()
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
      beta, c, blasint(ldc))
  }
}

// MARK: - Double

extension Double: Real {
  @inlinable public var doubleValue: Double { self }
  @inlinable public static var one: Double { 1 }
  @inlinable @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
  @inlinable @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
  @inlinable @inline(__always) public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
  @inlinable @inline(__always) public static func sqrt(_ x: Double) -> Double { x.squareRoot() }

  /// `cblas_dgemm`, row-major.
  @inlinable
  public static func gemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int,
    b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    BLASThreads.useOneThread()
    cblas_dgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
      transposeB ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
      beta, c, blasint(ldc))
  }
}
