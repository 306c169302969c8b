import Foundation

/// The right tail of Y = b·X for one submodule's X: what decides which part of P carries its
/// extremes. For the symmetric families the sign of b does not change the class; for a skewed
/// one, b < 0 turns X's left tail to the right (the mirrored family).
enum RightTail: Hashable, Sendable {
  /// Density ~ C y^{−(ν+1)} (Student-t with ν degrees of freedom; Cauchy is ν = 1; Lomax is
  /// ν = α; an empirical law's fitted tail with ξ > 0 is ν = 1/ξ): subexponential, so the
  /// largest values come from one big jump.
  case polynomial(index: Double)
  /// Lognormal, ln Q(y) ~ −(ln y)²/(2σ²) (σ the family's, s = |b| S its scale): heavier than every
  /// exponential and lighter than every polynomial tail, subexponential, with a density whose
  /// logarithmic derivative goes to 0 (so the largest values come from one big jump).
  case lognormal(sigma: Double, scale: Double)
  /// Weibull with k < 1, ln Q(y) = −(y/s)^k (s = |b| S): subexponential like `lognormal`, lighter
  /// than it.
  case stretchedExponential(shape: Double, scale: Double)
  /// Density ~ C e^{−r y} (Laplace, logistic, max-Gumbel and the exponential Weibull k = 1,
  /// r = 1/(|b| s)).
  case exponential(rate: Double)
  /// Normal with this standard deviation |b| s and mean b m.
  case gaussian(deviation: Double, mean: Double)
  /// A tail that ends (a left-oriented lognormal, Lomax or Weibull law under b > 0, a
  /// right-oriented one under b < 0): lighter than every other class, with every exponential
  /// moment, so beside an unbounded part it never carries P's extremes.
  case bounded

  /// The tail of b·X, or `nil` when it is none of these classes (one lighter than exponential
  /// but not normal: a Weibull k > 1, a left Gumbel; an empirical law whose fitted tail is not
  /// polynomial): no theorem here covers those.
  init?(of distribution: Distribution, coefficient b: Double) {
    let spread = abs(b) * distribution.scale
    let family = b < 0 ? distribution.family.mirrored : distribution.family
    switch family {
    case .normal: self = .gaussian(deviation: spread, mean: b * distribution.location)
    case .laplace, .logistic, .gumbel(.right): self = .exponential(rate: 1 / spread)
    case .weibull(let k, .right) where k == 1: self = .exponential(rate: 1 / spread)
    case .studentT(let nu): self = .polynomial(index: nu)
    case .cauchy: self = .polynomial(index: 1)
    case .pareto(let alpha, .right): self = .polynomial(index: alpha)
    case .lognormal(let sigma, .right): self = .lognormal(sigma: sigma, scale: spread)
    case .weibull(let k, .right) where k < 1: self = .stretchedExponential(shape: k, scale: spread)
    case .empirical where family.rightTailIndex < .infinity:
      // The fitted tail's law, not the sample's: its ξ carries the standard error `analyze` reports.
      self = .polynomial(index: family.rightTailIndex)
    case .lognormal(_, .left), .pareto(_, .left), .weibull(_, .left): self = .bounded
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return nil
    }
  }

  /// Heavier tails compare greater: polynomial (smaller index heavier) > lognormal (larger σ,
  /// then larger scale, heavier) > stretched exponential (smaller k, then larger scale) >
  /// exponential (smaller rate heavier) > Gaussian (larger deviation, then larger mean, heavier)
  /// > bounded.
  var heaviness: (Int, Double, Double) {
    switch self {
    case .polynomial(let index): (4, -index, 0)
    case .lognormal(let sigma, let scale): (3, sigma, scale)
    case .stretchedExponential(let shape, let scale): (2, -shape, scale)
    case .exponential(let rate): (1, -rate, 0)
    case .gaussian(let deviation, let mean): (0, deviation, mean)
    case .bounded: (-1, 0, 0)
    }
  }

  /// The class's name, for reasons.
  var name: String {
    switch self {
    case .polynomial(let index): "polynomial, index \(index)"
    case .lognormal(let sigma, _): "lognormal, σ = \(sigma)"
    case .stretchedExponential(let shape, _): "Weibull, k = \(shape)"
    case .exponential(let rate): "exponential, rate \(rate)"
    case .gaussian: "normal"
    case .bounded: "bounded above"
    }
  }

  /// Whether E[e^{εY}] < ∞ for some ε > 0 (exponential, Gaussian and bounded tails).
  var hasExponentialMoment: Bool { heaviness.0 <= 1 }

  /// Whether two tails are equally heavy (to 1e-12 relative).
  func ties(_ other: RightTail) -> Bool {
    let (a, b) = (heaviness, other.heaviness)
    func same(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-12 * max(1, abs(x), abs(y)) }
    return a.0 == b.0 && same(a.1, b.1) && same(a.2, b.2)
  }

  /// Whether this tail is strictly heavier than `other`.
  func isHeavier(than other: RightTail) -> Bool {
    guard !ties(other) else { return false }
    let (a, b) = (heaviness, other.heaviness)
    return a.0 != b.0 ? a.0 > b.0 : (a.1 != b.1 ? a.1 > b.1 : a.2 > b.2)
  }
}
