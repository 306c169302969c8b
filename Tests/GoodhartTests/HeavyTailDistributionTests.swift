import Foundation
import Testing
@testable import Goodhart

@Suite struct HeavyTailDistributionTests {
  static let laws: [StandardLaw] = [
    StandardLaw(.normal), StandardLaw(.studentT(0.7)), StandardLaw(.studentT(3)),
    StandardLaw(.studentT(40)), StandardLaw(.laplace), StandardLaw(.logistic), StandardLaw(.cauchy),
  ]

  @Test(arguments: [0.5, 1, 2.5, 3, 30, 1e4])
  func studentTDensityMatchesGSL(nu: Double) {
    let law = StandardLaw(.studentT(nu))
    for z in [-40.0, -3, -0.5, 0, 0.1, 2, 7, 1e3] {
      #expect(heavyTailRelativeError(law.density(z), law.referenceDensity(z)) < 1e-12)
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
    if law.kind != .normal {
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
    func law(_ family: Distribution.Family, _ dof: Double? = nil) throws -> Distribution {
      try Distribution(family: family, location: 1.5, scale: 2, degreesOfFreedom: dof)
    }
    #expect(try law(.cauchy).mean == nil)
    #expect(try law(.cauchy).variance == nil)
    #expect(try law(.studentT, 1).mean == nil)
    #expect(try law(.studentT, 1.5).mean == 1.5)
    #expect(try law(.studentT, 2).variance == nil)
    #expect(try law(.studentT, 3).variance == 12)
    #expect(try law(.laplace).variance == 8)
    #expect(heavyTailRelativeError(try law(.logistic).variance ?? 0, 4 * Double.pi * Double.pi / 3) < 1e-15)
    #expect(try law(.normal).variance == 4)
  }

  @Test(arguments: [
    (Distribution.Family.studentT, nil as Double?, "dof"), (.studentT, 0, "dof"), (.studentT, -1, "dof"),
    (.studentT, .infinity, "dof"), (.laplace, 3, "dof"), (.cauchy, 1, "dof"),
  ])
  func badParametersNameTheField(family: Distribution.Family, dof: Double?, field: String) {
    #expect {
      try Distribution(family: family, location: 0, scale: 1, degreesOfFreedom: dof)
    } throws: { error in
      (error as? ModelError)?.field == "distribution.\(field)"
    }
  }
}
