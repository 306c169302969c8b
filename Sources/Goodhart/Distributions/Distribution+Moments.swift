extension Distribution {
  /// E[X] = L when it exists, `nil` when it does not.
  ///
  /// Every family is symmetric about L, so the mean is L whenever E|X| < ∞: always for normal,
  /// Laplace and logistic; for Student-t only when ν > 1; never for Cauchy.
  public var mean: Double? { hasMean ? location : nil }

  /// Var X = S² Var Z when it exists, `nil` when it does not.
  ///
  /// Var Z is 1 (normal), ν/(ν − 2) (Student-t, ν > 2; infinite for 1 < ν <= 2, undefined for
  /// ν <= 1), 2 (Laplace), π²/3 (logistic); Cauchy has none. Infinite and undefined are both
  /// `nil`: "does not exist as a number".
  public var variance: Double? {
    let standard: Double
    switch family {
    case .normal: standard = 1
    case .laplace: standard = 2
    case .logistic: standard = Double.pi * Double.pi / 3
    case .cauchy: return nil
    case .studentT(let nu):
      guard nu > 2 else { return nil }
      standard = nu / (nu - 2)
    }
    return scale * scale * standard
  }

  /// Whether E|X| < ∞ (false for Cauchy and for Student-t with ν <= 1).
  public var hasMean: Bool {
    switch family {
    case .normal, .laplace, .logistic: true
    case .cauchy: false
    case .studentT(let nu): nu > 1
    }
  }

  /// Whether the right tail is polynomial (Student-t, Cauchy): then E[e^{θX}] = ∞ for every
  /// θ > 0 and no exponential tilt of a score carrying X is normalisable.
  public var hasPolynomialTail: Bool {
    switch family {
    case .studentT, .cauchy: true
    case .normal, .laplace, .logistic: false
    }
  }
}
