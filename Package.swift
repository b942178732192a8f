// swift-tools-version: 6.0
// MetaGradientRL: a reproduction of "Meta-Gradient Reinforcement Learning"
// (Xu, van Hasselt & Silver, NeurIPS 2018).
import PackageDescription

// MARK: - Experiments (one executable target each, under experiments/<name>/)

let experiments = [
  "prediction",
  "meta-gamma",
  "meta-gamma-lambda",
  "baseline",
  "bench",
]

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
    .target(
      name: "MetaGradient",
      dependencies: [
        "CBLAS",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
    ),
    // MARK: Tests
    .testTarget(
      name: "MetaGradientTests",
      dependencies: ["MetaGradient"]
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
