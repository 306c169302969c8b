// swift-tools-version:6.1
//
// Goodhart: exact analytics, optimisers and Monte Carlo for selecting or optimising against a
// proxy score. See README.md.

import PackageDescription

let argumentParser: Target.Dependency = .product(
  name: "ArgumentParser", package: "swift-argument-parser")
let propertyBased: Target.Dependency = .product(
  name: "PropertyBased", package: "swift-property-based")
let hummingbird: Target.Dependency = .product(name: "Hummingbird", package: "hummingbird")

let package = Package(
  name: "Goodhart",
  products: [
    .library(name: "Goodhart", targets: ["Goodhart"]),
    .library(name: "GoodhartCharts", targets: ["GoodhartCharts"]),
    .executable(name: "goodhart", targets: ["GoodhartCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    // `swift package generate-documentation` (the DocC catalogs in Sources/*/*.docc).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    // `goodhart explore`'s web server (GoodhartExplorer only; the library never builds it).
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
  ],
  targets: [
    // MARK: - The C door

    // GSL, seen only by Sources/Goodhart/Numerics.
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]),

    // Inner loops in C, built for both baseline x86-64 and AVX2 and chosen at load time (Swift
    // cannot build one function for two instruction sets); the same bits on every machine.
    .target(name: "CKernels"),

    // MARK: - Public API

    // The library: models, selection analytics, optimisers, simulation. Pure: no I/O, no globals.
    .target(
      name: "Goodhart",
      dependencies: ["CGSL", "CKernels"]),

    // MARK: - Implementation

    // Charts (SVG) of the library's results, kept out of the numerical core; used by the CLI and
    // the examples.
    .target(
      name: "GoodhartCharts",
      dependencies: ["Goodhart"]),

    // `goodhart explore`: a local web server for the explorer page and a JSON API that runs the
    // `goodhart` executable itself, so every body is the CLI's output. Its own target, so that a
    // library user never builds a web server.
    .target(
      name: "GoodhartExplorer",
      dependencies: ["Goodhart", hummingbird]),

    // The `goodhart` executable: argument parsing and printing only.
    .executableTarget(
      name: "GoodhartCLI",
      dependencies: ["Goodhart", "GoodhartCharts", "GoodhartExplorer", argumentParser]),

    // MARK: - Examples (each `swift run <name>`; each run by ExamplesTests)

    .executableTarget(name: "worked-example", dependencies: ["Goodhart"], path: "Examples/worked-example"),
    .executableTarget(
      name: "frontier-chart", dependencies: ["Goodhart", "GoodhartCharts"], path: "Examples/frontier-chart"),
    .executableTarget(name: "samples-needed", dependencies: ["Goodhart"], path: "Examples/samples-needed"),
    .executableTarget(
      name: "extremal-goodhart", dependencies: ["Goodhart"], path: "Examples/extremal-goodhart"),
    .executableTarget(
      name: "library-tour", dependencies: ["Goodhart", "GoodhartCharts"], path: "Examples/library-tour"),
    .executableTarget(
      name: "catastrophic-goodhart", dependencies: ["Goodhart", "GoodhartCharts"],
      path: "Examples/catastrophic-goodhart"),

    // MARK: - Tests

    .testTarget(
      name: "GoodhartTests",
      dependencies: ["Goodhart", "CGSL", "CKernels", propertyBased]),
    .testTarget(
      name: "GoodhartCLITests",
      dependencies: ["GoodhartCLI", "Goodhart"],
      exclude: ["Golden"]),
    .testTarget(
      name: "GoodhartExplorerTests",
      dependencies: [
        "GoodhartExplorer", "GoodhartCLI",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    .testTarget(
      name: "ExamplesTests",
      dependencies: [
        "worked-example", "frontier-chart", "samples-needed", "extremal-goodhart", "library-tour",
        "catastrophic-goodhart",
      ]),
  ]
)
