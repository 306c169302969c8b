import Foundation

/// Cumulant generating functions K(θ) = ln E[exp(θ W)] of W = σ Y for the light-tailed standard
/// families, with their first two derivatives, stable for small θ.
///
/// Normal: K = σ²θ²/2. Laplace: K = −ln(1 − σ²θ²) for σθ < 1. Logistic: K = ln(y / sin y) with
/// y = πσθ < π. Student-t and Cauchy: K = ∞ for every θ > 0 (polynomial tails).
///
/// The skewed families are not written here: `PersuasionLaw` and `MixtureLaw` refuse skewed
/// persuasion laws before any tilt, and these functions answer as for a law with no exponential
/// moment (K = ∞, abscissa 0), which is true of the right-oriented lognormal and Lomax only.
enum TiltCumulant {
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
    case .studentT, .cauchy, .lognormal, .pareto, .gumbel, .weibull: return .infinity
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
    case .studentT, .cauchy, .lognormal, .pareto, .gumbel, .weibull: return .infinity
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
    case .studentT, .cauchy, .lognormal, .pareto, .gumbel, .weibull: return .infinity
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
      for _ in 0..<2000 where divergence(high) < kl { high *= 2 }
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

  /// The largest θ with a finite K: 1/σ for Laplace and logistic, ∞ for normal, 0 for
  /// polynomial tails.
  static func abscissa(_ law: StandardLaw, scale: Double) -> Double {
    switch law.family {
    case .normal: .infinity
    case .laplace, .logistic: 1 / scale
    case .studentT, .cauchy, .lognormal, .pareto, .gumbel, .weibull: 0
    }
  }
}
