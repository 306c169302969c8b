import Benchmark
import Goodhart

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(3))
  let cheap = try! WeightFamily(model: Preset.cheapPersuasion.model)
  let honest = try! WeightFamily(model: Preset.honestPersuasion.model)

  for (name, family) in [("cheap-persuasion", cheap), ("honest-persuasion", honest)] {
    for beta in [0.1, 1.0] {
      Benchmark("exact optimum, \(name), beta \(beta)") { benchmark in
        for _ in benchmark.scaledIterations {
          blackHole(try family.optimum(beta: beta))
        }
      }
    }
  }

  // The loop timed side by side with Baselines/reinforce_numpy.py (same model, beta, schedule).
  Benchmark(
    "REINFORCE 10^4 steps x batch 256, cheap-persuasion, beta 0.1",
    configuration: .init(maxDuration: .seconds(10), maxIterations: 10)
  ) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try cheap.policyGradient(
          PolicyGradientSettings(estimator: .reinforce, beta: 0.1, steps: 10_000, batch: 256, logEvery: 10_000)))
    }
  }

  Benchmark(
    "pathwise 10^4 steps x batch 256, cheap-persuasion, beta 0.1",
    configuration: .init(maxDuration: .seconds(10), maxIterations: 10)
  ) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try cheap.policyGradient(
          PolicyGradientSettings(estimator: .pathwise, beta: 0.1, steps: 10_000, batch: 256, logEvery: 10_000)))
    }
  }
}
