import Benchmark
import Goodhart

// One iteration = one draw (a (T, P) sample, a best-of-n candidate, or a normal variate), so the
// reported time per iteration is ns per draw. `scaledIterations` with scalingFactor .mega: each
// iteration block is 10^6 draws.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident], maxDuration: .seconds(3),
    maxIterations: 20)

  for preset in Preset.allCases {
    for threads in [1, 2] {
      Benchmark(
        "simulate \(preset.rawValue), \(threads) thread(s), per sample",
        configuration: .init(scalingFactor: .mega)
      ) { benchmark in
        let simulation = try Simulation(
          model: preset.model, samples: benchmark.scaledIterations.count, seed: 1)
        blackHole(try simulation.run(threads: threads))
      }
    }
  }

  for threads in [1, 2] {
    Benchmark(
      "best-of-1000, \(threads) thread(s), per candidate", configuration: .init(scalingFactor: .mega)
    ) { benchmark in
      let trials = max(2, benchmark.scaledIterations.count / 1000)
      let simulation = try Simulation(
        model: Preset.cheapPersuasion.model, samples: 2, seed: 1,
        bestOfN: [BestOfNTrials(n: 1000, trials: trials)])
      blackHole(try simulation.run(threads: threads))
    }
  }

  Benchmark("normal variate (xoshiro256++ ziggurat)", configuration: .init(scalingFactor: .mega)) {
    benchmark in
    var source = RandomSource(seed: 1)
    var sum = 0.0
    for _ in benchmark.scaledIterations { sum += source.normal() }
    blackHole(sum)
  }
}
