import Testing
@testable import MetaGradient

@Suite struct BLASKernelsTests {
  /// Better kernels are asked for only when OpenBLAS fell back to the generic ones and
  /// the CPU supports better: AVX-512 → SkylakeX, AVX2 + FMA → Haswell.
  @Test func asksForBetterKernelsOnlyAfterTheGenericFallback() {
    let avx512: Set<Substring> = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl"]
    let avx2: Set<Substring> = ["sse3", "avx", "avx2", "fma"]
    let old: Set<Substring> = ["sse3", "ssse3", "sse4_2"]
    #expect(BLASKernels.betterCore(than: "Prescott", flags: avx512) == "SkylakeX")
    #expect(BLASKernels.betterCore(than: "Prescott", flags: avx2) == "Haswell")
    #expect(BLASKernels.betterCore(than: "Prescott", flags: old) == nil)
    #expect(BLASKernels.betterCore(than: "Zen", flags: avx512) == nil)
    #expect(BLASKernels.betterCore(than: "SkylakeX", flags: avx512) == nil)
  }

  /// An experiment executable runs with the kernels that fit the CPU, and a user's own
  /// OPENBLAS_CORETYPE is kept.
  @Test func executablesRunWithFittingKernels() throws {
    let core = BLASKernels.coreName
    let expected = BLASKernels.betterCore(than: core, flags: BLASKernels.cpuFlags) ?? core
    let r = try ExperimentRunner.run("bench", ["--help"], environment: ["OPENBLAS_VERBOSE": "2"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("Core: \(expected)") || r.stderr.contains("Core: \(expected)"), "\(r.stdout.prefix(200)) \(r.stderr.prefix(200))")
    let forced = try ExperimentRunner.run("bench", ["--help"], environment: ["OPENBLAS_VERBOSE": "2", "OPENBLAS_CORETYPE": "Haswell"])
    #expect(forced.stdout.contains("Core: Haswell") || forced.stderr.contains("Core: Haswell"))
  }
}
