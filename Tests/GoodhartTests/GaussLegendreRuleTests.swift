import Foundation
import Testing

@testable import Goodhart

/// The fixed Gauss–Legendre rules behind e_n: exact for polynomials of degree < 2N, accurate
/// on a smooth integrand with a closed form.
@Suite struct GaussLegendreRuleTests {
  @Test(arguments: [1, 5, 24, 28])
  func integratesPolynomialsUpToDegreeTwoNMinusOneExactly(points: Int) {
    let rule = GaussLegendreRule(points: points)
    #expect(rule.nodes.count == (points + 1) / 2)
    for degree in 0..<(2 * points) {
      // ∫_0^2 x^k dx = 2^{k+1}/(k+1).
      let value = rule.integrate(from: 0, to: 2) { x in pow(x, Double(degree)) }
      let exact = pow(2, Double(degree + 1)) / Double(degree + 1)
      #expect(relativeError(value, exact) <= 1e-14, "N = \(points), degree \(degree)")
    }
  }

  @Test func integratesTheNormalDensityOverAFiniteRange() {
    // ∫_{−1}^{2} φ = Φ(2) − Φ(−1) from GSL's cdf, an independent route.
    let value = ExpectedMaximum.rightRule.integrate(from: -1, to: 2) { StandardNormal.density($0) }
    let exact = StandardNormal.cdf(2) - StandardNormal.cdf(-1)
    #expect(relativeError(value, exact) <= 1e-15)
  }
}
