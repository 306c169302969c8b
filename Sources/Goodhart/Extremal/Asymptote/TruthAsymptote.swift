/// The asymptote of best-of-n truth with its limit and the rule that decided it.
public struct TruthAsymptote: Hashable, Sendable {
  /// The kind of limit.
  public let kind: Asymptote
  /// lim_{n→∞} E[T | best of n] (`nil` when unbounded, −∞ or undetermined).
  public let limit: Double?
  /// The rule applied, in words (for the table and the JSON's evidence).
  public let reason: String

  /// Classifies a finite limit against the base E[T] (equal to 1e-12 relative: `base`).
  static func finite(_ limit: Double, base: Double, reason: String) -> TruthAsymptote {
    let tolerance = 1e-12 * max(1, abs(base))
    let kind: Asymptote =
      abs(limit - base) <= tolerance ? .base : (limit > base ? .plateau : .belowBase)
    return TruthAsymptote(kind: kind, limit: kind == .base ? base : limit, reason: reason)
  }

  /// E[T | P = p] grows like slope · p (slope ≠ 0): +∞ when slope > 0, −∞ (`belowBase` with no
  /// limit) when slope < 0.
  static func linear(slope: Double, reason: String) -> TruthAsymptote {
    slope > 0
      ? TruthAsymptote(kind: .unbounded, limit: nil, reason: reason + "; E[T | P = p] grows like p")
      : TruthAsymptote(kind: .belowBase, limit: nil, reason: reason + "; E[T | P = p] falls like −p, to −∞")
  }

  /// No theorem here.
  static func undetermined(_ reason: String) -> TruthAsymptote {
    TruthAsymptote(kind: .undetermined, limit: nil, reason: reason)
  }
}
