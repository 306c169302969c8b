import Foundation
import Testing

@testable import Goodhart

/// `StandardNormal.upperTail` (erfc-based, the closed forms' hot path) against 40-digit mpmath
/// values and, on a dense grid, against GSL's independent `gsl_cdf_ugaussian_Q` / `log_erfc`.
@Suite struct UpperTailTests {
  /// (z, Q(z), ln Q(z), λ(z)) from mpmath at 60 digits at the exact doubles z (ln Q = log1p(−Φ)
  /// for z < 0).
  static let reference: [(Double, Double, Double, Double)] = [
    (-30.0, 1.0, -4.9067139271481870595e-198, 1.473646134878547519e-196),
    (-5.0, 0.99999971334842812081, -2.8665161296376359338e-7, 1.4867199409049057124e-6),
    (-0.3, 0.61791142218895263307, -0.48141016158848120517, 0.61722085361273445015),
    (0.0, 0.5, -0.69314718055994530942, 0.79788456080286535588),
    (0.5, 0.30853753872598689636, -1.1759117615936186089, 1.1410777703680644809),
    (1.7, 0.044565462758543043664, -3.1107960975524813963, 2.110357921928187549),
    (6.0, 9.865876450376981407e-10, -20.736768949974705655, 6.1584826045445989173),
    (12.5, 3.7325642988777133772e-36, -81.575967870743883217, 12.579007304406976089),
    (24.9, 3.7200792751087555893e-137, -314.14041276161316294, 24.940032126647173732),
  ]

  @Test(arguments: reference)
  func matchesHighPrecisionValues(z: Double, survival: Double, logSurvival: Double, hazard: Double) {
    let tail = StandardNormal.upperTail(z)
    #expect(relativeError(tail.survival, survival) <= 4e-16, "Q(\(z))")
    #expect(relativeError(tail.logSurvival, logSurvival) <= 4e-16, "ln Q(\(z))")
    #expect(relativeError(tail.inverseMillsRatio, hazard) <= 6e-16, "λ(\(z))")
  }

  /// 4,600 points from z = −38 to 25 (where Q, ln Q and λ switch to the asymptotic routes).
  @Test func agreesWithGSLOnADenseGrid() {
    var worst = (survival: 0.0, logSurvival: 0.0, hazard: 0.0)
    for step in 0...4600 {
      let z = -38 + 63 * Double(step) / 4600
      let tail = StandardNormal.upperTail(z)
      let survival = StandardNormal.survival(z)
      worst.survival = max(worst.survival, relativeError(tail.survival, survival))
      worst.logSurvival = max(
        worst.logSurvival, relativeError(tail.logSurvival, StandardNormal.logSurvival(z)))
      worst.hazard = max(
        worst.hazard, relativeError(tail.inverseMillsRatio, StandardNormal.density(z) / survival))
    }
    #expect(worst.survival <= 2e-15, "Q: \(worst.survival)")
    #expect(worst.logSurvival <= 2e-15, "ln Q: \(worst.logSurvival)")
    #expect(worst.hazard <= 2e-15, "λ: \(worst.hazard)")
  }
}
