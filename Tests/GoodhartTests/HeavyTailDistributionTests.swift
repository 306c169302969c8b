import Foundation
import Testing
@testable import Goodhart

@Suite struct HeavyTailDistributionTests {
  static let laws: [StandardLaw] = [
    StandardLaw(.normal), StandardLaw(.studentT(degreesOfFreedom: 0.7)), StandardLaw(.studentT(degreesOfFreedom: 3)),
    StandardLaw(.studentT(degreesOfFreedom: 40)), StandardLaw(.laplace), StandardLaw(.logistic), StandardLaw(.cauchy),
  ]

  /// Odd integer ν (1, 3, 5, 63) takes the product form c (1 + z²/ν)^{−(ν+1)/2}, the others the
  /// exponential of a logarithm; both against GSL's density (two log-gammas per call).
  @Test(arguments: [0.5, 1, 2.5, 3, 5, 30, 63, 65, 1e4])
  func studentTDensityMatchesGSL(nu: Double) {
    let law = StandardLaw(.studentT(degreesOfFreedom: nu))
    #expect((law.integerPower > 0) == [1, 3, 5, 63].contains(nu))
    for z in [-40.0, -3, -0.5, 0, 0.1, 2, 7, 1e3] {
      #expect(heavyTailRelativeError(law.density(z), law.referenceDensity(z)) < 1e-12)
    }
  }

  /// The Student-t tail against its density integrated by GSL's adaptive rule on the half-line,
  /// to 10^−10 relative, for ν > 30, where GSL's own tail is a Cornish–Fisher expansion that
  /// was 3.3e-7 off at ν = 50, z = 20 (`StandardLaw.studentTSurvival`); and its quantile
  /// inverts it there.
  @Test(arguments: [31.0, 40, 50, 200, 1000])
  func studentTTailMatchesItsIntegratedDensity(nu: Double) throws {
    let law = StandardLaw(.studentT(degreesOfFreedom: nu))
    let quadrature = Quadrature(absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 1000)
    for z in [0.5, 2, 5, nu.squareRoot(), 7, 10, 20, 22, 30, 40] {
      // In units of the density at z, so the integrand is of order 1 where it starts.
      let unit = law.density(z)
      let integral = try quadrature.integrate({ law.density($0) / unit }, from: z).value * unit
      #expect(heavyTailRelativeError(law.survival(z), integral) < 1e-10, "ν = \(nu), z = \(z)")
      #expect(heavyTailRelativeError(law.upperQuantile(law.survival(z)), z) < 1e-10)
    }
  }

  @Test(arguments: laws)
  func tailsAreConsistent(law: StandardLaw) {
    for z in [-30.0, -2, -0.3, 0, 0.4, 1.5, 6, 25] {
      #expect(abs(law.cdf(z) + law.survival(z) - 1) < 1e-14)
      #expect(heavyTailRelativeError(law.cdf(z), law.survival(-z)) < 1e-14, "symmetric")
      let q = law.survival(z)
      #expect(heavyTailRelativeError(law.logSurvival(z), log(q), floor: 1) < 1e-12)
    }
    // Quantiles invert the tails, including far in the right tail (best-of-10^12 territory).
    for q in [0.9, 0.5, 0.1, 1e-3, 1e-8, 1e-12] {
      let z = law.upperQuantile(q)
      #expect(heavyTailRelativeError(law.survival(z), q) < 1e-9, "Q(Q⁻¹(\(q)))")
      #expect(heavyTailRelativeError(law.quantile(q), -z, floor: 1e-12) < 1e-12, "left tail")
    }
    #expect(heavyTailRelativeError(law.quantile(0.9), law.upperQuantile(0.1)) < 1e-12)
    #expect(law.logSurvival(.infinity) == -.infinity)
    #expect(law.logSurvival(-.infinity) == 0)
    #expect(!law.logSurvival(1e200).isNaN)
    if law.family != .normal {
      #expect(law.logSurvival(1e200).isFinite, "finite where Q underflows")
    }
  }

  @Test func locationScaleFunctions() throws {
    let law = try Distribution(family: .laplace, location: 2, scale: 3)
    #expect(heavyTailRelativeError(law.density(5), exp(-1) / 6) < 1e-15)
    #expect(heavyTailRelativeError(law.survival(5), 0.5 * exp(-1)) < 1e-15)
    #expect(heavyTailRelativeError(law.logSurvival(5), -1 - log(2)) < 1e-15)
    #expect(heavyTailRelativeError(law.quantile(law.cdf(-1)), -1) < 1e-13)
    #expect(heavyTailRelativeError(law.upperQuantile(law.survival(40)), 40) < 1e-13)
  }

  @Test func momentsThatDoNotExistAreNil() throws {
    func law(_ family: Distribution.Family) throws -> Distribution {
      try Distribution(family: family, location: 1.5, scale: 2)
    }
    #expect(try law(.cauchy).mean == nil)
    #expect(try law(.cauchy).variance == nil)
    #expect(try law(.studentT(degreesOfFreedom: 1)).mean == nil)
    #expect(try law(.studentT(degreesOfFreedom: 1.5)).mean == 1.5)
    #expect(try law(.studentT(degreesOfFreedom: 2)).variance == nil)
    #expect(try law(.studentT(degreesOfFreedom: 3)).variance == 12)
    #expect(try law(.laplace).variance == 8)
    #expect(heavyTailRelativeError(try law(.logistic).variance ?? 0, 4 * Double.pi * Double.pi / 3) < 1e-15)
    #expect(try law(.normal).variance == 4)
  }

  @Test(arguments: [
    ("student_t", nil as Double?, "dof"), ("student_t", 0, "dof"), ("student_t", -1, "dof"),
    ("student_t", .infinity, "dof"), ("laplace", 3, "dof"), ("cauchy", 1, "dof"), ("gamma", nil, "family"),
  ])
  func badParametersNameTheField(name: String, dof: Double?, field: String) {
    #expect {
      try Distribution(
        family: Distribution.Family.named(name, parameters: dof.map { ["dof": $0] } ?? [:]), location: 0, scale: 1)
    } throws: { error in
      (error as? ModelError)?.field == "distribution.\(field)"
    }
  }
}
