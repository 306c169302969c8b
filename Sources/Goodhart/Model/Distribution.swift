/// The law of one submodule's sample: X = location + scale · Z with Z from a standard family.
///
/// For the normal family `location` is the mean and `scale` the standard deviation, so
/// `Distribution.normal(mean: 1, standardDeviation: 2)` is N(1, 4). The heavy-tailed families
/// (Student-t, Laplace, logistic, Cauchy) describe extremal-Goodhart models; the exact Gaussian
/// analytics require every submodule to be normal.
public struct Distribution: Hashable, Sendable {
  /// The standard law of Z.
  public enum Family: String, CaseIterable, Hashable, Sendable {
    /// N(0, 1).
    case normal
    /// Student's t with `degreesOfFreedom` ν > 0.
    case studentT = "student_t"
    /// Laplace (double exponential) with density e^{-|z|}/2.
    case laplace
    /// Logistic with density e^{-z}/(1 + e^{-z})².
    case logistic
    /// Cauchy (Student-t with ν = 1): no mean, no variance.
    case cauchy
  }

  /// The standard family of Z.
  public let family: Family
  /// The location L in X = L + S Z (the mean for the normal family).
  public let location: Double
  /// The scale S > 0 in X = L + S Z (the standard deviation for the normal family).
  public let scale: Double
  /// Student-t degrees of freedom ν > 0; `nil` for every other family.
  public let degreesOfFreedom: Double?

  /// Creates a law, checking the family's parameters.
  ///
  /// - Parameters:
  ///   - family: the standard family.
  ///   - location: finite location.
  ///   - scale: finite scale > 0.
  ///   - degreesOfFreedom: finite ν > 0 for `.studentT`, and `nil` for every other family.
  ///   - field: the JSON path used in error messages.
  /// - Throws: `ModelError` naming `field.location`, `field.scale` or `field.dof`.
  public init(
    family: Family, location: Double, scale: Double, degreesOfFreedom: Double? = nil,
    field: String = "distribution"
  ) throws(ModelError) {
    guard location.isFinite else {
      throw ModelError(field: "\(field).location", rule: "must be finite (got \(location))")
    }
    guard scale.isFinite, scale > 0 else {
      throw ModelError(field: "\(field).scale", rule: "must be finite and > 0 (got \(scale))")
    }
    switch (family, degreesOfFreedom) {
    case (.studentT, nil):
      throw ModelError(field: "\(field).dof", rule: "is required for the student_t family")
    case (.studentT, let nu?) where !(nu.isFinite && nu > 0):
      throw ModelError(field: "\(field).dof", rule: "must be finite and > 0 (got \(nu))")
    case (.studentT, _), (_, nil):
      break
    case (_, _?):
      throw ModelError(
        field: "\(field).dof", rule: "is only allowed for the student_t family (got \(family.rawValue))")
    }
    self.family = family
    self.location = location
    self.scale = scale
    self.degreesOfFreedom = degreesOfFreedom
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
