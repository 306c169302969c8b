import Foundation
import Goodhart
import Testing

/// The ordinary least-squares (α, β) of R = α x1 − β x2 by the 2 × 2 normal equations: an
/// independent route to the same minimiser, since both forms are linear in (α, β).
private func normalEquations(_ form: OveroptimisationForm, _ d: [Double], _ g: [Double]) -> (Double, Double) {
  var s11 = 0.0, s12 = 0.0, s22 = 0.0, r1 = 0.0, r2 = 0.0
  for (x, y) in zip(d, g) {
    let x1 = x
    let x2 = -(form == .bestOfN ? x * x : x * log(x))
    s11 += x1 * x1; s12 += x1 * x2; s22 += x2 * x2; r1 += x1 * y; r2 += x2 * y
  }
  let det = s11 * s22 - s12 * s12
  return ((s22 * r1 - s12 * r2) / det, (s11 * r2 - s12 * r1) / det)
}

@Suite struct FittingTests {
  static let distances = (1...40).map { Double($0) * 0.1 }

  @Test(arguments: OveroptimisationForm.allCases, [(0.8, 0.15), (1.3, -0.2), (0.05, 0.01), (-0.4, 0.3)])
  func recoversCoefficientsFromExactData(form: OveroptimisationForm, coefficients: (Double, Double)) throws {
    let (alpha, beta) = coefficients
    let gains = FittingTests.distances.map { form.gain(at: $0, alpha: alpha, beta: beta) }
    let fit = try OveroptimisationFit(form, distances: FittingTests.distances, gains: gains)
    #expect(relativeError(fit.alpha, alpha) <= 1e-12, "alpha \(fit.alpha) vs \(alpha)")
    #expect(relativeError(fit.beta, beta) <= 1e-12, "beta \(fit.beta) vs \(beta)")
    #expect(fit.quality == .exact)
    #expect(fit.maximumAbsoluteResidual <= 1e-13)
  }

  @Test(arguments: OveroptimisationForm.allCases)
  func noisyFitMatchesTheNormalEquations(form: OveroptimisationForm) throws {
    // Deterministic "noise": a fixed wiggle that is no multiple of either regressor.
    let d = FittingTests.distances
    let gains = d.map { form.gain(at: $0, alpha: 0.7, beta: 0.2) + 0.01 * sin(7 * $0) }
    let fit = try OveroptimisationFit(form, distances: d, gains: gains)
    let (alpha, beta) = normalEquations(form, d, gains)
    #expect(relativeError(fit.alpha, alpha) <= 1e-11)
    #expect(relativeError(fit.beta, beta) <= 1e-11)
    #expect(fit.quality != .exact, "the wiggle must show in the residuals")
    let rms = (fit.residuals.reduce(0) { $0 + $1 * $1 } / Double(d.count)).squareRoot()
    #expect(relativeError(fit.rootMeanSquareResidual, rms) <= 1e-12)
  }

  @Test(arguments: OveroptimisationForm.allCases)
  func peakIsTheMaximumOfTheFittedCurve(form: OveroptimisationForm) throws {
    let (alpha, beta) = (0.9, 0.3)
    let peak = try #require(form.peak(alpha: alpha, beta: beta))
    let top = form.gain(at: peak, alpha: alpha, beta: beta)
    for step in [1e-3, 1e-2, 0.1] {
      #expect(form.gain(at: peak * (1 + step), alpha: alpha, beta: beta) < top)
      #expect(form.gain(at: peak * (1 - step), alpha: alpha, beta: beta) < top)
    }
    #expect(form.peak(alpha: alpha, beta: -0.3) == nil)
    #expect(form.peak(alpha: alpha, beta: 0) == nil)
  }

  @Test(arguments: OveroptimisationForm.allCases)
  func flatCurveFitsWithZeroCoefficients(form: OveroptimisationForm) throws {
    // Truth that does not move with selection (Cov(T, P) = 0): the start α = β = 0 is exact.
    let fit = try OveroptimisationFit(
      form, distances: FittingTests.distances, gains: [Double](repeating: 0, count: 40))
    #expect(fit.alpha == 0 && fit.beta == 0)
    #expect(fit.rSquared == nil && fit.quality == .exact && fit.peakDistance == nil)
  }

  @Test func closedFormPeaks() {
    #expect(OveroptimisationForm.bestOfN.peak(alpha: 1, beta: 0.25) == 2)
    let rl = OveroptimisationForm.reinforcementLearning.peak(alpha: 1, beta: 0.5)!
    #expect(relativeError(rl, exp(1.0)) <= 1e-15)
  }

  @Test(arguments: [
    ([0.1, 0.2], [0.1, 0.2], "distances"), ([0.1, 0.2, 0.3], [0.1, 0.2], "gains"),
    ([0.1, -0.2, 0.3, 0.4], [0, 0, 0, 0], "distances[1]"), ([0.1, 0.2, .nan, 0.4], [0, 0, 0, 0], "distances[2]"),
    ([0.1, 0.2, 0.3, 0.4], [0, .infinity, 0, 0], "gains[1]"), ([0, 0.2, 0.2, 0.2], [0, 1, 1, 1], "distances"),
  ])
  func badDataIsAnErrorNamingTheField(distances: [Double], gains: [Double], field: String) {
    #expect(throws: FittingError.self) {
      try OveroptimisationFit(.bestOfN, distances: distances, gains: gains)
    }
    do {
      _ = try OveroptimisationFit(.reinforcementLearning, distances: distances, gains: gains)
    } catch {
      // The field names the input; an index, where there is one, opens the rule: "[1] must ...".
      let name = String(field.prefix { $0 != "[" })
      #expect(error.field.description == name)
      #expect(error.rule.hasPrefix(field.dropFirst(name.count)))
    }
  }
}
