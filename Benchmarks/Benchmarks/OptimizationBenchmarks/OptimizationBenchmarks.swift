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

  // REINFORCE is timed side by side with Baselines/reinforce_numpy.py (same model, beta, schedule).
  for estimator in PolicyGradientSettings.Estimator.allCases {
    Benchmark(
      "\(estimator.rawValue) 10^4 steps x batch 256, cheap-persuasion, beta 0.1",
      configuration: .init(maxDuration: .seconds(10), maxIterations: 10)
    ) { benchmark in
      let settings = PolicyGradientSettings(
        estimator: estimator, beta: 0.1, steps: 10_000, batch: 256, logEvery: 10_000)
      for _ in benchmark.scaledIterations {
        blackHole(try cheap.policyGradient(settings))
      }
    }
  }
}
