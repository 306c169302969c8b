import CGSL
import Foundation

/// The standard normal law N(0, 1): density, distribution, tails on the log scale, quantiles.
///
/// Tails are computed without cancellation: `survival(x)` is Q(x) = 1 - Φ(x) evaluated directly,
/// and `logSurvival(x)` stays finite and accurate far beyond the point where Q(x) underflows
/// (x ≈ 38.5), which is what threshold filtering in the far tail needs.
public enum StandardNormal {
  /// 1 / sqrt(2π).
  public static let inverseSqrtTwoPi = 0.398_942_280_401_432_677_94

  /// The density φ(x) = exp(-x²/2) / sqrt(2π). Returns 0 for ±∞ and NaN for NaN.
  public static func density(_ x: Double) -> Double {
    inverseSqrtTwoPi * Foundation.exp(-0.5 * x * x)
  }

  /// The distribution function Φ(x) = P(Z <= x). Φ(-∞) = 0, Φ(+∞) = 1.
  public static func cdf(_ x: Double) -> Double {
    _ = GSLRuntime.ready
    return gsl_cdf_ugaussian_P(x)
  }

  /// The survival function Q(x) = P(Z > x) = Φ(-x), accurate in the upper tail.
  public static func survival(_ x: Double) -> Double {
    _ = GSLRuntime.ready
    return gsl_cdf_ugaussian_Q(x)
  }

  /// ln Q(x), finite for every finite x (ln Q(x) ≈ -x²/2 - ln(x sqrt(2π)) for large x).
  ///
  /// Computed as ln erfc(x / sqrt 2) - ln 2 with GSL's `gsl_sf_log_erfc`. Returns 0 for -∞ and
  /// -∞ for +∞.
  public static func logSurvival(_ x: Double) -> Double {
    _ = GSLRuntime.ready
    if x == -.infinity { return 0 }
    if x == .infinity { return -.infinity }
    var result = gsl_sf_result()
    let status = gsl_sf_log_erfc_e(x * 0.707_106_781_186_547_524_40, &result)
    if status != gslSuccess { return x > 0 ? -.infinity : 0 }
    return result.val - 0.693_147_180_559_945_309_42
  }

  /// ln Φ(x) = ln Q(-x), accurate in the lower tail.
  public static func logCDF(_ x: Double) -> Double { logSurvival(-x) }

  /// The inverse Mills ratio (hazard) λ(x) = φ(x) / Q(x) = E[Z | Z >= x] .
  ///
  /// Accurate for every x: λ(x) → 0 as x → -∞ and λ(x) ≈ x + 1/x as x → +∞.
  public static func inverseMillsRatio(_ x: Double) -> Double {
    _ = GSLRuntime.ready
    if x == -.infinity { return 0 }
    if x == .infinity { return .infinity }
    var result = gsl_sf_result()
    let status = gsl_sf_hazard_e(x, &result)
    if status != gslSuccess {
      return x > 0 ? x + 1 / x : 0
    }
    return result.val
  }

  /// The quantile Φ⁻¹(p) for p in [0, 1]: -∞ at 0, +∞ at 1, NaN outside.
  public static func quantile(_ p: Double) -> Double {
    _ = GSLRuntime.ready
    guard p >= 0, p <= 1 else { return .nan }
    return gsl_cdf_ugaussian_Pinv(p)
  }

  /// The upper quantile Q⁻¹(q): the x with Q(x) = q, accurate for tiny q. +∞ at 0, -∞ at 1.
  public static func upperQuantile(_ q: Double) -> Double {
    _ = GSLRuntime.ready
    guard q >= 0, q <= 1 else { return .nan }
    return gsl_cdf_ugaussian_Qinv(q)
  }
}
