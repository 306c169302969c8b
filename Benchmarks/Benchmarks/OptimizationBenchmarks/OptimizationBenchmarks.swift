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

  // The certified global optimum (the one-point bound, else the branch and bound) on a fixed
  // 6-submodule model: issue "Which RL?" asks for <= 5 ms p50. The model is the same on every run
  // (no random draw).
  let six = try! Model(
    submodules: (0..<6).map { i in
      let x = Double(i)
      return try! Submodule(
        name: "S\(i)", mean: 0.5 + 0.3 * x, sd: 0.6 + 0.15 * x,
        truth: cos(1.3 * x), persuasion: 0.4 + 0.25 * sin(0.9 * x + 1))
    },
    weights: [0.25, 0.15, 0.2, 0.1, 0.2, 0.1])
  for beta in [0.01, 0.1, 1.0, 10.0] {
    Benchmark("certified optimum, 6 submodules, output-kl on the simplex, beta \(beta)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try six.regularisedOptimum(beta: beta, regulariser: .outputKL, domain: .simplex))
      }
    }
  }

  // The same on 64 random 6-submodule models (the test suite's recipe: mean in [-3, 3], sd in
  // [0.2, 2.5], truth and persuasion in [-2, 2], interior base weights; β log-uniform in
  // [0.01, 10]), one model per iteration in turn, so the percentiles are over models: some settle
  // from one point, the others need the boxes.
  var draw = RandomSource(seed: 6)
  func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * draw.uniform() }
  let randomSix: [(Model, Double)] = (0..<64).map { _ in
    let submodules = (0..<6).map { i in
      try! Submodule(
        name: "S\(i)", mean: uniform(-3, 3), sd: uniform(0.2, 2.5), truth: uniform(-2, 2),
        persuasion: uniform(-2, 2))
    }
    let raw = (0..<6).map { _ in 0.02 - log(draw.uniform()) }
    let total = raw.reduce(0, +)
    return (try! Model(submodules: submodules, weights: raw.map { $0 / total }), pow(10, uniform(-2, 1)))
  }
  let turn = Turn()
  Benchmark(
    "certified optimum, 64 random 6-submodule models in turn, output-kl on the simplex",
    configuration: .init(maxDuration: .seconds(30), maxIterations: 128)
  ) { benchmark in
    for _ in benchmark.scaledIterations {
      let (model, beta) = randomSix[turn.next() % randomSix.count]
      blackHole(try model.regularisedOptimum(beta: beta, regulariser: .outputKL, domain: .simplex))
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

/// Which of the random models an iteration solves (the benchmark runs one closure per iteration).
final class Turn: @unchecked Sendable {
  private var count = 0
  /// The next index, from 0.
  func next() -> Int {
    defer { count += 1 }
    return count
  }
}
