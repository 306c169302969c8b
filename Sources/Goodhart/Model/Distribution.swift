/// The law of one submodule's sample: X = location + scale · Z with Z from a standard family.
///
/// For the normal family `location` is the mean and `scale` the standard deviation, so
/// `Distribution.normal(mean: 1, standardDeviation: 2)` is N(1, 4). The heavy-tailed families
/// (Student-t, Laplace, logistic, Cauchy) describe extremal-Goodhart models; the exact Gaussian
/// analytics require every submodule to be normal.
public struct Distribution: Hashable, Sendable {
  /// The standard family of Z, with its parameters: the one family type of the package (the
  /// model file's names, the laws' densities and tails, the samplers).
  public enum Family: Hashable, Sendable {
    /// N(0, 1).
    case normal
    /// Student's t with ν > 0 degrees of freedom (the model file's `dof`).
    case studentT(degreesOfFreedom: Double)
    /// Laplace (double exponential) with density e^{-|z|}/2.
    case laplace
    /// Logistic with density e^{-z}/(1 + e^{-z})².
    case logistic
    /// Cauchy (Student-t with ν = 1): no mean, no variance.
    case cauchy

    /// The model file's names of the families, in this order.
    public static let names = ["normal", "student_t", "laplace", "logistic", "cauchy"]

    /// The model file's name of the family (`student_t` for Student-t).
    public var name: String {
      switch self {
      case .normal: "normal"
      case .studentT: "student_t"
      case .laplace: "laplace"
      case .logistic: "logistic"
      case .cauchy: "cauchy"
      }
    }

    /// The family named `name` in a model file, with `dof` for Student-t.
    ///
    /// - Parameters:
    ///   - name: one of `names`.
    ///   - degreesOfFreedom: ν, required for `student_t` and refused for every other family.
    ///   - field: the JSON path used in error messages.
    /// - Throws: `ModelError` naming `field.family` or `field.dof`.
    public static func named(_ name: String, degreesOfFreedom: Double?, field: String = "distribution")
      throws(ModelError) -> Family
    {
      switch (name, degreesOfFreedom) {
      case ("student_t", nil):
        throw ModelError(field: "\(field).dof", rule: "is required for the student_t family")
      case ("student_t", let nu?):
        return .studentT(degreesOfFreedom: nu)
      case (_, _?) where names.contains(name):
        throw ModelError(
          field: "\(field).dof", rule: "is only allowed for the student_t family (got \(name))")
      case ("normal", nil): return .normal
      case ("laplace", nil): return .laplace
      case ("logistic", nil): return .logistic
      case ("cauchy", nil): return .cauchy
      default:
        throw ModelError(
          field: "\(field).family",
          rule: "must be one of \(names.joined(separator: ", ")) (got \"\(name)\")")
      }
    }
  }

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
  ///   - family: the standard family (ν finite and > 0 for Student-t).
  ///   - location: finite location.
  ///   - scale: finite scale > 0.
  ///   - field: the JSON path used in error messages.
  /// - Throws: `ModelError` naming `field.location`, `field.scale` or `field.dof`.
  public init(family: Family, location: Double, scale: Double, field: String = "distribution")
    throws(ModelError)
  {
    guard location.isFinite else {
      throw ModelError(field: "\(field).location", rule: "must be finite (got \(location))")
    }
    guard scale.isFinite, scale > 0 else {
      throw ModelError(field: "\(field).scale", rule: "must be finite and > 0 (got \(scale))")
    }
    if case .studentT(let nu) = family, !(nu.isFinite && nu > 0) {
      throw ModelError(field: "\(field).dof", rule: "must be finite and > 0 (got \(nu))")
    }
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
