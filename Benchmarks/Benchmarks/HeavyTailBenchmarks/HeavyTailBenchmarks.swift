import Benchmark
import Goodhart

/// The comment's A/B/C model with C (persuasion only) Student-t(3): the strong-Goodhart case.
private func studentTModel() throws -> Model {
  try Model(
    submodules: [
      Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
      Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
      Submodule(
        name: "C",
        distribution: Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1),
        truth: 0, persuasion: 1),
    ],
    weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(2))
  let model = try! studentTModel()
  // One law for the warm runs: its checked interpolation table is built on the first call and
  // shared by every later best-of-n (as the regime curve shares it across its 60 values of n).
  let law = try! PersuasionLaw(model: model)

  let singleLaw = try! PersuasionLaw(model: Preset.cheapPersuasion.model)

  // Cold: a new law (and so a new table) every time, as the CLI's `regime` runs it.
  Benchmark("regime curve, 60 values of n in [1, 10^12], Student-t(3) C") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try PersuasionLaw(model: model).goodhartRegime(count: 60, maximumN: 1e12))
    }
  }

  Benchmark("best-of-n by quadrature, one persuasion law (Gaussian preset), n = 10^12") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try singleLaw.bestOfN(1e12))
    }
  }

  for exponent in [1, 6, 12] {
    let n = Double.pow10(exponent)
    Benchmark("best-of-n by quadrature, Student-t(3) C, n = 10^\(exponent), cold (new law and table)") {
      benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try PersuasionLaw(model: model).bestOfN(n))
      }
    }
  }

  for exponent in [1, 3, 6, 9, 12] {
    let n = Double.pow10(exponent)
    Benchmark("best-of-n by quadrature, Student-t(3) C, n = 10^\(exponent)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try law.bestOfN(n))
      }
    }
  }
}

extension Double {
  fileprivate static func pow10(_ exponent: Int) -> Double {
    (0..<exponent).reduce(1) { value, _ in value * 10 }
  }
}
