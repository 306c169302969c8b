import CGSL
import Foundation

/// The standard normal law N(0, 1): density, distribution, tails on the log scale, quantiles.
///
/// Tails are computed without cancellation: `survival(x)` is Q(x) = 1 - Φ(x) evaluated directly
/// (relative accuracy ~1e-15 while Q(x) is a normal double, x < 37.5), `logSurvival(x)` stays
/// finite and accurate far beyond the point where Q(x) underflows, and also where Q(x) is within
/// an ulp of 1 (x ≪ 0, where ln Q(x) ≈ -Φ(x) is tiny), which is what threshold filtering in both
/// tails needs.
public enum StandardNormal {
  /// 1 / sqrt(2π).
  public static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94
  /// ln sqrt(2π).
  static let logSqrtTwoPi = 0.918_938_533_204_672_741_78

  /// The density φ(x) = exp(-x²/2) / sqrt(2π), accurate to a few ulps for every x (x² is split
  /// exactly into its rounded value and its rounding error, so the error of x² is not amplified
  /// by the exponential: plain exp(-x*x/2) would be off by ~x²·1e-16 relative, 1e-13 at x = 30).
  /// Returns 0 for ±∞ and NaN for NaN.
  public static func density(_ x: Double) -> Double {
    inverseSqrtTwoPi * exponentialOfHalfNegativeSquare(x, plus: 0)
  }

  /// exp(-x²/2 + shift), with x² = s + e split exactly (e = fma(x, x, -s)); 0 when x² overflows.
  static func exponentialOfHalfNegativeSquare(_ x: Double, plus shift: Double) -> Double {
    let square = x * x
    guard square.isFinite else { return x.isNaN ? .nan : 0 }
    let exact = (-square).addingProduct(x, x)  // fma: the rounding error of x², exactly
    return Foundation.exp(-0.5 * square + shift) * (1 - 0.5 * exact)
  }

  /// The distribution function Φ(x) = P(Z <= x), accurate relative to its value in the lower
  /// tail. Φ(-∞) = 0, Φ(+∞) = 1, NaN for NaN.
  public static func cdf(_ x: Double) -> Double {
    _ = GSLRuntime.ready
    return gsl_cdf_ugaussian_P(x)
  }

  /// The survival function Q(x) = P(Z > x) = Φ(-x), accurate relative to its value in the upper
  /// tail (it underflows to 0 beyond x ≈ 38.5; use `logSurvival` there).
  public static func survival(_ x: Double) -> Double {
    _ = GSLRuntime.ready
    return gsl_cdf_ugaussian_Q(x)
  }

  /// ln Q(x), accurate to a few ulps relative for every x.
  ///
  /// - x < 0: `log1p(-Φ(x))`, so that ln Q(x) ≈ -Φ(x) keeps its digits when Q(x) rounds to 1.
  /// - 0 <= x <= 10⁸: ln erfc(x / sqrt 2) - ln 2 (GSL's `gsl_sf_log_erfc`, asymptotic in the tail).
  /// - x > 10⁸: -x²/2 - ln(x sqrt(2π)) (the next term, -1/x², is below an ulp); -∞ once x² overflows.
  ///
  /// Returns 0 for -∞, -∞ for +∞ and NaN for NaN.
  public static func logSurvival(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x < 0 { return Foundation.log1p(-cdf(x)) }
    if x > 1e8 { return -0.5 * x * x - (Foundation.log(x) + logSqrtTwoPi) }
    _ = GSLRuntime.ready
    var result = gsl_sf_result()
    let status = gsl_sf_log_erfc_e(x * 0.707_106_781_186_547_524_40, &result)
    guard status == gslSuccess, result.val.isFinite else {
      return -0.5 * x * x - (Foundation.log(x) + logSqrtTwoPi)
    }
    return result.val - 0.693_147_180_559_945_309_42
  }

  /// ln Φ(x) = ln Q(-x), accurate in both tails (see `logSurvival`).
  public static func logCDF(_ x: Double) -> Double { logSurvival(-x) }

  /// The inverse Mills ratio (hazard) λ(x) = φ(x) / Q(x) = E[Z | Z >= x].
  ///
  /// Accurate to ~1e-14 relative for every x: φ(x)/Q(x) up to x = 25, GSL's asymptotic
  /// `gsl_sf_hazard` beyond (λ(x) ≈ x + 1/x). λ(x) → 0 as x → -∞ (it underflows to 0 below
  /// x ≈ -38.5, where it equals φ(x) to double precision); λ(+∞) = +∞; NaN for NaN.
  public static func inverseMillsRatio(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x <= 25 { return density(x) / survival(x) }
    if x == .infinity { return .infinity }
    _ = GSLRuntime.ready
    var result = gsl_sf_result()
    let status = gsl_sf_hazard_e(x, &result)
    guard status == gslSuccess, result.val.isFinite else { return x + 1 / x }
    return result.val
  }

  /// The quantile Φ⁻¹(p) for p in [0, 1]: -∞ at 0, +∞ at 1, NaN outside.
  public static func quantile(_ p: Double) -> Double {
    _ = GSLRuntime.ready
    guard p >= 0, p <= 1 else { return .nan }
    return gsl_cdf_ugaussian_Pinv(p)
  }

  /// The upper quantile Q⁻¹(q): the x with Q(x) = q, accurate (~3e-16 relative) for every q down
  /// to the smallest subnormal. +∞ at 0, -∞ at 1, NaN outside [0, 1].
  public static func upperQuantile(_ q: Double) -> Double {
    _ = GSLRuntime.ready
    guard q >= 0, q <= 1 else { return .nan }
    return gsl_cdf_ugaussian_Qinv(q)
  }

  /// Q(z), ln Q(z) and λ(z) together, from one `erfc`, one `exp` and one logarithm (the hot path
  /// of threshold filtering and the quantilizer; no GSL call).
  ///
  /// Q(x) = erfc(x/√2)/2 for |x| <= 25, with the rounding δ of x/√2 = t + δ corrected to first
  /// order: erfc(t + δ)/2 = erfc(t)/2 − √2 δ φ(x), so Q keeps glibc's ~1 ulp relative accuracy
  /// instead of losing x² · 1e-16 (7e-14 at x = 25). For z < 0, Φ(z) = Q(−z) and
  /// ln Q = log1p(−Φ(z)); λ = φ/Q (it underflows to 0 below z ≈ −38.5 exactly where φ does).
  /// Beyond z = 25 the GSL asymptotics of `logSurvival` and `inverseMillsRatio` take over.
  static func upperTail(_ z: Double) -> UpperTail {
    if z < 0 {
      let density = density(z)
      let lower = halfErfc(-z, density: density)
      let survival = 1 - lower
      return UpperTail(
        survival: survival, logSurvival: Foundation.log1p(-lower),
        inverseMillsRatio: density / survival)
    }
    if z <= 25 {
      let density = density(z)
      let survival = halfErfc(z, density: density)
      return UpperTail(
        survival: survival, logSurvival: Foundation.log(survival),
        inverseMillsRatio: density / survival)
    }
    return UpperTail(
      survival: survival(z), logSurvival: logSurvival(z), inverseMillsRatio: inverseMillsRatio(z))
  }

  /// Q(x) = erfc(x/√2)/2 for x >= 0, given φ(x): x/√2 = t + δ is split exactly (t rounded, δ from
  /// an fma plus the low half of 1/√2), and erfc(t + δ) = erfc(t) − (2/√π) e^{−t²} δ, where
  /// (1/√π) e^{−t²} = √2 φ(x).
  @inline(__always)
  static func halfErfc(_ x: Double, density: Double) -> Double {
    let t = x * inverseSqrtTwo
    let delta = (-t).addingProduct(x, inverseSqrtTwo) + x * inverseSqrtTwoLow
    return 0.5 * Foundation.erfc(t) - 1.414_213_562_373_095_048_80 * delta * density
  }

  /// 1/√2 rounded to double.
  static let inverseSqrtTwo = 0.707_106_781_186_547_524_40
  /// The rounding error 1/√2 − `inverseSqrtTwo`.
  static let inverseSqrtTwoLow = -4.833_646_656_726_456_518_6e-17
}

/// The upper tail of N(0, 1) at one point: Q(z), ln Q(z), λ(z) = φ(z)/Q(z).
struct UpperTail {
  /// Q(z) (may underflow to 0 for z > 38.5).
  var survival: Double
  /// ln Q(z), finite for finite z.
  var logSurvival: Double
  /// λ(z) = E[Z | Z >= z].
  var inverseMillsRatio: Double
}
