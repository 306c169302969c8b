import CGSL
import Foundation

/// A standard law Z (location 0, scale 1) from one of Goodhart's families, with its density,
/// distribution function, tails and quantiles (GSL's for the symmetric families, closed forms in
/// `SkewedLaw` for the skewed ones, mirrored for the left orientation).
///
/// For the symmetric families F(−z) = Q(z). Both tails are evaluated directly (never as 1 − the
/// other), so `survival` and `logSurvival` stay accurate far in the right tail, where best-of-n
/// at n = 10^12 lives (Q ≈ 10^−12), and `cdf` and `logCDF` in the left.
///
/// Student-t densities use a log-normaliser computed once at initialisation (GSL's
/// `gsl_ran_tdist_pdf` recomputes two log-gamma values per call); the tests check them against it.
public struct StandardLaw: Hashable, Sendable {
  /// The family, with its parameters.
  public let family: Distribution.Family
  /// ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ) for Student-t, 0 otherwise.
  let logNormaliser: Double
  /// k = (ν + 1)/2 when ν is an odd integer up to 63 (0 otherwise): then g(z) = c (1 + z²/ν)^{−k}
  /// by k − 1 multiplications, with c = e^{logNormaliser} (`normaliser`), instead of an
  /// exponential and a logarithm per call.
  let integerPower: Int
  /// e^{logNormaliser} where `integerPower` > 0.
  let normaliser: Double
  /// The right-oriented law of a skewed family; `nil` for the symmetric ones.
  let skewed: SkewedLaw?
  /// Whether Z is the mirror image of `skewed` (the left orientation).
  let mirrored: Bool

  /// The standard law of `family`.
  ///
  /// - Parameter family: the family (`studentT` needs ν > 0 and finite; `Distribution` checks
  ///   this before a law is built).
  public init(_ family: Distribution.Family) {
    _ = GSLRuntime.ready
    self.family = family
    if case .studentT(let nu) = family {
      logNormaliser =
        gsl_sf_lngamma(0.5 * (nu + 1)) - gsl_sf_lngamma(0.5 * nu) - 0.5 * log(nu * Double.pi)
      let odd = nu == nu.rounded() && nu >= 1 && nu <= 63 && Int(nu) % 2 == 1
      integerPower = odd ? (Int(nu) + 1) / 2 : 0
    } else {
      logNormaliser = 0
      integerPower = 0
    }
    normaliser = exp(logNormaliser)
    mirrored = family.orientation == .left
    skewed = family.skewedLaw
  }

  /// Whether the family is Student-t (whose tail is an incomplete beta function:
  /// `studentTSurvival`).
  public var isStudentT: Bool {
    if case .studentT = family { true } else { false }
  }

  /// The points where the density jumps (an empirical law's knots, mirrored for the left
  /// orientation), increasing; empty for the other families, whose densities are smooth.
  var breakpoints: [Double] {
    guard case .empirical(let law, _) = family else { return [] }
    return mirrored ? law.breakpoints.reversed().map { -$0 } : law.breakpoints
  }

  /// The ends of Z's support (the whole line for the symmetric families; mirrored for the left
  /// orientation).
  var support: (lower: Double, upper: Double) {
    guard let skewed else { return (-.infinity, .infinity) }
    let (lower, upper) = skewed.support
    return mirrored ? (-upper, -lower) : (lower, upper)
  }

  /// The law of −Z (the law itself for the symmetric families).
  var mirror: StandardLaw { skewed == nil ? self : StandardLaw(family.mirrored) }

  /// Whether E|Z| < ∞ (`Distribution.Family.hasMean`).
  public var hasMean: Bool { family.hasMean }

  /// The density g(z). 0 at ±∞.
  public func density(_ z: Double) -> Double {
    switch family {
    case .normal: return StandardNormal.density(z)
    case .studentT(let nu):
      guard integerPower > 0 else { return exp(logNormaliser - 0.5 * (nu + 1) * log1p(z * z / nu)) }
      let reciprocal = 1 / (1 + z * z / nu)
      var value = normaliser * reciprocal
      for _ in 1..<integerPower { value *= reciprocal }
      return value
    // GSL's gsl_ran_laplace_pdf(z, 1), inlined (the kernel passes read it at every node).
    case .laplace: return 0.5 * exp(-abs(z))
    case .logistic: return gsl_ran_logistic_pdf(z, 1)
    case .cauchy: return gsl_ran_cauchy_pdf(z, 1)
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return skewed!.density(mirrored ? -z : z)
    }
  }

  /// GSL's own Student-t density (two log-gammas per call), for checking `density`.
  func referenceDensity(_ z: Double) -> Double {
    if case .studentT(let nu) = family { return gsl_ran_tdist_pdf(z, nu) }
    return density(z)
  }

  /// The distribution function G(z) = P(Z <= z), accurate in the left tail (Q(−z) for the
  /// symmetric families).
  public func cdf(_ z: Double) -> Double {
    guard let skewed else { return survival(-z) }
    return mirrored ? skewed.survival(-z) : skewed.cdf(z)
  }

  /// ln G(z), accurate in the left tail.
  public func logCDF(_ z: Double) -> Double {
    guard let skewed else { return logSurvival(-z) }
    return mirrored ? skewed.logSurvival(-z) : skewed.logCDF(z)
  }

  /// The survival function Q(z) = P(Z > z), accurate in the right tail.
  public func survival(_ z: Double) -> Double {
    switch family {
    case .normal: return StandardNormal.survival(z)
    case .studentT(let nu): return StandardLaw.studentTSurvival(z, nu)
    // GSL's gsl_cdf_laplace_Q(z, 1), inlined.
    case .laplace: return z > 0 ? 0.5 * exp(-z) : 1 - 0.5 * exp(z)
    case .logistic: return gsl_cdf_logistic_Q(z, 1)
    case .cauchy: return gsl_cdf_cauchy_Q(z, 1)
    case .lognormal, .pareto, .gumbel, .weibull, .empirical:
      return mirrored ? skewed!.cdf(-z) : skewed!.survival(z)
    }
  }

  /// The Student-t(ν) tail Q(z). GSL's `gsl_cdf_tdist_Q` switches for ν > 30 and z² < 10ν to a
  /// Cornish–Fisher expansion that is up to 8e-7 off where z² >= ν (3.3e-7 at ν = 50, z = 20,
  /// against mpmath's incomplete beta function); there Q(z) = I_x(ν/2, 1/2)/2 with
  /// x = ν/(ν + z²) (1 − that below 0), GSL's incomplete beta function, within about 10^−15 of
  /// mpmath at the points tried (z² >= ν keeps 1 − x >= 1/2, so x carries no rounding into it).
  /// Below, the expansion was within 10^−12 of it and is kept.
  static func studentTSurvival(_ z: Double, _ nu: Double) -> Double {
    guard nu > 30, z.isFinite, z * z >= nu else { return gsl_cdf_tdist_Q(z, nu) }
    let half = 0.5 * gsl_sf_beta_inc(0.5 * nu, 0.5, nu / (nu + z * z))
    return z > 0 ? half : 1 - half
  }

  /// ln Q(z), finite for every finite z (also where Q underflows), 0 at −∞ and −∞ at +∞.
  public func logSurvival(_ z: Double) -> Double {
    if z == -.infinity { return 0 }
    if z == .infinity { return -.infinity }
    switch family {
    case .normal:
      // ln Q(z) ≈ −z²/2 overflows beyond z ≈ 1.9e154.
      return z > 1e154 ? -.infinity : StandardNormal.logSurvival(z)
    case .laplace:
      return z > 0 ? -z - M_LN2 : log1p(-0.5 * exp(z))
    case .logistic:
      // Q(z) = 1/(1 + e^z): ln Q = −ln(1 + e^z).
      return z > 0 ? -z - log1p(exp(-z)) : -log1p(exp(z))
    case .studentT, .cauchy:
      let q = survival(z)
      if q > 0 { return log(q) }
      // Polynomial tail: Q(z) ≈ g(z) z / ν (ν = 1 for Cauchy) once Q underflows, with
      // ln g(z) = ln c − (ν + 1)/2 · ln(1 + z²/ν) ≈ ln c − (ν + 1)(ln z − ln ν / 2).
      let nu: Double = if case .studentT(let dof) = family { dof } else { 1 }
      let logC = if case .studentT = family { logNormaliser } else { -log(Double.pi) }
      return logC - 0.5 * (nu + 1) * (2 * log(z) - log(nu)) + log(z / nu)
    case .lognormal, .pareto, .gumbel, .weibull, .empirical:
      return mirrored ? skewed!.logCDF(-z) : skewed!.logSurvival(z)
    }
  }

  /// The quantile G⁻¹(p) for p in [0, 1]: −∞ at 0, +∞ at 1, NaN outside.
  public func quantile(_ p: Double) -> Double {
    guard p >= 0, p <= 1 else { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    // 1 − p is exact for p > 1/2; the lower quantile is accurate for tiny p.
    return p > 0.5 ? upperQuantile(1 - p) : lowerQuantile(p)
  }

  /// The lower quantile G⁻¹(p) for p in (0, 1), accurate for tiny p (−Q⁻¹(p) for the symmetric
  /// families).
  func lowerQuantile(_ p: Double) -> Double {
    guard let skewed else { return -upperQuantile(p) }
    return mirrored ? -skewed.upperQuantile(p) : skewed.lowerQuantile(p)
  }

  /// The upper quantile Q⁻¹(q): the z with Q(z) = q, accurate for tiny q. +∞ at 0, −∞ at 1,
  /// NaN outside [0, 1].
  public func upperQuantile(_ q: Double) -> Double {
    guard q >= 0, q <= 1 else { return .nan }
    if q == 0 { return .infinity }
    if q == 1 { return -.infinity }
    switch family {
    case .normal: return StandardNormal.upperQuantile(q)
    case .studentT(let nu):
      // GSL's inverse follows its own tail; one Newton step on `studentTSurvival` where the two
      // differ (ν > 30) makes Q(Q⁻¹(q)) = q again.
      let z = gsl_cdf_tdist_Qinv(q, nu)
      let slope = density(z)
      guard nu > 30, z.isFinite, slope > 0 else { return z }
      return z + (survival(z) - q) / slope
    case .laplace: return gsl_cdf_laplace_Qinv(q, 1)
    case .logistic: return gsl_cdf_logistic_Qinv(q, 1)
    case .cauchy: return gsl_cdf_cauchy_Qinv(q, 1)
    case .lognormal, .pareto, .gumbel, .weibull, .empirical:
      return mirrored ? -skewed!.lowerQuantile(q) : skewed!.upperQuantile(q)
    }
  }
}
