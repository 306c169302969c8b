import CGSL
import Foundation

/// Cumulant generating functions K(θ) = ln E[exp(θ W)] of W = σ Y for the light-tailed standard
/// families, with their first two derivatives, stable for small θ.
///
/// Normal: K = σ²θ²/2. Laplace: K = −ln(1 − σ²θ²) for σθ < 1. Logistic: K = ln(y / sin y) with
/// y = πσθ < π. Student-t and Cauchy: K = ∞ for every θ > 0 (polynomial tails).
///
/// Skewed families, with u = ±σθ by orientation (+ right, − left): max-Gumbel
/// K = ln Γ(1 − u) for u < 1 (a series below |u| = 1e-3), the exponential Weibull k = 1
/// K = −ln(1 − u) for u < 1, and K = ∞ for θ > 0 without an exponential moment (right lognormal,
/// Lomax, Weibull k < 1, an empirical law whose fitted right tail has ξ > 0). The others (a left
/// lognormal, Lomax or Weibull, a right Weibull k > 1, an empirical law whose fitted right tail
/// ends) have a finite K with no closed form: quadrature computes it (`byQuadrature`; a left
/// Weibull with k < 1, whose density is unbounded at the end of its support, in the variable
/// v = |W/σ|^k). The sum reading's quadrature refuses skewed persuasion laws altogether.
enum TiltCumulant {

  /// ζ(2), ..., ζ(9): the coefficients of ln Γ(1 − u)'s series.
  private static let zetaFromTwo = [
    1.644_934_066_848_226_4, 1.202_056_903_159_594_3, 1.082_323_233_711_138_2, 1.036_927_755_143_369_9,
    1.017_343_061_984_449_1, 1.008_349_277_381_922_8, 1.004_077_356_197_944_3, 1.002_008_392_826_082_2,
  ]

  /// (K, K′, K″) of a skewed family: closed forms for Gumbel and the exponential Weibull,
  /// quadrature for the others with an exponential moment, ∞ without one and beyond the
  /// abscissa.
  private static func skewed(_ law: StandardLaw, scale: Double, _ theta: Double)
    -> (value: Double, derivative: Double, second: Double)
  {
    let side = law.family.orientation == .left ? -1.0 : 1.0
    let u = side * scale * theta
    let none = (Double.infinity, Double.infinity, Double.infinity)
    switch law.family {
    case .gumbel:
      guard u < 1 else { return none }
      if abs(u) < 1e-3 {
        // ln Γ(1 − u) = γu + Σ_{k>=2} ζ(k) u^k / k, to k = 9 (the rest below 1e-27 here).
        var (value, slope, curvature, power) = (0.577_215_664_901_532_9 * u, 0.577_215_664_901_532_9, 0.0, 1.0)
        for (k, zeta) in zip(2..., TiltCumulant.zetaFromTwo) {
          curvature += Double(k - 1) * zeta * power
          power *= u
          slope += zeta * power
          value += zeta * power * u / Double(k)
        }
        return (value, side * scale * slope, scale * scale * curvature)
      }
      return (lgamma(1 - u), -side * scale * gsl_sf_psi(1 - u), scale * scale * gsl_sf_psi_1(1 - u))
    case .weibull(let k, _) where k == 1:
      guard u < 1 else { return none }
      return (-log1p(-u), side * scale / (1 - u), scale * scale / ((1 - u) * (1 - u)))
    default:
      guard theta < abscissa(law, scale: scale) else { return none }
      return byQuadrature(law, scale: scale, theta)
    }
  }

  /// (K, K′, K″) at θ together: one quadrature for the laws without closed forms
  /// (`byQuadrature`), the closed forms otherwise.
  static func cumulants(_ law: StandardLaw, scale: Double, _ theta: Double)
    -> (value: Double, derivative: Double, second: Double)
  {
    switch law.family {
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: skewed(law, scale: scale, theta)
    case .normal, .studentT, .laplace, .logistic, .cauchy:
      (
        value(law, scale: scale, theta), derivative(law, scale: scale, theta),
        secondDerivative(law, scale: scale, theta)
      )
    }
  }

  /// K(θ) (∞ beyond the family's abscissa of convergence).
  static func value(_ law: StandardLaw, scale: Double, _ theta: Double) -> Double {
    let x = scale * theta
    switch law.family {
    case .normal: return 0.5 * x * x
    case .laplace: return x < 1 ? -log1p(-x * x) : .infinity
    case .logistic:
      guard x < 1 else { return .infinity }
      let y = Double.pi * x
      // ln(y / sin y) = y²/6 + y⁴/180 + y⁶/2835 + ... for small y.
      if y < 1e-3 { return y * y / 6 + y * y * y * y / 180 }
      return log(y / sin(y))
    case .studentT, .cauchy: return .infinity
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return skewed(law, scale: scale, theta).value
    }
  }

  /// K'(θ) = E_θ[W], the tilted mean.
  static func derivative(_ law: StandardLaw, scale: Double, _ theta: Double) -> Double {
    let x = scale * theta
    switch law.family {
    case .normal: return scale * x
    case .laplace: return x < 1 ? 2 * scale * x / (1 - x * x) : .infinity
    case .logistic:
      guard x < 1 else { return .infinity }
      let y = Double.pi * x
      // 1/y − cot y = y/3 + y³/45 + 2y⁵/945 + ... for small y.
      let bracket = y < 1e-3 ? y / 3 + y * y * y / 45 : 1 / y - cos(y) / sin(y)
      return Double.pi * scale * bracket
    case .studentT, .cauchy: return .infinity
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return skewed(law, scale: scale, theta).derivative
    }
  }

  /// K''(θ) = Var_θ[W], the tilted variance.
  static func secondDerivative(_ law: StandardLaw, scale: Double, _ theta: Double) -> Double {
    let x = scale * theta
    switch law.family {
    case .normal: return scale * scale
    case .laplace:
      guard x < 1 else { return .infinity }
      let gap = 1 - x * x
      return 2 * scale * scale * (1 + x * x) / (gap * gap)
    case .logistic:
      guard x < 1 else { return .infinity }
      let y = Double.pi * x
      // 1/sin² y − 1/y² = 1/3 + y²/15 + 2y⁴/189 + ... for small y.
      let s = sin(y)
      let bracket = y < 1e-3 ? 1.0 / 3 + y * y / 15 : 1 / (s * s) - 1 / (y * y)
      return Double.pi * Double.pi * scale * scale * bracket
    case .studentT, .cauchy: return .infinity
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return skewed(law, scale: scale, theta).second
    }
  }

  /// The θ = 1/β in (0, ceiling) at which an increasing `divergence` (the tilt's KL, or its E[P],
  /// growing without bound towards the ceiling) equals `kl`: the bracket's upper end walks halfway
  /// towards a finite ceiling at each step, or doubles from `start` when there is none, then
  /// Brent's method.
  ///
  /// - Throws: `SelectionError` naming `kl` when no θ in the bracket reaches it.
  static func theta(
    reaching kl: Double, ceiling: Double, start: Double, divergence: (Double) -> Double
  ) throws(SelectionError) -> Double {
    var high = ceiling.isFinite ? 0.5 * ceiling : start
    if ceiling.isFinite {
      var step = 0.25 * ceiling
      while divergence(high) < kl, step > ceiling * 1e-15 {
        high += step
        step *= 0.5
      }
    } else {
      var rounds = 0
      while rounds < 2000, divergence(high) < kl {
        high *= 2
        rounds += 1
      }
    }
    let finder = RootFinder(
      absoluteTolerance: 0, relativeTolerance: 1e-14, maximumIterations: 300,
      operation: "root of the tilt's KL")
    do {
      return try finder.root(of: { divergence($0) - kl }, between: 0, and: high)
    } catch {
      throw SelectionError(field: .kl, rule: "no temperature reaches this KL (\(error))")
    }
  }

  /// The largest θ with a finite K: 1/σ for Laplace, logistic, the right Gumbel and the right
  /// exponential, 1/(σ σ_tail) for an empirical law whose fitted right tail is exponential
  /// (ξ = 0); ∞ for normal and the other skewed laws with an exponential moment; 0 without one.
  static func abscissa(_ law: StandardLaw, scale: Double) -> Double {
    switch law.family {
    case .normal: .infinity
    case .laplace, .logistic: 1 / scale
    case .studentT, .cauchy: 0
    case .gumbel(.right), .weibull(1, .right): 1 / scale
    case .empirical(let samples, let side) where samples.rightTail(oriented: side).shape == 0:
      1 / (scale * samples.rightTail(oriented: side).scale)
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: law.family.hasExponentialMoment ? .infinity : 0
    }
  }
}
