// swift-tools-version:6.1
//
// Goodhart's benchmarks, a package of their own so that building or testing Goodhart never
// builds the benchmark harness. Run from this folder: `swift package benchmark`.
// Python baselines for side-by-side figures live in Baselines/.

import PackageDescription

let benchmark: Target.Dependency = .product(name: "Benchmark", package: "benchmark")
let goodhart: Target.Dependency = .product(name: "Goodhart", package: "Goodhart")
let goodhartCharts: Target.Dependency = .product(name: "GoodhartCharts", package: "Goodhart")

func benchmarkTarget(_ name: String, charts: Bool = false) -> Target {
  .executableTarget(
    name: name,
    dependencies: [benchmark, goodhart] + (charts ? [goodhartCharts] : []),
    path: "Benchmarks/\(name)",
    plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
}

let package = Package(
  name: "GoodhartBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "Goodhart", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // MARK: - Benchmarks (one folder each under Benchmarks/)
    benchmarkTarget("SelectionBenchmarks"),
    benchmarkTarget("HeavyTailBenchmarks"),
    benchmarkTarget("FrontierBenchmarks", charts: true),
    benchmarkTarget("OptimizationBenchmarks"),
    benchmarkTarget("SimulationBenchmarks"),
    benchmarkTarget("SweepBenchmarks", charts: true),
  ]
)
