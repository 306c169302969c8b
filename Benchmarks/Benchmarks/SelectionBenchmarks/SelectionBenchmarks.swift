import Benchmark
import Goodhart

// How to read the figures: a benchmark with a scaling factor runs that many calls per measured
// iteration. In the text output (benchmark 1.38.1, run with `--scale` as the script does) the
// "Throughput (# / s)" row is per call (calls per second, K = 10^3, M = 10^6) while the
// "Time (wall clock)" row is per measured iteration, i.e. per batch of `scalingFactor` calls
// (e_n: 19 ms per batch of 1000 = 19 µs per call = 52 K calls/s). Time per call = 1/throughput.
// See Benchmarks/compare_expected_maximum.sh for e_n side by side with SciPy.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .cpuTotal], warmupIterations: 3, maxDuration: .seconds(2),
    maxIterations: 1_000)
  let law = try! Preset.cheapPersuasion.model.jointLaw()
  let perCall = Benchmark.Configuration(scalingFactor: .kilo)
  let perCallFast = Benchmark.Configuration(scalingFactor: .mega)

  // e_n = E[max of n standard normals], no caching: n changes by one ulp-scale step per call so
  // nothing can be memoised, and it spans the decade.
  for exponent in [1, 3, 6, 9, 12, 15] {
    let n = pow10(exponent)
    Benchmark("e_n, n = 1e\(exponent)", configuration: perCall) { benchmark in
      for i in benchmark.scaledIterations {
        blackHole(try ExpectedMaximum.ofStandardNormals(n * (1 - Double(i) * 1e-7)))
      }
    }
  }

  Benchmark("threshold (closed form)", configuration: perCallFast) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.threshold(Double(i & 15) * 0.5 - 2))
    }
  }
  Benchmark("threshold, far tail z ~ 1e3 (closed form)", configuration: perCallFast) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.threshold(500 + Double(i & 15)))
    }
  }
  Benchmark("quantile (closed form)", configuration: perCallFast) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.quantile(Double((i & 1023) + 1) * 0.000_976_5625))
    }
  }
  Benchmark("conditional truth (closed form)", configuration: perCallFast) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.conditionalTruth(givenPersuasiveness: Double(i & 15)))
    }
  }
  Benchmark("tilt by KL (closed form)", configuration: perCallFast) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.tilt(kl: Double((i & 15) + 1)))
    }
  }
  Benchmark("tilt reaching a target E[P] (closed form)", configuration: perCallFast) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.tilt(reachingMeanPersuasiveness: 1.5 + Double(i & 15)))
    }
  }
  Benchmark("threshold reaching a target E[P] (root)", configuration: perCall) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.threshold(reachingMeanPersuasiveness: 1.5 + Double(i & 15) * 0.25))
    }
  }
  Benchmark("best-of-n reaching a target E[P] (root)") { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try law.bestOfN(reachingMeanPersuasiveness: 1.5 + Double(i & 3) * 0.5))
    }
  }
}

/// 10^exponent, exactly for the exponents used here.
private func pow10(_ exponent: Int) -> Double {
  (0..<exponent).reduce(1.0) { value, _ in value * 10 }
}
