import Foundation

/// The right-oriented standard law of a skewed family (lognormal, Lomax, max-Gumbel, Weibull, and
/// an empirical law) in closed form: density, both tails and their logarithms, and both quantiles, each evaluated
/// directly (never as 1 − the other), so the tails keep their digits where best-of-n lives.
/// `StandardLaw` mirrors it for the left orientation.
struct SkewedLaw: Hashable, Sendable {
  /// The shape of the right-oriented law, with its parameter.
  enum Shape: Hashable, Sendable {
    /// e^{σN}.
    case lognormal(sigma: Double)
    /// (1 − U)^{−1/α} − 1.
    case lomax(alpha: Double)
    /// −ln(−ln U).
    case gumbel
    /// (−ln U)^{1/k}.
    case weibull(shape: Double)
    /// The law of a sample of scores, as written.
    case empirical(EmpiricalLaw)
  }

  /// The shape.
  let shape: Shape

  /// The density g(x) (at the start of the support: 0 for lognormal, α for Lomax, and for
  /// Weibull ∞, 1 or 0 as k < 1, k = 1 or k > 1).
  func density(_ x: Double) -> Double { exp(logDensity(x)) }

  /// ln g(x) (−∞ outside the support).
  func logDensity(_ x: Double) -> Double {
    switch shape {
    case .empirical(let law): return law.logDensity(x)
    case .gumbel: return -x - exp(-x)
    case _ where x < 0: return -.infinity
    case .lognormal(let sigma):
      guard x > 0 else { return -.infinity }
      let u = log(x) / sigma
      return -0.5 * u * u - StandardNormal.logSqrtTwoPi - log(sigma) - log(x)
    case .lomax(let alpha): return log(alpha) - (alpha + 1) * log1p(x)
    case .weibull(let k):
      guard x > 0 else { return k < 1 ? .infinity : (k == 1 ? 0 : -.infinity) }
      return log(k) + (k - 1) * log(x) - pow(x, k)
    }
  }

  /// Q(x) = P(Z > x).
  func survival(_ x: Double) -> Double {
    switch shape {
    case .empirical(let law): return law.survival(x)
    case .gumbel: return -expm1(-exp(-x))
    case _ where x <= 0: return 1
    case .lognormal(let sigma): return StandardNormal.survival(log(x) / sigma)
    case .lomax(let alpha): return exp(-alpha * log1p(x))
    case .weibull(let k): return exp(-pow(x, k))
    }
  }

  /// F(x) = P(Z <= x).
  func cdf(_ x: Double) -> Double {
    switch shape {
    case .empirical(let law): return law.cdf(x)
    case .gumbel: return exp(-exp(-x))
    case _ where x <= 0: return 0
    case .lognormal(let sigma): return StandardNormal.survival(-log(x) / sigma)
    case .lomax(let alpha): return -expm1(-alpha * log1p(x))
    case .weibull(let k): return -expm1(-pow(x, k))
    }
  }

  /// ln Q(x), finite wherever Q > 0 in exact arithmetic (also where Q underflows).
  func logSurvival(_ x: Double) -> Double {
    switch shape {
    case .empirical(let law): return law.logSurvival(x)
    case .gumbel:
      // Q = 1 − exp(−e^{−x}) ≈ e^{−x} once e^{−x} underflows.
      let e = exp(-x)
      return e > 0 ? log(-expm1(-e)) : -x
    case _ where x <= 0: return 0
    case .lognormal(let sigma): return StandardNormal.logSurvival(log(x) / sigma)
    case .lomax(let alpha): return -alpha * log1p(x)
    case .weibull(let k): return -pow(x, k)
    }
  }

  /// ln F(x), −∞ below the support.
  func logCDF(_ x: Double) -> Double {
    switch shape {
    case .empirical(let law): return law.logCDF(x)
    case .gumbel: return -exp(-x)
    case _ where x <= 0: return -.infinity
    case .lognormal(let sigma): return StandardNormal.logSurvival(-log(x) / sigma)
    case .lomax(let alpha): return log(-expm1(-alpha * log1p(x)))
    case .weibull(let k): return log(-expm1(-pow(x, k)))
    }
  }

  /// The ends of the support: [0, ∞) for lognormal, Lomax and Weibull, the whole line for
  /// Gumbel, and for an empirical law the ends of its fitted tails (finite where ξ < 0).
  var support: (lower: Double, upper: Double) {
    switch shape {
    case .empirical(let law):
      (law.leftTail.threshold - law.leftTail.end, law.rightTail.threshold + law.rightTail.end)
    case .gumbel: (-.infinity, .infinity)
    case .lognormal, .lomax, .weibull: (0, .infinity)
    }
  }

  /// Q⁻¹(q) for q in (0, 1), accurate for tiny q.
  func upperQuantile(_ q: Double) -> Double {
    switch shape {
    case .empirical(let law): return law.upperQuantile(q)
    case .gumbel: return -log(-log1p(-q))
    case .lognormal(let sigma): return exp(sigma * StandardNormal.upperQuantile(q))
    case .lomax(let alpha): return expm1(-log(q) / alpha)
    case .weibull(let k): return pow(-log(q), 1 / k)
    }
  }

  /// F⁻¹(p) for p in (0, 1), accurate for tiny p.
  func lowerQuantile(_ p: Double) -> Double {
    switch shape {
    case .empirical(let law): return law.lowerQuantile(p)
    case .gumbel: return -log(-log(p))
    case .lognormal(let sigma): return exp(-sigma * StandardNormal.upperQuantile(p))
    case .lomax(let alpha): return expm1(-log1p(-p) / alpha)
    case .weibull(let k): return pow(-log1p(-p), 1 / k)
    }
  }

  /// One right-oriented draw by inversion of a uniform U on (0, 1) (lognormal: e^{σN}).
  func draw(using source: inout RandomSource) -> Double {
    switch shape {
    case .lognormal(let sigma): return exp(sigma * source.normal())
    case .lomax(let alpha): return expm1(-log(source.uniform()) / alpha)
    case .gumbel: return -log(-log(source.uniform()))
    case .weibull(let k): return pow(-log(source.uniform()), 1 / k)
    case .empirical(let law): return law.draw(using: &source)
    }
  }

  /// E[Z] (∞ for Lomax with α <= 1).
  var mean: Double {
    switch shape {
    case .lognormal(let sigma): return exp(0.5 * sigma * sigma)
    case .lomax(let alpha): return alpha > 1 ? 1 / (alpha - 1) : .infinity
    case .gumbel: return 0.577_215_664_901_532_860_61  // Euler–Mascheroni γ
    case .weibull(let k): return tgamma(1 + 1 / k)
    case .empirical(let law): return law.mean
    }
  }

  /// Var Z (∞ for Lomax with α <= 2).
  var variance: Double {
    switch shape {
    case .lognormal(let sigma):
      let s2 = sigma * sigma
      return expm1(s2) * exp(s2)
    case .lomax(let alpha):
      return alpha > 2 ? alpha / ((alpha - 1) * (alpha - 1) * (alpha - 2)) : .infinity
    case .gumbel: return Double.pi * Double.pi / 6
    case .weibull(let k):
      let first = tgamma(1 + 1 / k)
      return tgamma(1 + 2 / k) - first * first
    case .empirical(let law): return law.variance
    }
  }
}

extension Distribution.Family {
  /// The right-oriented law of a skewed family (its `orientation` says whether Z is that law or
  /// its mirror image); `nil` for the symmetric families.
  var skewedLaw: SkewedLaw? {
    switch self {
    case .lognormal(let sigma, _): SkewedLaw(shape: .lognormal(sigma: sigma))
    case .pareto(let alpha, _): SkewedLaw(shape: .lomax(alpha: alpha))
    case .gumbel: SkewedLaw(shape: .gumbel)
    case .weibull(let k, _): SkewedLaw(shape: .weibull(shape: k))
    case .empirical(let law, _): SkewedLaw(shape: .empirical(law))
    case .normal, .studentT, .laplace, .logistic, .cauchy: nil
    }
  }
}
