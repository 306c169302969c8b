import Foundation

/// One submodule of a mixture that moves persuasiveness: with probability `weight` the output is
/// P = location + scale · Y (Y from `law`) and T = truthRatio · P exactly.
///
/// For submodule i with p_i ≠ 0, P = p_i X_i has the law `Distribution.scaled(by: p_i)`:
/// location p_i L_i, scale |p_i| S_i, and for p_i < 0 the mirrored family (the same family when
/// it is symmetric); truthRatio t_i / p_i.
struct MixturePart: Sendable {
  /// w_i > 0.
  let weight: Double
  /// The standard law of Y.
  let law: StandardLaw
  /// The location of P on this part.
  let location: Double
  /// The scale of P on this part (> 0).
  let scale: Double
  /// T / P on this part.
  let truthRatio: Double
  /// The submodule's name (for messages).
  let name: String
  /// Whether E|Y| < ∞.
  let hasMean: Bool
  /// Whether Var Y < ∞.
  let hasVariance: Bool
  /// Whether Y has no exponential moment (a polynomial or lognormal right tail, a Weibull k < 1):
  /// then no exponential tilt of P is normalisable.
  let hasHeavyRightTail: Bool

  /// The points of P where this part's density jumps (`StandardLaw.breakpoints`).
  var breakpoints: [Double] { law.breakpoints.map { location + scale * $0 } }

  /// ln(w_i f_i(p)): the log of this part's share of the density of P at p.
  func logWeightedDensity(_ p: Double) -> Double {
    let z = (p - location) / scale
    return log(weight) + law.logDensity(z) - log(scale)
  }

  /// P(P > p) on this part.
  func survival(_ p: Double) -> Double { law.survival((p - location) / scale) }

  /// P(P <= p) on this part.
  func cdf(_ p: Double) -> Double { law.cdf((p - location) / scale) }

  /// f_i(p).
  func density(_ p: Double) -> Double { law.density((p - location) / scale) / scale }
}
