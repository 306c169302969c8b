import Benchmark
import Goodhart

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(2))
  let law = try! Preset.cheapPersuasion.model.jointLaw()

  Benchmark("threshold (closed form)", configuration: .init(scalingFactor: .kilo)) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.threshold(Double(i % 7)))
    }
  }

  Benchmark("best-of-n, n = 10^6") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try law.bestOfN(1e6))
    }
  }
}
