import CBLAS
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Which OpenBLAS kernels the process runs, and the remedy when OpenBLAS does not know
/// the CPU.
///
/// Debian's OpenBLAS is built with `DYNAMIC_ARCH`: when it loads it picks its kernels
/// from the CPU model (``coreName``). A CPU newer than the library — e.g. an Intel
/// Sapphire Rapids under Debian 12's OpenBLAS 0.3.21 — falls back to the generic
/// `Prescott` (SSE3) kernels. Measured on such a machine (one thread): `sgemm` 1024³
/// at 22–34 GFLOP/s with `Prescott` against 134 with `SkylakeX`, and A2C on CartPole at
/// 0.73M against 1.94M environment steps/s.
///
/// ``selectForThisCPU()`` (called first by every executable) fixes that: when OpenBLAS
/// fell back to `Prescott` although the CPU has AVX-512 (→ `SkylakeX`) or AVX2 with FMA
/// (→ `Haswell`), it sets `OPENBLAS_CORETYPE` and re-executes the program, since
/// OpenBLAS reads the variable only when it loads. A user's own `OPENBLAS_CORETYPE` is
/// always left alone. The kernels change Float results in the last bits (another
/// summation order), so the core is part of what a checkpoint must match
/// (``RunCheckpoint``).
public enum BLASKernels {
  /// OpenBLAS's name for the kernels in use, e.g. `SkylakeX`, `Haswell`, `Zen`, `Prescott`.
  public static var coreName: String { String(cString: openblas_get_corename()) }

  /// The core to ask for: nil unless OpenBLAS chose the generic `core` although the CPU
  /// `flags` (as `/proc/cpuinfo` lists them) support better kernels.
  static func betterCore(than core: String, flags: Set<Substring>) -> String? {
    guard core == "Prescott" else { return nil }
    if flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl") { return "SkylakeX" }
    if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
    return nil
  }

  /// The CPU's flags from `/proc/cpuinfo` (empty when it cannot be read).
  static var cpuFlags: Set<Substring> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
          let colon = line.firstIndex(of: ":") else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " "))
  }

  /// Re-executes the program with better OpenBLAS kernels when OpenBLAS fell back to
  /// generic ones (see the type's documentation); otherwise returns at once.
  public static func selectForThisCPU() {
    let environment = ProcessInfo.processInfo.environment
    guard environment["OPENBLAS_CORETYPE"] == nil,
          let core = betterCore(than: coreName, flags: cpuFlags) else { return }
    setenv("OPENBLAS_CORETYPE", core, 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Only reached if exec failed: carry on with the generic kernels.
  }
}
