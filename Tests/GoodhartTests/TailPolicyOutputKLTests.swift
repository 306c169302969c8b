import Foundation
import Testing

@testable import Goodhart

/// The output-law KL of Kwa et al.'s tail policy (`TailPolicy.outputKL`): against a closed form
/// when X_k is normal, against Monte Carlo over (T, P) with the policy's density ratio computed
/// from the bivariate normal density directly (no sufficient statistic) when X_k is Student-t,
/// and its limits (no noise: `kl`; no loading: 0; a non-normal other submodule: none).
@Suite struct TailPolicyOutputKLTests {
  /// A and B normal, C the policy's submodule; weights 1/3 each.
  static func model(_ c: Distribution, sdA: Double = 1, sdB: Double = 1) throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: sdA, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 1, sd: sdB, truth: 1, persuasion: 0),
        Submodule(name: "C", distribution: c, truth: 0, persuasion: 1),
      ],
      weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
  }

  static func phi(_ x: Double) -> Double { exp(-0.5 * x * x) / (2 * Double.pi).squareRoot() }

  /// Composite Simpson's rule on [a, b] with `intervals` (even) intervals.
  static func simpson(_ f: (Double) -> Double, _ a: Double, _ b: Double, _ intervals: Int) -> Double {
    let h = (b - a) / Double(intervals)
    var total = f(a) + f(b)
    for i in 1..<intervals { total += (i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h) }
    return total * h / 3
  }

  /// C ~ N(2, 1): Σ of A and B is (1/9)[[2, 1], [1, 1]] and v = (0, 1/3), so τ² = 1/vᵀΣ⁻¹v = 1/2;
  /// U = Y + τZ ~ N(0, 3/2) in C's standard units, and Y | U = u ~ N(u/(1 + τ²), τ²/(1 + τ²)), so
  /// P(Y > z | U = u) is a normal tail and the KL one integral (Simpson, 40,000 intervals).
  /// Relative 1e-7.
  @Test(arguments: [(3.5, 0.3), (3.5, 1.0), (6.0, 0.02), (1.0, 0.7), (10.0, 0.01)])
  func normalSubmoduleMatchesTheClosedFormPosterior(_ threshold: Double, _ mixing: Double) throws {
    let model = try Self.model(try Distribution(family: .normal, location: 2, scale: 1))
    let policy = try TailPolicy(model: model, submodule: 2, threshold: threshold, mixing: mixing)
    let exact = try #require(try policy.outputKL(model: model))
    let z = threshold - 2
    let noise = 0.5
    let spread = (1 + noise).squareRoot()
    let q = StandardNormal.survival(z)
    func density(_ u: Double) -> Double { Self.phi(u / spread) / spread }
    func posterior(_ u: Double) -> Double {
      StandardNormal.survival((z - u / (1 + noise)) / (noise / (1 + noise)).squareRoot())
    }
    let reference = Self.simpson({ u in
      let ratio = (1 - mixing) + mixing / q * posterior(u)
      return ratio > 0 ? density(u) * ratio * log(ratio) : 0
    }, -14 * spread, z + 14 * spread, 40_000)
    #expect(abs(exact - reference) <= 1e-7 * reference, "\(exact) vs \(reference)")
    #expect(exact < policy.kl)
  }

  /// C ~ Student-t(3), location 2, scale 1.5: 20,000 draws (T, P) from the policy, and
  /// KL = E_π[ln ρ(T, P)] with ρ = (1 − ε) + (ε/Q) P(X_C > x_t | T, P), the conditional
  /// probability by Simpson's rule over x of g(x) times the bivariate normal density of
  /// (T, P) − μ − v x (Σ inverted directly). Within 4 standard errors.
  @Test(arguments: [(6.0, 0.2), (3.0, 0.6)])
  func studentTSubmoduleAgreesWithMonteCarloOverOutputs(_ threshold: Double, _ mixing: Double)
    throws
  {
    let c = try Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1.5)
    let model = try Self.model(c)
    let policy = try TailPolicy(model: model, submodule: 2, threshold: threshold, mixing: mixing)
    let exact = try #require(try policy.outputKL(model: model))
    let q = c.survival(threshold)
    let third = 1.0 / 3
    // N = (T, P) − v X_C: A contributes (1, 1) a/3, B (1, 0) b/3; Σ = (1/9)[[2, 1], [1, 1]].
    let (stt, stp, spp) = (2.0 / 9, 1.0 / 9, 1.0 / 9)
    let det = stt * spp - stp * stp
    func normalDensity(_ dt: Double, _ dp: Double) -> Double {
      let form = (spp * dt * dt - 2 * stp * dt * dp + stt * dp * dp) / det
      return exp(-0.5 * form) / (2 * Double.pi * det.squareRoot())
    }
    let (meanT, meanP) = (2 * third, third)
    var source = RandomSource(seed: 23)
    let draws = 20_000
    var (sum, square) = (0.0, 0.0)
    for _ in 0..<draws {
      let a = 1 + source.normal(), b = 1 + source.normal()
      let x = source.uniform() < mixing ? c.upperQuantile(q * source.uniform()) : c.sample(using: &source)
      let t = third * (a + b), p = third * (a + x)
      // The likelihood of X_C = x given (T, P) is normal in x with sd τ = 1/√2 around
      // x̂ = vᵀΣ⁻¹((T, P) − μ)/vᵀΣ⁻¹v = 3 dp − 1.5 dt; g(x) only narrows it. ±14 sd around x̂.
      let width = 1 / 2.0.squareRoot()
      let centre = 3 * (p - meanP) - 1.5 * (t - meanT)
      let joint: (Double) -> Double = { x in
        c.density(x) * normalDensity(t - meanT, p - meanP - third * x)
      }
      let lower = centre - 14 * width, upper = centre + 14 * width
      let whole = Self.simpson(joint, lower, upper, 800)
      let above = threshold >= upper ? 0 : Self.simpson(joint, max(threshold, lower), upper, 800)
      let ratio = (1 - mixing) + mixing / q * (above / whole)
      let value = log(ratio)
      sum += value
      square += value * value
    }
    let mean = sum / Double(draws)
    let standardError = ((square / Double(draws) - mean * mean) / Double(draws)).squareRoot()
    #expect(abs(exact - mean) <= 4 * standardError, "\(exact) vs \(mean) ± \(standardError)")
    #expect(exact < policy.kl)
  }

  /// The limits: as the other submodules' noise shrinks the output-law KL rises to `kl`; with
  /// no other submodule loading on T or P it is `kl` exactly; a policy on a submodule that loads
  /// on nothing changes no output (0); a non-normal other submodule that loads is not covered.
  @Test func limits() throws {
    let c = try Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1.5)
    var previous = 0.0
    var policyKL = 0.0
    for sd in [1.0, 0.1, 0.01, 0.001] {
      let model = try Self.model(c, sdA: sd, sdB: sd)
      let policy = try TailPolicy(model: model, submodule: 2, threshold: 10, mixing: 0.1)
      let value = try #require(try policy.outputKL(model: model))
      #expect(value > previous && value <= policy.kl, "sd \(sd): \(value)")
      previous = value
      policyKL = policy.kl
    }
    #expect(abs(previous - policyKL) <= 1e-3 * policyKL, "\(previous) vs \(policyKL)")

    // Far out in C's tail (the catastrophic-goodhart example's thresholds), noise of sd 0.7
    // against a threshold 10^4–10^7 scales out hides almost nothing: within 1e-4 of `kl`.
    let model = try Self.model(c)
    for (threshold, mixing) in [(1e4, 1e-3), (1.049e6, 1.907e-5), (8.389e6, 2.384e-5)] {
      let policy = try TailPolicy(model: model, submodule: 2, threshold: threshold, mixing: mixing)
      let value = try #require(try policy.outputKL(model: model))
      #expect(value <= policy.kl && value >= (1 - 1e-4) * policy.kl, "\(threshold): \(value) vs \(policy.kl)")
    }

    let alone = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 0, persuasion: 0),
        Submodule(name: "C", distribution: c, truth: 0, persuasion: 1),
      ],
      weights: [0.5, 0.5])
    let exact = try TailPolicy(model: alone, submodule: 1, threshold: 10, mixing: 0.1)
    #expect(try exact.outputKL(model: alone) == exact.kl)
    let silent = try TailPolicy(model: alone, submodule: 0, threshold: 2, mixing: 0.1)
    #expect(try silent.outputKL(model: alone) == 0)

    let heavyNoise = try Model(
      submodules: [
        Submodule(name: "A", distribution: c, truth: 1, persuasion: 1),
        Submodule(name: "C", distribution: c, truth: 0, persuasion: 1),
      ],
      weights: [0.5, 0.5])
    let uncovered = try TailPolicy(model: heavyNoise, submodule: 1, threshold: 10, mixing: 0.1)
    #expect(try uncovered.outputKL(model: heavyNoise) == nil)
  }

  /// Every family, noise from 0.01 to 10 times C's scale, thresholds 1 to 10^6 scales out
  /// (where the tail probability is a normal double) and ε from 10^−5 to 1: a finite KL between
  /// 0 and `kl`, never an error.
  @Test func everyFamilyThresholdAndMixingGivesABoundedKL() throws {
    let families: [Distribution.Family] = [
      .studentT(degreesOfFreedom: 3), .studentT(degreesOfFreedom: 10), .laplace, .logistic, .normal,
    ]
    for family in families {
      let c = try Distribution(family: family, location: 2, scale: 1.5)
      for sd in [0.01, 10.0] {
        let model = try Self.model(c, sdA: sd, sdB: sd)
        for z in [1.0, 10, 1e4, 1e6] where c.survival(2 + 1.5 * z) > 1e-290 {
          for mixing in [1e-5, 0.5, 1] {
            let policy = try TailPolicy(
              model: model, submodule: 2, threshold: 2 + 1.5 * z, mixing: mixing)
            let value = try #require(try policy.outputKL(model: model))
            #expect(
              value.isFinite && value >= 0 && value <= policy.kl * (1 + 1e-9),
              "\(family) sd \(sd) z \(z) ε \(mixing): \(value) vs \(policy.kl)")
          }
        }
      }
    }
  }
}
