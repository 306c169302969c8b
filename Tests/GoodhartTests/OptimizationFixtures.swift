import Foundation

@testable import Goodhart

/// Helpers for the optimisation tests (namespaced so as not to collide with other suites').
enum OptimizationFixtures {
  /// |actual − expected| / max(|expected|, floor).
  static func relativeError(_ actual: Double, _ expected: Double, floor: Double = 1e-300) -> Double {
    if actual == expected { return 0 }
    return abs(actual - expected) / max(abs(expected), floor)
  }

  /// Σ |a_i − b_i|.
  static func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) }
  }

  /// (f(x + h e_i) − f(x − h e_i)) / 2h.
  static func centralDifference(
    at x: [Double], along i: Int, step h: Double = 1e-5, _ f: ([Double]) -> Double
  ) -> Double {
    var up = x
    var down = x
    up[i] += h
    down[i] -= h
    return (f(up) - f(down)) / (2 * h)
  }

  /// Richardson's extrapolation of two central differences, (4 D(h/2) − D(h)) / 3: truncation
  /// error O(h⁴) instead of O(h²), so that a model whose higher derivatives are large (a nearly
  /// singular covariance) does not fail a check of the formula through the check's own error.
  static func extrapolatedDifference(
    at x: [Double], along i: Int, step h: Double = 1e-4, _ f: ([Double]) -> Double
  ) -> Double {
    let coarse = centralDifference(at: x, along: i, step: h, f)
    let fine = centralDifference(at: x, along: i, step: h / 2, f)
    return (4 * fine - coarse) / 3
  }

  /// The tests' seeded SplitMix64 stream (see Support/TestSupport.swift).
  typealias Stream = SplitMix64

  /// A random Gaussian model with 2–5 submodules and interior base weights (so the base law is
  /// non-degenerate with probability 1).
  static func randomModel(seed: UInt64) -> Model {
    var random = Stream(seed: seed)
    let count = 2 + Int(random.next() % 4)
    let submodules = (0..<count).map { index in
      try! Submodule(
        name: "S\(index)", mean: random.uniform(-3, 3), sd: random.uniform(0.3, 2),
        truth: random.uniform(-2, 2), persuasion: random.uniform(-2, 2))
    }
    let weights = random.simplexPoint(count).map { 0.05 / Double(count) + 0.95 * $0 }
    let total = weights.reduce(0, +)
    return try! Model(submodules: submodules, weights: weights.map { $0 / total })
  }

  /// The log density of N(mean, covariance) at y, written out directly (for the Monte Carlo KL).
  static func logDensity(
    _ y: (Double, Double), mean: (Double, Double), law: JointLaw
  ) -> Double {
    let (a, b, c) = (law.varianceTruth, law.variancePersuasiveness, law.covariance)
    let det = a * b - c * c
    let (u, v) = (y.0 - mean.0, y.1 - mean.1)
    let quadratic = (b * u * u - 2 * c * u * v + a * v * v) / det
    return -log(2 * Double.pi) - 0.5 * log(det) - 0.5 * quadratic
  }

  /// A model where J (output-law KL, β = `localOptimumBeta`) has a KKT point on the face
  /// {S0, S2} that is only a local optimum: the global one also weights S1 (SciPy SLSQP from 200
  /// starts, J = −0.169832647538654).
  static let localOptimumModel = try! Model(
    submodules: [
      Submodule(name: "S0", mean: -0.7172723631061808, sd: 0.8160032958911438, truth: -0.6703300229753996, persuasion: -0.23603687542074514),
      Submodule(name: "S1", mean: 0.12168690659533966, sd: 1.7472670011119071, truth: 0.37755881947330905, persuasion: -1.5244959204481892),
      Submodule(name: "S2", mean: 4.915484071528492, sd: 1.4829124219772847, truth: 0.9510653943546397, persuasion: -0.12247770220991437),
      Submodule(name: "S3", mean: 2.0432242931169813, sd: 1.974062927398298, truth: 1.018849677285919, persuasion: -0.5608152048533369),
    ],
    weights: [0.380290067890417, 0.08964609089717882, 0.4791024115429044, 0.05096142966949979])

  /// β of `localOptimumModel`.
  static let localOptimumBeta = 0.0943001271220085
}
