import Foundation
@testable import Goodhart

/// |actual − expected| / |expected| (absolute difference when expected is 0).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
  if actual == expected { return 0 }
  return expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}

/// A tiny seeded generator for the tests' own Monte Carlo (SplitMix64 + Box–Muller), independent
/// of the library's simulation engine.
struct SplitMix64 {
  private var state: UInt64
  private var spare: Double?

  init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform on (0, 1).
  mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

  /// Uniform on [a, b).
  mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

  /// A standard normal draw (Box–Muller, both values used).
  mutating func normal() -> Double {
    if let value = spare {
      spare = nil
      return value
    }
    let radius = (-2 * log(uniform())).squareRoot()
    let angle = 2 * Double.pi * uniform()
    spare = radius * sin(angle)
    return radius * cos(angle)
  }
}

extension SplitMix64 {
  /// A random point of the simplex (flat Dirichlet).
  mutating func simplexPoint(_ count: Int) -> [Double] {
    let draws = (0..<count).map { _ in -log(uniform()) }
    let total = draws.reduce(0, +)
    return draws.map { $0 / total }
  }
}

/// Running mean and standard error of a stream of values.
struct MeanEstimate {
  private(set) var count = 0.0
  private var mean = 0.0
  private var squares = 0.0

  mutating func add(_ x: Double) {
    count += 1
    let delta = x - mean
    mean += delta / count
    squares += delta * (x - mean)
  }

  var value: Double { mean }
  var standardError: Double { (squares / (count - 1) / count).squareRoot() }
}

/// A random valid Gaussian model from a seed: 1–6 submodules, means in [−3, 3], sds in
/// [0.1, 3], loadings in [−2, 2], weights on the simplex (some exactly 0).
func randomModel(seed: UInt64) -> Model {
  var random = SplitMix64(seed: seed)
  let count = 1 + Int(random.next() % 6)
  var submodules: [Submodule] = []
  var weights: [Double] = []
  for index in 0..<count {
    let submodule = try? Submodule(
      name: "S\(index)", mean: random.uniform(-3, 3), sd: random.uniform(0.1, 3),
      truth: random.uniform(-2, 2), persuasion: random.uniform(-2, 2))
    submodules.append(submodule!)
    weights.append(count > 1 && random.next() % 5 == 0 ? 0 : random.uniform(0.05, 1))
  }
  if weights.allSatisfy({ $0 == 0 }) { weights[0] = 1 }
  let total = weights.reduce(0, +)
  weights = weights.map { $0 / total }
  return try! Model(submodules: submodules, weights: weights)
}

/// Draws (T, P) from a Gaussian model's submodules directly (not from its JointLaw).
func drawOutput(of model: Model, using random: inout SplitMix64) -> (truth: Double, persuasiveness: Double) {
  var truth = 0.0
  var persuasiveness = 0.0
  for (submodule, weight) in zip(model.submodules, model.weights) {
    let x = submodule.distribution.location + submodule.distribution.scale * random.normal()
    truth += weight * submodule.truth * x
    persuasiveness += weight * submodule.persuasion * x
  }
  return (truth, persuasiveness)
}
