import Foundation
import Testing
@testable import Goodhart

/// `var_truth` and `var_persuasion` on the quadrature route (non-normal submodules in the sum
/// reading), one and two non-normal components, against the tests' own inverse-cdf sampler
/// (`heavyTailDraw`), within 4 standard errors (laws with fourth moments, so the variance's
/// standard error is itself estimable).
@Suite struct QuadratureDispersionTests {
  static func check(_ values: [Double], mean: Double, variance: Double, _ label: String) {
    let m = Double(values.count)
    let average = values.reduce(0, +) / m
    let centred = values.map { ($0 - average) * ($0 - average) }
    let spread = centred.reduce(0, +) / (m - 1)
    let fourth = centred.map { $0 * $0 }.reduce(0, +) / m
    #expect(abs(average - mean) <= 4 * (spread / m).squareRoot(), "\(label) mean \(average) vs \(mean)")
    #expect(
      abs(spread - variance) <= 4 * (max(fourth - spread * spread, 0) / m).squareRoot(),
      "\(label) variance \(spread) vs \(variance)")
  }

  @Test(arguments: ["one Laplace component", "Laplace and logistic"])
  func selectedVariancesMatchTheSampler(name: String) throws {
    let laplace = try Distribution(family: .laplace, location: 1, scale: 0.8)
    let logistic = try Distribution(family: .logistic, location: 2, scale: 0.6)
    let normal = try Distribution.normal(mean: 1, standardDeviation: 1)
    let model =
      name == "one Laplace component"
      ? try heavyTailModel(a: normal, b: normal, c: laplace)
      : try heavyTailModel(a: laplace, b: normal, c: logistic)
    let law = try PersuasionLaw(model: model)
    var random = HeavyTailSplitMix(seed: 404)
    let draws = (0..<400_000).map { _ in heavyTailDraw(model, &random) }
    let threshold = try law.threshold(1.2).outcome
    let kept = draws.filter { $0.persuasion >= 1.2 }
    QuadratureDispersionTests.check(
      kept.map(\.truth), mean: threshold.meanTruth!, variance: threshold.varianceTruth!, "\(name) threshold T")
    QuadratureDispersionTests.check(
      kept.map(\.persuasion), mean: threshold.meanPersuasiveness!,
      variance: threshold.variancePersuasiveness!, "\(name) threshold P")
    let best = try law.bestOfN(6)
    let winners = stride(from: 0, to: draws.count - 5, by: 6).map { start in
      draws[start..<(start + 6)].max { $0.persuasion < $1.persuasion }!
    }
    QuadratureDispersionTests.check(
      winners.map(\.truth), mean: best.meanTruth!, variance: best.varianceTruth!, "\(name) best-of-6 T")
    QuadratureDispersionTests.check(
      winners.map(\.persuasion), mean: best.meanPersuasiveness!, variance: best.variancePersuasiveness!,
      "\(name) best-of-6 P")
    let tilt = try #require(try law.tilt(kl: 0.3).outcome)
    #expect(tilt.varianceTruth! > 0 && tilt.variancePersuasiveness! > 0)
  }
}

/// Where P carries no truth (every part of P has truth ratio 0), T is independent of P and every
/// selection keeps Var T, even when Var P does not exist (a Cauchy part): it was reported as
/// missing (`nil`), since it was formed as r² Var_sel P + the rest.
@Suite struct IndependentTruthVarianceTests {
  @Test(arguments: [["cauchy"], ["cauchy", "laplace"]])
  func selectionsKeepTheBaseVariance(families: [String]) throws {
    var submodules = [try Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 0)]
    for (index, family) in families.enumerated() {
      submodules.append(
        try Submodule(
          name: "C\(index)",
          distribution: try Distribution(family: Distribution.Family.named(family), location: 0, scale: 1),
          truth: 0, persuasion: 1))
    }
    let count = Double(submodules.count)
    let model = try Model(submodules: submodules, weights: submodules.map { _ in 1 / count })
    let law = try #require(try model.outputLaw() as? PersuasionLaw)
    let base = 1 / (count * count)
    for outcome in [try law.bestOfN(10), try law.threshold(1).outcome, try law.quantile(0.05).outcome] {
      #expect(relativeError(try #require(outcome.varianceTruth), base) <= 1e-15)
      #expect(relativeError(try #require(outcome.meanTruth), 1 / count) <= 1e-12)
    }
  }
}

/// The tilted variance of each light-tailed family, Var_θ[W] = K''(θ), against Simpson
/// integration of the tilted density e^{θw} f(w) (1e-9 relative).
@Suite struct TiltedVarianceTests {
  @Test(arguments: [("laplace", 0.8, 0.45), ("logistic", 0.6, 0.9), ("normal", 1.3, 0.7)])
  func secondCumulantMatchesIntegration(family: String, scale: Double, theta: Double) throws {
    let law = try Distribution(
      family: Distribution.Family.named(family), location: 0, scale: scale)
    let steps = 400_000
    let (a, b) = (-80.0 * scale, 80.0 * scale)
    let h = (b - a) / Double(steps)
    var moments = [0.0, 0.0, 0.0]
    for i in 0...steps {
      let w = a + Double(i) * h
      let weight = (i == 0 || i == steps ? 1.0 : i % 2 == 1 ? 4 : 2) * exp(theta * w) * law.density(w)
      moments[0] += weight
      moments[1] += weight * w
      moments[2] += weight * w * w
    }
    let mean = moments[1] / moments[0]
    let variance = moments[2] / moments[0] - mean * mean
    let standard = law.standardLaw
    let curvature = TiltCumulant.secondDerivative(standard, scale: scale, theta)
    let slope = TiltCumulant.derivative(standard, scale: scale, theta)
    #expect(abs(curvature - variance) <= 1e-9 * variance, "K'' \(curvature) vs \(variance)")
    #expect(abs(slope - mean) <= 1e-9 * abs(mean), "K' \(slope) vs \(mean)")
  }
}
