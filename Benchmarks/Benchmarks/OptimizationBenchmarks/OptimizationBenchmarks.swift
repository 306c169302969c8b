import Benchmark
import Foundation
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

  // The certified global optimum (branch and bound) on a fixed 6-submodule model: issue "Which
  // RL?" asks for <= 5 ms p50. The model is the same on every run (no random draw).
  let six = try! Model(
    submodules: (0..<6).map { i in
      let x = Double(i)
      return try! Submodule(
        name: "S\(i)", mean: 0.5 + 0.3 * x, sd: 0.6 + 0.15 * x,
        truth: cos(1.3 * x), persuasion: 0.4 + 0.25 * sin(0.9 * x + 1))
    },
    weights: [0.25, 0.15, 0.2, 0.1, 0.2, 0.1])
  for beta in [0.01, 0.1, 1.0] {
    Benchmark("certified optimum, 6 submodules, output-kl on the simplex, beta \(beta)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try six.regularisedOptimum(beta: beta, regulariser: .outputKL, domain: .simplex))
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
