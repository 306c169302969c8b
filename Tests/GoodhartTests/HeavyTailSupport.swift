import Foundation
@testable import Goodhart

/// |actual − expected| / max(|expected|, floor): the closeness measure of the heavy-tail tests.
func heavyTailRelativeError(_ actual: Double, _ expected: Double, floor: Double = 1e-300) -> Double {
  abs(actual - expected) / max(abs(expected), floor)
}

/// SplitMix64: a tiny, fixed-seed uniform source for the tests' own Monte Carlo (independent of
/// the package's simulation engine).
struct HeavyTailSplitMix {
  private var state: UInt64
  init(seed: UInt64) { state = seed }

  /// A uniform in (0, 1) (never 0 or 1, so inverse-cdf sampling stays finite).
  mutating func uniform() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992
  }
}

/// The comment's A/B/C model (A truth+persuasion, B truth only, C persuasion only, equal weights)
/// with the given laws.
func heavyTailModel(a: Distribution, b: Distribution, c: Distribution) throws -> Model {
  try Model(
    submodules: [
      Submodule(name: "A", distribution: a, truth: 1, persuasion: 1),
      Submodule(name: "B", distribution: b, truth: 1, persuasion: 0),
      Submodule(name: "C", distribution: c, truth: 0, persuasion: 1),
    ],
    weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
}

/// A/B normal N(1, 1), C = 2 + Z with Z from `family`.
func heavyTailModel(c family: Distribution.Family) throws -> Model {
  let normal = try Distribution.normal(mean: 1, standardDeviation: 1)
  return try heavyTailModel(a: normal, b: normal, c: Distribution(family: family, location: 2, scale: 1))
}

/// Mean and standard error of best-of-n (truth, persuasiveness) by inverse-cdf sampling.
func heavyTailMonteCarloBestOfN(_ model: Model, n: Int, trials: Int, seed: UInt64)
  -> (truth: Double, truthError: Double, persuasion: Double, persuasionError: Double)
{
  var random = HeavyTailSplitMix(seed: seed)
  var sums = (t: 0.0, t2: 0.0, p: 0.0, p2: 0.0)
  for _ in 0..<trials {
    var best = (t: 0.0, p: -Double.infinity)
    for _ in 0..<n {
      let (t, p) = heavyTailDraw(model, &random)
      if p > best.p { best = (t, p) }
    }
    sums.t += best.t
    sums.t2 += best.t * best.t
    sums.p += best.p
    sums.p2 += best.p * best.p
  }
  let m = Double(trials)
  let meanT = sums.t / m
  let meanP = sums.p / m
  return (
    meanT, ((sums.t2 / m - meanT * meanT) / (m - 1)).squareRoot(),
    meanP, ((sums.p2 / m - meanP * meanP) / (m - 1)).squareRoot()
  )
}

/// One output (T, P) of `model`, each X_i drawn by inverse-cdf sampling.
func heavyTailDraw(_ model: Model, _ random: inout HeavyTailSplitMix) -> (truth: Double, persuasion: Double) {
  var t = 0.0
  var p = 0.0
  for (submodule, weight) in zip(model.submodules, model.weights) {
    let x = submodule.distribution.quantile(random.uniform())
    t += weight * submodule.truth * x
    p += weight * submodule.persuasion * x
  }
  return (t, p)
}
