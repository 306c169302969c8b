import Foundation

extension Distribution {
  /// The standard law of Z in X = L + S Z.
  ///
  /// - Complexity: O(1) (one log-gamma pair for Student-t).
  public var standardLaw: StandardLaw { StandardLaw(family) }

  /// The density f(x) = g((x − L)/S) / S. 0 at ±∞, NaN for NaN.
  public func density(_ x: Double) -> Double {
    standardLaw.density((x - location) / scale) / scale
  }

  /// The distribution function F(x) = P(X <= x), exact in the left tail. 0 at −∞, 1 at +∞.
  public func cdf(_ x: Double) -> Double { standardLaw.cdf((x - location) / scale) }

  /// The survival function P(X > x), computed directly (no 1 − F cancellation in the right tail).
  public func survival(_ x: Double) -> Double { standardLaw.survival((x - location) / scale) }

  /// ln P(X > x), finite for every finite x even where P(X > x) underflows.
  public func logSurvival(_ x: Double) -> Double {
    standardLaw.logSurvival((x - location) / scale)
  }

  /// The quantile F⁻¹(p) = L + S G⁻¹(p) for p in [0, 1] (±∞ at the ends, NaN outside).
  public func quantile(_ p: Double) -> Double {
    location + scale * standardLaw.quantile(p)
  }

  /// The upper quantile: the x with P(X > x) = q, accurate for tiny q (NaN outside [0, 1]).
  public func upperQuantile(_ q: Double) -> Double {
    location + scale * standardLaw.upperQuantile(q)
  }
}
