import Foundation

/// One independent summand W = b (X − L) − σ m of the centred persuasiveness, with the truth it
/// carries.
///
/// For a submodule with b = w·persuasion ≠ 0 and a = w·truth, X = L + S Z gives
/// b X = b L + σ Y with σ = |b| S and Y = sign(b) Z (the law of Z for the symmetric families, its
/// mirror image for a skewed one with b < 0). The component is centred at Y's median m (0 for the
/// symmetric families): W = σ (Y − m), so that P(W > 0) = P(W < 0) = 1/2 and a sum of components
/// has both of its tails at 0 well away from 1. The submodule adds a X = a L + r σ m + r W to T
/// with r = a / b.
///
/// The functions below are those of the centred standard variable Y − m.
struct PersuasionComponent: Hashable, Sendable {
  /// The standard law of Y.
  let law: StandardLaw
  /// σ = |b| S > 0.
  let scale: Double
  /// r = a / b: the truth carried per unit of persuasiveness.
  let truthRatio: Double
  /// Whether E|W| < ∞.
  let hasMean: Bool
  /// The submodule names merged into this component (for messages).
  let names: [String]
  /// Var[Σ r_k W_k | W = w] inside a merged normal component (0 for a single submodule).
  var internalTruthVariance = 0.0
  /// m: the median of Y (0 for the symmetric families).
  var centre = 0.0

  /// Whether W and −W have the same law.
  var isSymmetric: Bool { law.family.isSymmetric }

  /// −W: the mirrored law, centred at −m, with the same σ and r (so the truth numerator of the
  /// mirrored sum at −s is minus this one's at s).
  var mirrored: PersuasionComponent {
    guard !isSymmetric else { return self }
    var mirror = PersuasionComponent(
      law: law.mirror, scale: scale, truthRatio: truthRatio, hasMean: hasMean, names: names,
      internalTruthVariance: internalTruthVariance)
    mirror.centre = -centre
    return mirror
  }

  /// The density of Y − m at z (0 where it is unbounded: the start of a Weibull law with k < 1,
  /// a single point that no integral sees).
  func density(_ z: Double) -> Double {
    let value = law.density(z + centre)
    return value.isFinite ? value : 0
  }

  /// Whether the density jumps or is unbounded where the support ends (Lomax, Weibull with
  /// k <= 1), so that the convolution's pieces ending there need QAGS: a lognormal or Weibull
  /// k > 1 density falls to 0 there. An empirical law's density jumps only at its knots, where
  /// the convolution cuts its integrals (`breakpoints`), and is bounded where a fitted tail ends
  /// (ξ >= −1): its pieces are smooth up to their ends, and QAG takes them.
  var hasSingularEnd: Bool {
    switch law.family {
    case .empirical: false
    case .pareto: true
    case .weibull(let k, _): k <= 1
    case .normal, .studentT, .laplace, .logistic, .cauchy, .lognormal, .gumbel: false
    }
  }

  /// Whether the mass crowds against the finite end of the support more finely than a position
  /// z on the unit scale resolves (z near the end carries an absolute rounding of an ulp of 1):
  /// a Weibull law with k < 1, whose density is unbounded there (P(within x of the end) = x^k, so
  /// 10^−16 holds 10^−3.2 of the mass at k = 0.2), and a lognormal law with σ > 2.5, whose
  /// density peaks at e^{−σ²} from the end (10^−16 from it at σ = 6) and which holds more than
  /// the quadrature floor 10^−13 of its mass within 10^−8 of it (Φ(ln 10^−8 / σ) > 10^−13 for
  /// σ > 2.5; at σ = 0.7 it is 10^−150, and its pieces stay in z). Convolution pieces ending there
  /// are integrated in the law's probability variable (`HalfLineIntegrator.probability`), where
  /// the mass is exact and the integrand bounded.
  var crowdsItsEnd: Bool {
    switch law.family {
    case .lognormal(let sigma, _): sigma > 2.5
    case .weibull(let k, _): k < 1
    case .normal, .studentT, .laplace, .logistic, .cauchy, .pareto, .gumbel, .empirical: false
    }
  }

  /// Whether the density jumps or is unbounded somewhere: an empirical law's at its knots, or a
  /// law with a singular end (`hasSingularEnd`). Two such components make S's density bend with
  /// corners; every other density is continuous with an integrable derivative.
  var jumps: Bool { !breakpoints.isEmpty || hasSingularEnd }

  /// Whether the density is unbounded (at the end of the support: a Weibull law with shape < 1).
  var hasUnboundedDensity: Bool {
    if case .weibull(let k, _) = law.family { k < 1 } else { false }
  }

  /// Whether the density is analytic on the whole line (normal, Student-t, Cauchy, logistic,
  /// Gumbel): a Laplace density has a corner at its centre, and the other families' supports end.
  var isAnalytic: Bool {
    switch law.family {
    case .normal, .studentT, .cauchy, .logistic, .gumbel: true
    case .laplace, .lognormal, .pareto, .weibull, .empirical: false
    }
  }

  /// a > 0 when the density of Y is analytic and bounded in every strip |Im z| <= a' < a about
  /// the real line, symmetric and unimodal at 0 (Student-t: its singularities are at ±i√ν;
  /// Cauchy: ±i; logistic: ±iπ), else `nil`. A normal or Laplace kernel smooths such a density
  /// with fixed Gauss–Legendre rules whose panels are placed by how far this strip lets them
  /// reach (`KernelQuadrature`).
  var analyticStripHalfWidth: Double? {
    switch law.family {
    case .studentT(let nu): nu.squareRoot()
    case .cauchy: 1
    case .logistic: Double.pi
    case .normal, .laplace, .lognormal, .pareto, .gumbel, .weibull, .empirical: nil
    }
  }

  /// An upper bound of sup_{|z| >= m} |z|^k f(z) for the laws a `KernelQuadrature` carries
  /// (k = 1 or 2, m >= 0; `nil` where it is infinite or for the other families). Over the whole
  /// line (m = 0): for Student-t with ν + 1 > k the maximum, at z*² = kν/(ν + 1 − k); for
  /// ν + 1 = k (Cauchy, k = 2) the limit c ν^{(ν+1)/2} at infinity, c = f(0); for the logistic
  /// law, whose density is below e^{−|z|}, (k/e)^k; for the normal law the maximum, at z*² = k,
  /// (k/e)^{k/2} φ(0); for the Laplace law the maximum, at z* = k, (k/e)^k/2. Beyond m past the
  /// maximiser (|z|^k f falls there) it is m^k f(m), and for
  /// the logistic law beyond m >= k, m^k e^{−m}. `KernelQuadrature` bounds its moment integrals
  /// beyond its cuts with it (`CutBounds`), passing f(m) where it has it (`densityThere`).
  func weightedDensityBound(power k: Double, beyond m: Double = 0, densityThere: Double? = nil)
    -> Double?
  {
    // m^k f(m) once m is past the maximiser, else the maximum (found only then).
    func past(_ maximiser: Double, _ maximum: () -> Double?) -> Double? {
      guard m > maximiser else { return maximum() }
      return (k == 1 ? m : k == 2 ? m * m : pow(m, k)) * (densityThere ?? density(m))
    }
    switch law.family {
    case .studentT(let nu):
      let maximum = { Self.studentTWeightedBound(nu, power: k, density(0)) }
      return nu + 1 > k ? past((k * nu / (nu + 1 - k)).squareRoot(), maximum) : maximum()
    case .cauchy:
      let maximum = { Self.studentTWeightedBound(1, power: k, density(0)) }
      return 2 > k ? past((k / (2 - k)).squareRoot(), maximum) : maximum()
    case .logistic: return m >= k ? pow(m, k) * exp(-m) : pow(k / exp(1), k)
    case .normal: return past(k.squareRoot()) { pow(k / exp(1), 0.5 * k) * density(0) }
    case .laplace: return past(k) { pow(k / exp(1), k) * density(0) }
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return nil
    }
  }

  /// sup_z |z|^k c (1 + z²/ν)^{−(ν+1)/2} (see `weightedDensityBound`).
  private static func studentTWeightedBound(_ nu: Double, power k: Double, _ peak: Double)
    -> Double?
  {
    if nu + 1 < k { return nil }
    if nu + 1 == k { return peak * pow(nu, 0.5 * (nu + 1)) }
    let z = (k * nu / (nu + 1 - k)).squareRoot()
    return pow(z, k) * peak * pow(1 + z * z / nu, -0.5 * (nu + 1))
  }

  /// The points z where the density of Y − m jumps (an empirical law's knots), increasing; empty
  /// for the other families.
  var breakpoints: [Double] { law.breakpoints.map { $0 - centre } }

  /// A lower bound of the density of Y − m on [low, high] for a unimodal law (the least of its
  /// values at the ends) and, for an empirical law, also the least of its constant values on the
  /// knot intervals that meet [low, high] (its density is not unimodal there).
  func leastDensity(from low: Double, to high: Double) -> Double {
    let ends = min(density(low), density(high))
    let points = breakpoints
    guard !points.isEmpty else { return ends }
    let knots = points.filter { $0 > low && $0 < high }
    return zip([low] + knots, knots + [high]).reduce(ends) { min($0, density(0.5 * ($1.0 + $1.1))) }
  }

  /// The points w of W = σ (Y − m) where its density is not analytic: a Laplace law's peak, the
  /// finite ends of a skewed law's support, an empirical law's knots; none for the analytic
  /// families. A sum's density is not analytic only at sums of one such point per component.
  var singularPoints: [Double] {
    switch law.family {
    case .laplace: return [0]
    case .empirical: return breakpoints.map { scale * $0 }
    default: return [support.lower, support.upper].filter(\.isFinite).map { scale * $0 }
    }
  }

  /// Whether the support is the whole line.
  var spansTheLine: Bool { support.lower == -.infinity && support.upper == .infinity }

  /// P(Y − m > z), accurate in the right tail.
  func survival(_ z: Double) -> Double { law.survival(z + centre) }

  /// P(Y − m <= z), accurate in the left tail.
  func cdf(_ z: Double) -> Double { law.cdf(z + centre) }

  /// The z with P(Y − m > z) = q, accurate for tiny q.
  func upperQuantile(_ q: Double) -> Double { law.upperQuantile(q) - centre }

  /// The z with P(Y − m <= z) = p, accurate for tiny p.
  func lowerQuantile(_ p: Double) -> Double { law.lowerQuantile(p) - centre }

  /// The ends of the support of Y − m (the whole line for the symmetric families).
  var support: (lower: Double, upper: Double) {
    let (lower, upper) = law.support
    return (lower - centre, upper - centre)
  }

  /// Several independent normal components as one: W = Σ W_k is N(0, Σ σ_k²), and
  /// E[W_k | W = w] = σ_k² / σ² · w, so the merged truth ratio is Σ r_k σ_k² / σ², and
  /// Var[Σ r_k W_k | W = w] = Σ r_k² σ_k² − (Σ r_k σ_k²)² / σ² whatever w.
  static func mergingNormals(_ normals: [PersuasionComponent]) -> PersuasionComponent? {
    guard !normals.isEmpty else { return nil }
    let variance = normals.reduce(0) { $0 + $1.scale * $1.scale }
    let ratio = normals.reduce(0) { $0 + $1.truthRatio * $1.scale * $1.scale } / variance
    let spread = normals.reduce(0) { $0 + $1.truthRatio * $1.truthRatio * $1.scale * $1.scale }
    return PersuasionComponent(
      law: StandardLaw(.normal), scale: variance.squareRoot(), truthRatio: ratio, hasMean: true,
      names: normals.flatMap(\.names),
      internalTruthVariance: max(0, spread - ratio * ratio * variance))
  }
}
