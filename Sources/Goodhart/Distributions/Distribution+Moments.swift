extension Distribution {
  /// E[X] = L + S E[Z] when it exists, `nil` when it does not.
  ///
  /// The symmetric families have E[Z] = 0, so the mean is L whenever E|X| < ∞: always for
  /// normal, Laplace and logistic; for Student-t only when ν > 1; never for Cauchy. The skewed
  /// ones (right-oriented; `left` negates E[Z]): lognormal e^{σ²/2}, Lomax 1/(α − 1) for α > 1,
  /// Gumbel γ (Euler's constant), Weibull Γ(1 + 1/k).
  public var mean: Double? {
    guard hasMean else { return nil }
    guard let skewed = family.skewedLaw else { return location }
    return location + scale * (family.orientation == .left ? -skewed.mean : skewed.mean)
  }

  /// E[X] when it exists, the location otherwise (the centre of symmetry of a symmetric law;
  /// for a skewed law without a mean, a Lomax with α <= 1, the start of its support): what the
  /// optimisers on the weights read as a submodule's mean.
  public var centre: Double { mean ?? location }

  /// Var X = S² Var Z when it exists, `nil` when it does not.
  ///
  /// Var Z is 1 (normal), ν/(ν − 2) (Student-t, ν > 2; infinite for 1 < ν <= 2, undefined for
  /// ν <= 1), 2 (Laplace), π²/3 (logistic); Cauchy has none. Skewed: (e^{σ²} − 1) e^{σ²}
  /// (lognormal), α/((α − 1)²(α − 2)) for α > 2 (Lomax), π²/6 (Gumbel),
  /// Γ(1 + 2/k) − Γ(1 + 1/k)² (Weibull). Infinite and undefined are both `nil`: "does not exist
  /// as a number".
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
    case .lognormal, .pareto, .gumbel, .weibull, .empirical:
      standard = family.skewedLaw!.variance
      guard standard.isFinite else { return nil }
    }
    return scale * scale * standard
  }

  /// Whether E|X| < ∞ (false for Cauchy, Student-t with ν <= 1 and Lomax with α <= 1).
  public var hasMean: Bool { family.hasMean }

  /// Whether the right tail is polynomial (Student-t, Cauchy, right-oriented Lomax, an empirical
  /// law's fitted tail with ξ > 0; `Family.rightTailIndex` is finite): then
  /// E[e^{θX}] = ∞ for every θ > 0 and no exponential tilt of a score carrying X is
  /// normalisable. (A right-oriented lognormal has no exponential moment either, though its tail
  /// is not polynomial: see `Family.hasExponentialMoment`.)
  public var hasPolynomialTail: Bool {
    family.rightTailIndex < .infinity
  }
}
