extension Distribution {
  /// The standard family of Z, with its parameters: the one family type of the package (the
  /// model file's names, the laws' densities and tails, the samplers).
  ///
  /// The symmetric families (normal, Student-t, Laplace, logistic, Cauchy) are symmetric about 0.
  /// The skewed ones are written right-oriented, as in the contract (U uniform on (0, 1), N
  /// standard normal), and `left` mirrors them (Z → −Z):
  /// lognormal Z = e^{σN}, Lomax ("pareto") Z = (1 − U)^{−1/α} − 1, max-Gumbel Z = −ln(−ln U),
  /// Weibull Z = (−ln U)^{1/k}.
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
    /// e^{σN} (the model file's `sigma` > 0): support (0, ∞), every moment finite, no
    /// exponential moment.
    case lognormal(sigma: Double, orientation: Orientation)
    /// Lomax, (1 − U)^{−1/α} − 1 (the model file's `alpha` > 0): support [0, ∞), survival
    /// (1 + z)^{−α}, moments of order < α only.
    case pareto(alpha: Double, orientation: Orientation)
    /// The standard max-Gumbel, −ln(−ln U): distribution function exp(−e^{−z}), mean γ.
    case gumbel(orientation: Orientation)
    /// Weibull with shape k (the model file's `shape` > 0): survival exp(−z^k) on [0, ∞).
    case weibull(shape: Double, orientation: Orientation)
    /// The law of a sample of scores (the model file's `samples` or `file`): a body from the
    /// samples and a fitted generalised Pareto tail on each side (`EmpiricalLaw`).
    case empirical(EmpiricalLaw, orientation: Orientation)

    /// The model file's names of the families, in this order.
    public static let names = [
      "normal", "student_t", "laplace", "logistic", "cauchy", "lognormal", "pareto", "gumbel",
      "weibull", "empirical",
    ]

    /// The model file's name of the family (`student_t` for Student-t, `pareto` for Lomax).
    public var name: String {
      switch self {
      case .normal: "normal"
      case .studentT: "student_t"
      case .laplace: "laplace"
      case .logistic: "logistic"
      case .cauchy: "cauchy"
      case .lognormal: "lognormal"
      case .pareto: "pareto"
      case .gumbel: "gumbel"
      case .weibull: "weibull"
      case .empirical: "empirical"
      }
    }

    /// The model file's key of the family's parameter and its value (`dof`, `sigma`, `alpha`,
    /// `shape`); `nil` for the families without one.
    public var parameter: (key: String, value: Double)? {
      switch self {
      case .studentT(let nu): ("dof", nu)
      case .lognormal(let sigma, _): ("sigma", sigma)
      case .pareto(let alpha, _): ("alpha", alpha)
      case .weibull(let shape, _): ("shape", shape)
      case .normal, .laplace, .logistic, .cauchy, .gumbel, .empirical: nil
      }
    }

    /// The orientation of a skewed family; `nil` for the symmetric ones.
    public var orientation: Orientation? {
      switch self {
      case .lognormal(_, let side), .pareto(_, let side), .gumbel(let side), .weibull(_, let side),
        .empirical(_, let side):
        side
      case .normal, .studentT, .laplace, .logistic, .cauchy: nil
      }
    }

    /// Whether Z and −Z have the same law.
    public var isSymmetric: Bool { orientation == nil }

    /// Whether E|Z| < ∞: false for Cauchy, Student-t with ν <= 1, Lomax with α <= 1 and an
    /// empirical law with a fitted tail of shape ξ >= 1.
    public var hasMean: Bool {
      switch self {
      case .normal, .laplace, .logistic, .lognormal, .gumbel, .weibull: true
      case .studentT(let nu): nu > 1
      case .pareto(let alpha, _): alpha > 1
      case .cauchy: false
      case .empirical(let law, _): law.leftTail.shape < 1 && law.rightTail.shape < 1
      }
    }

    /// Whether E[e^{θZ}] < ∞ for some θ > 0, so that an exponential tilt of a score that carries Z
    /// with a positive coefficient can be normalised: false for Student-t, Cauchy and the
    /// right-oriented Lomax, lognormal and Weibull with k < 1 (tails heavier than any exponential),
    /// and an empirical law whose fitted tail on that side has shape ξ > 0.
    public var hasExponentialMoment: Bool {
      switch self {
      case .studentT, .cauchy: false
      case .pareto(_, let side), .lognormal(_, let side): side == .left
      case .weibull(let k, let side): side == .left || k >= 1
      case .normal, .laplace, .logistic, .gumbel: true
      case .empirical(let law, let side): law.rightTail(oriented: side).shape <= 0
      }
    }

    /// The index ν of a polynomial right tail, Q(z) ~ C z^{−ν}: ν for Student-t, 1 for Cauchy, α
    /// for the right-oriented Lomax, 1/ξ for an empirical law whose fitted tail on the right has
    /// ξ > 0; ∞ for every lighter right tail.
    public var rightTailIndex: Double {
      switch self {
      case .studentT(let nu): nu
      case .cauchy: 1
      case .pareto(let alpha, let side): side == .right ? alpha : .infinity
      case .empirical(let law, let side): law.rightTail(oriented: side).tailIndex ?? .infinity
      case .normal, .laplace, .logistic, .lognormal, .gumbel, .weibull: .infinity
      }
    }

    /// Whether the right tail is heavier than every exponential yet lighter than every power (a
    /// right lognormal, a right Weibull with k < 1): ln Q(z) ~ −(ln z)²/(2σ²) or −z^k, whose mass
    /// spreads over many decades of z.
    public var hasStretchedRightTail: Bool {
      switch self {
      case .lognormal(_, let side): side == .right
      case .weibull(let k, let side): side == .right && k < 1
      case .normal, .studentT, .laplace, .logistic, .cauchy, .pareto, .gumbel, .empirical: false
      }
    }

    /// The family of −Z: the other orientation of a skewed family, the family itself otherwise.
    public var mirrored: Family {
      switch self {
      case .lognormal(let sigma, let side): .lognormal(sigma: sigma, orientation: side.mirrored)
      case .pareto(let alpha, let side): .pareto(alpha: alpha, orientation: side.mirrored)
      case .gumbel(let side): .gumbel(orientation: side.mirrored)
      case .weibull(let shape, let side): .weibull(shape: shape, orientation: side.mirrored)
      case .empirical(let law, let side): .empirical(law, orientation: side.mirrored)
      case .normal, .studentT, .laplace, .logistic, .cauchy: self
      }
    }

    /// The family named `name` in a model file.
    ///
    /// - Parameters:
    ///   - name: one of `names`.
    ///   - parameters: the numeric keys given besides `location` and `scale`; the family's own
    ///     key (`dof` for student_t, `sigma` for lognormal, `alpha` for pareto, `shape` for
    ///     weibull) is required and every other is refused.
    ///   - orientation: `right` (the default) or `left`, for the skewed families only.
    ///   - field: the JSON path used in error messages.
    /// - Throws: `ModelError` naming `field.family`, the offending parameter or
    ///   `field.orientation`.
    public static func named(
      _ name: String, parameters: [String: Double] = [:], orientation: Orientation? = nil,
      field: String = "distribution"
    ) throws(ModelError) -> Family {
      let key: String? =
        switch name {
        case "student_t": "dof"
        case "lognormal": "sigma"
        case "pareto": "alpha"
        case "weibull": "shape"
        default: nil
        }
      guard names.contains(name) else {
        throw ModelError(
          field: "\(field).family",
          rule: "must be one of \(names.joined(separator: ", ")) (got \"\(name)\")")
      }
      if let extra = parameters.keys.sorted().first(where: { $0 != key }) {
        throw ModelError(
          field: "\(field).\(extra)",
          rule: key.map { "is not a parameter of the \(name) family (its parameter is \($0))" }
            ?? "is not a parameter of the \(name) family (it has none)")
      }
      if name == "empirical" {
        throw ModelError(
          field: "\(field).samples", rule: "(or file) is required for the empirical family")
      }
      let value = key.flatMap { parameters[$0] }
      if let key, value == nil {
        throw ModelError(field: "\(field).\(key)", rule: "is required for the \(name) family")
      }
      let skewed = ["lognormal", "pareto", "gumbel", "weibull"].contains(name)
      if orientation != nil, !skewed {
        throw ModelError(
          field: "\(field).orientation",
          rule: "is only allowed for the skewed families lognormal, pareto, gumbel and weibull (got \(name))")
      }
      let side = orientation ?? .right
      switch name {
      case "student_t": return .studentT(degreesOfFreedom: value!)
      case "laplace": return .laplace
      case "logistic": return .logistic
      case "cauchy": return .cauchy
      case "lognormal": return .lognormal(sigma: value!, orientation: side)
      case "pareto": return .pareto(alpha: value!, orientation: side)
      case "gumbel": return .gumbel(orientation: side)
      case "weibull": return .weibull(shape: value!, orientation: side)
      default: return .normal
      }
    }
  }
}
