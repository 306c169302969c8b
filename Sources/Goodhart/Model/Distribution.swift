/// The law of one submodule's sample: X = location + scale · Z with Z from a standard family.
///
/// For the normal family `location` is the mean and `scale` the standard deviation, so
/// `Distribution.normal(mean: 1, standardDeviation: 2)` is N(1, 4). The other symmetric families
/// (Student-t, Laplace, logistic, Cauchy) and the skewed ones (lognormal, Lomax, Gumbel,
/// Weibull, each in either orientation) describe extremal-Goodhart models; the exact Gaussian
/// analytics require every submodule to be normal. For a skewed family L is the end of the
/// support (lognormal, Lomax, Weibull) or the mode (Gumbel), not the mean: see `mean`.
public struct Distribution: Hashable, Sendable {
  /// The standard family of Z, with its parameters.
  public let family: Family
  /// The location L in X = L + S Z (the mean for the normal family).
  public let location: Double
  /// The scale S > 0 in X = L + S Z (the standard deviation for the normal family).
  public let scale: Double

  /// Student-t degrees of freedom ν; `nil` for every other family.
  public var degreesOfFreedom: Double? {
    if case .studentT(let nu) = family { nu } else { nil }
  }

  /// Creates a law, checking its parameters.
  ///
  /// - Parameters:
  ///   - family: the standard family (its parameter finite and > 0).
  ///   - location: finite location.
  ///   - scale: finite scale > 0.
  ///   - field: the JSON path used in error messages.
  /// - Throws: `ModelError` naming `field.location`, `field.scale` or the family's parameter
  ///   (`field.dof`, `field.sigma`, `field.alpha`, `field.shape`).
  public init(family: Family, location: Double, scale: Double, field: String = "distribution")
    throws(ModelError)
  {
    guard location.isFinite else {
      throw ModelError(field: "\(field).location", rule: "must be finite (got \(location))")
    }
    guard scale.isFinite, scale > 0 else {
      throw ModelError(field: "\(field).scale", rule: "must be finite and > 0 (got \(scale))")
    }
    if let (key, value) = family.parameter, !(value.isFinite && value > 0) {
      throw ModelError(field: "\(field).\(key)", rule: "must be finite and > 0 (got \(value))")
    }
    // A lognormal with σ > 18.8 or a Weibull with k < 0.0117 has a finite variance that no double
    // holds (e^{2σ²}, Γ(1 + 2/k)); every mean, tail and best-of-n would overflow with it.
    switch family {
    case .lognormal(let value, _), .weibull(let value, _):
      guard family.skewedLaw!.variance.isFinite else {
        let key = family.parameter!.key
        throw ModelError(
          field: "\(field).\(key)",
          rule: "must keep the law's variance a finite double (σ <= 18.8 for lognormal, k >= 0.0117 for weibull; got \(value))")
      }
    default: break
    }
    self.family = family
    self.location = location
    self.scale = scale
  }

  /// A law whose parameters are known to be valid (a family already checked, a finite location,
  /// a finite scale > 0): no checks.
  init(checkedFamily family: Family, location: Double, scale: Double) {
    self.family = family
    self.location = location
    self.scale = scale
  }

  /// N(mean, standardDeviation²).
  ///
  /// - Throws: `ModelError` naming `mean` or `sd` when `mean` is not finite or the standard
  ///   deviation is not finite and > 0.
  public static func normal(mean: Double, standardDeviation: Double) throws(ModelError)
    -> Distribution
  {
    guard mean.isFinite else {
      throw ModelError(field: "mean", rule: "must be finite (got \(mean))")
    }
    guard standardDeviation.isFinite, standardDeviation > 0 else {
      throw ModelError(field: "sd", rule: "must be finite and > 0 (got \(standardDeviation))")
    }
    return try Distribution(family: .normal, location: mean, scale: standardDeviation)
  }

  /// Whether X is normal (the exact Gaussian analytics apply).
  public var isGaussian: Bool { family == .normal }
}
