import Foundation

/// The two functional forms that Gao, Schulman & Hilton (2022), "Scaling Laws for Reward Model
/// Overoptimization", fit to the gold (true) reward gained as a policy moves d = sqrt(KL) away from
/// its initial law.
///
/// - `bestOfN`: R(d) = d (α − β d), the form they found for best-of-n sampling.
/// - `reinforcementLearning`: R(d) = d (α − β ln d), the form they found for RL against the proxy.
///
/// Both are linear in (α, β); with β > 0 each rises, peaks at d*, then falls (overoptimisation).
public enum OveroptimisationForm: String, CaseIterable, Hashable, Sendable {
  /// R(d) = d (α − β d).
  case bestOfN = "best_of_n"
  /// R(d) = d (α − β ln d).
  case reinforcementLearning = "rl"

  /// The formula in words, for tables and charts.
  public var formula: String {
    switch self {
    case .bestOfN: "d (alpha - beta d)"
    case .reinforcementLearning: "d (alpha - beta ln d)"
    }
  }

  /// R(d) for the given coefficients.
  ///
  /// - Parameters:
  ///   - d: sqrt(KL) >= 0; R(0) = 0 for both forms (the limit d ln d → 0 is used).
  ///   - alpha: α.
  ///   - beta: β.
  /// - Returns: the gain; NaN only when an input is NaN.
  /// - Complexity: O(1).
  public func gain(at d: Double, alpha: Double, beta: Double) -> Double {
    d * alpha - beta * curvatureTerm(d)
  }

  /// The term that β multiplies with a minus sign: d² for best-of-n, d ln d for RL (0 at d = 0).
  func curvatureTerm(_ d: Double) -> Double {
    switch self {
    case .bestOfN: d * d
    case .reinforcementLearning: d == 0 ? 0 : d * log(d)
    }
  }

  /// The maximiser d* of R over d > 0, when R has one.
  ///
  /// Best-of-n: d* = α / (2β) when β > 0 and α > 0. RL: d* = exp(α/β − 1) when β > 0 (R'(d) =
  /// α − β(ln d + 1) falls from +∞ through 0). Otherwise R has no interior maximum (it rises for
  /// ever, or falls from d = 0) and the result is nil. A β within 1e-10 |α| of 0 counts as 0:
  /// it is rounding noise of a straight line, whose "peak" would be an artefact.
  ///
  /// - Complexity: O(1).
  public func peak(alpha: Double, beta: Double) -> Double? {
    guard beta > 1e-10 * abs(alpha) else { return nil }
    switch self {
    case .bestOfN:
      return alpha > 0 ? alpha / (2 * beta) : nil
    case .reinforcementLearning:
      let d = exp(alpha / beta - 1)
      return d.isFinite && d > 0 ? d : nil
    }
  }
}
