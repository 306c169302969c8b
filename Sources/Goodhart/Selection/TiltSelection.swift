/// The ideal KL-regularised policy π ∝ π0 exp(P / β), the maximiser of E_π[P] − β KL(π || π0)
/// over all laws π, or why it does not exist.
///
/// E[exp(P/β)] is finite for every β > 0 when P has light tails (normal), for β above a bound
/// for exponential tails (Laplace, logistic), and for no β when a component of P has a right
/// tail heavier than every exponential (polynomial: Student-t, Cauchy, Lomax; or not polynomial
/// but without an exponential moment: lognormal, Weibull with k < 1): then no tilt is
/// normalisable at any KL — the KL form of catastrophic Goodhart.
public enum TiltSelection: Hashable, Sendable {
  /// The tilt exists: its temperature β > 0 (∞ for the base law) and the tilted law's moments
  /// and KL.
  case normalisable(beta: Double, outcome: SelectionOutcome)
  /// No temperature gives a normalisable law; `submodules` give P its right tail heavier than
  /// every exponential.
  case notNormalisable(submodules: [String])

  /// β, or `nil` when no tilt exists.
  public var beta: Double? {
    if case .normalisable(let beta, _) = self { beta } else { nil }
  }

  /// The tilted law's moments and KL, or `nil` when no tilt exists.
  public var outcome: SelectionOutcome? {
    if case .normalisable(_, let outcome) = self { outcome } else { nil }
  }

  /// Why the tilt does not exist, in words (`nil` when it exists).
  public var obstruction: String? {
    guard case .notNormalisable(let names) = self else { return nil }
    return "pi0 * exp(P / beta) is not normalisable for any beta > 0: P has a right tail heavier "
      + "than every exponential (from \(names.joined(separator: ", ")): no exponential moment), so "
      + "E[exp(P / beta)] is infinite; this is the KL form of catastrophic Goodhart. Use the "
      + "quantilizer or best-of-n at the same KL"
  }
}
