import Foundation
import Testing
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

/// Expects `law`'s best-of-n E[T] and E[P] within 4 standard errors of the tests' Monte Carlo on
/// `model` (`heavyTailMonteCarloBestOfN`) at n = 10 (20,000 trials, `seed`) and n = 1000 (1000
/// trials, `seed` + 1).
func expectBestOfNAgreesWithMonteCarlo(
  _ law: PersuasionLaw, _ model: Model, seed: UInt64, label: String = ""
) throws {
  for (n, trials, seed) in [(10, 20_000, seed), (1000, 1_000, seed + 1)] {
    let exact = try law.bestOfN(Double(n))
    let sample = heavyTailMonteCarloBestOfN(model, n: n, trials: trials, seed: seed)
    let truth = try #require(exact.meanTruth)
    let persuasion = try #require(exact.meanPersuasiveness)
    #expect(abs(truth - sample.truth) <= 4 * sample.truthError, "\(label) n=\(n): \(truth) vs \(sample)")
    #expect(abs(persuasion - sample.persuasion) <= 4 * sample.persuasionError, "\(label) n=\(n): \(persuasion) vs \(sample)")
  }
}

/// Expects two exact routes to the same law to agree to 1e-6 relative (the figure for a
/// second exact route): best-of-n at each of `counts` (E[T], E[P], Var T), the quantilizer at
/// q = 0.02, and E and Var of T given P = −1, 1, 3.
func expectRoutesAgree(
  _ first: PersuasionLaw, _ second: PersuasionLaw, counts: [Double], label: String = ""
) throws {
  for n in counts {
    let (a, b) = (try first.bestOfN(n), try second.bestOfN(n))
    #expect(heavyTailRelativeError(b.meanTruth ?? .nan, a.meanTruth ?? 0) < 1e-6, "\(label) n=\(n)")
    #expect(heavyTailRelativeError(b.meanPersuasiveness ?? .nan, a.meanPersuasiveness ?? 0) < 1e-6, "\(label) n=\(n)")
    #expect(heavyTailRelativeError(b.varianceTruth ?? .nan, a.varianceTruth ?? 0) < 1e-6, "\(label) n=\(n)")
  }
  let (a, b) = (try first.quantile(0.02), try second.quantile(0.02))
  #expect(heavyTailRelativeError(b.threshold, a.threshold) < 1e-6, "\(label)")
  #expect(heavyTailRelativeError(b.outcome.meanTruth ?? .nan, a.outcome.meanTruth ?? 0) < 1e-6, "\(label)")
  for p in [-1.0, 1, 3] {
    let (a, b) = (try first.conditionalTruth(givenPersuasiveness: p), try second.conditionalTruth(givenPersuasiveness: p))
    #expect(heavyTailRelativeError(b.mean ?? .nan, a.mean ?? 0) < 1e-6, "\(label) p=\(p)")
    #expect(heavyTailRelativeError(b.variance ?? .nan, a.variance ?? 0) < 1e-6, "\(label) p=\(p)")
  }
}
