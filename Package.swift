// swift-tools-version: 6.0
// MetaGradientRL: a reproduction of "Meta-Gradient Reinforcement Learning"
// (Xu, van Hasselt & Silver, NeurIPS 2018).
import PackageDescription

// MARK: - Experiments (one executable target each, under experiments/<name>/)

let experiments = [
  "prediction",
  "meta-gamma",
  "meta-gamma-lambda",
  "meta-lambda",
  "eta-conditioning",
  "baseline",
  "landscape",
  "eta-paths",
  "approximation-order",
  "beta-sensitivity",
  "approximation-payoff",
  "approximation-frontier",
  "table-1",
  "outer-critic",
  "fixed-start",
  "compare",
  "sweep",
  "bench",
]

// MARK: - Release code generation

// The library is compiled -Ounchecked in release, and on x86-64 for Haswell-class CPUs
// (AVX2, FMA; every x86-64 server since 2013): the activation, optimiser and softmax
// loops then vectorise 8 Floats wide instead of 4 (measured: A2C on CartPole ≈ +22%
// env steps/s). Swift never contracts a·b + c into an FMA on its own, so results are
// the same bits as without the flag. METAGRAD_TARGET_CPU overrides the CPU
// (e.g. `x86-64` for an older machine, `native` to tune for the build machine).
#if arch(x86_64)
let targetCPU = Context.environment["METAGRAD_TARGET_CPU"] ?? "haswell"
let releaseFlags = ["-Ounchecked", "-target-cpu", targetCPU, "-Xcc", "-fno-math-errno"]
#else
let releaseFlags = ["-Ounchecked", "-Xcc", "-fno-math-errno"]
#endif

// MARK: - Package

let package = Package(
  name: "MetaGradientRL",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "MetaGradient", targets: ["MetaGradient"])
  ] + experiments.map { .executable(name: $0, targets: [$0]) },
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // MARK: Core
    .systemLibrary(
      name: "CBLAS",
      path: "Sources/CBLAS",
      providers: [.apt(["libopenblas-dev"])]
    ),
    // prctl(PR_SET_PDEATHSIG) for sweep workers (variadic in C, so not callable from Swift).
    .target(name: "CProcessControl"),
    .target(
      name: "MetaGradient",
      dependencies: [
        "CBLAS",
        "CProcessControl",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: [.unsafeFlags(releaseFlags, .when(configuration: .release))]
    ),
    // The golden fixtures' checking reader (used by the tests and the fuzz target).
    .target(name: "GoldenFixtures"),
    // The readers driven with arbitrary bytes: by the libFuzzer targets, and by the tests
    // that replay the fuzz corpora.
    .target(name: "FuzzHarnesses", dependencies: ["MetaGradient", "GoldenFixtures"]),
    // MARK: Tests
    .testTarget(
      name: "MetaGradientTests",
      dependencies: ["MetaGradient", "GoldenFixtures", "FuzzHarnesses"],
      resources: [.copy("Fixtures")]
    ),
  ] + experiments.map { name in
    .executableTarget(
      name: name,
      dependencies: [
        "MetaGradient",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "experiments/\(name)"
    )
  }
)

// MARK: - Fuzzing (`make fuzz`)

// One libFuzzer executable for the harnesses of every reader of files the program
// reads back; it exists only when METAGRADIENT_FUZZ is set, for the build with
// AddressSanitizer and libFuzzer's coverage that `make fuzz` runs.
if Context.environment["METAGRADIENT_FUZZ"] != nil {
  package.products.append(.executable(name: "fuzz", targets: ["fuzz"]))
  package.targets.append(.executableTarget(name: "fuzz", dependencies: ["FuzzHarnesses"], path: "Fuzz/fuzz"))
}
