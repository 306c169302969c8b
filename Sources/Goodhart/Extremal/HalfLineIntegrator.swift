import Foundation

/// The half-line integrals of a convolution's quadrature (`Convolution`, `NestedConvolution`):
/// ∫ h(z) dz over z <= 0 in the variable t = ln(1 − z) and over 0 <= z <= upper in t = ln(1 + z),
/// which resolves a bump of width 1 at z = 0 and a tail reaching z = 10^6 alike (polynomial tails
/// become exponential in t).
///
/// z is a position on the summand's unit scale, so its absolute accuracy is what counts: it is
/// formed as ±(e^t − 1) from the one exp the Jacobian needs (within an ulp of 1 of the exact
/// value), not by expm1, which is relatively exact but cost a tenth of a best-of-n's time.
///
/// Finite pieces use GSL's QAG, or QAGS when a summand's density jumps or is unbounded where its
/// support ends (the clipped pieces end there, and QAGS's extrapolation converges on such end
/// singularities); every integral is `tolerant`.
struct HalfLineIntegrator {
  /// The rule, tolerances and operation name of every piece.
  let quadrature: Quadrature
  /// Whether finite pieces use QAGS.
  let singularEnds: Bool

  /// `body` run with `quadrature`, and when GSL stops short of its tolerance (round-off, the
  /// subinterval limit, or a singularity or divergence its extrapolation reports: skewed laws
  /// with poles or jumps at the ends of their supports), once more at 10^−8 with 1000
  /// subintervals, far inside the 10^−6 the package promises.
  static func tolerant(
    _ quadrature: Quadrature, _ body: (Quadrature) throws(NumericalError) -> Double
  ) throws(NumericalError) -> Double {
    do {
      return try body(quadrature)
    } catch {
      guard [.roundoff, .maximumIterations, .singularity, .divergence].contains(error.kind) else { throw error }
      var loose = quadrature
      loose.relativeTolerance = max(quadrature.relativeTolerance, 1e-8)
      loose.limit = 1000
      return try body(loose)
    }
  }

  /// ∫_a^b h by QAG, or by QAGS when `singularEnds` (`tolerant` either way), cut at the points
  /// of `cuts` inside (a, b) (where h jumps: an empirical law's knots), each piece with its share
  /// of the absolute tolerance.
  func finite(
    _ integrand: (Double) -> Double, from a: Double, to b: Double, cuts: [Double] = []
  ) throws(NumericalError) -> Double {
    let inside = cuts.filter { $0 > a && $0 < b }.sorted()
    guard !inside.isEmpty else { return try piece(integrand, from: a, to: b, quadrature) }
    let ends = [a] + inside + [b]
    var share = quadrature
    share.absoluteTolerance = max(
      quadrature.absoluteTolerance / Double(ends.count - 1), Double.leastNormalMagnitude)
    var total = 0.0
    for (low, high) in zip(ends, ends.dropFirst()) where low < high {
      total += try piece(integrand, from: low, to: high, share)
    }
    return total
  }

  /// One piece of `finite`.
  private func piece(
    _ integrand: (Double) -> Double, from a: Double, to b: Double, _ quadrature: Quadrature
  ) throws(NumericalError) -> Double {
    try HalfLineIntegrator.tolerant(quadrature) { rule throws(NumericalError) in
      try (singularEnds
        ? rule.integrateAllowingEndSingularities(integrand, from: a, to: b)
        : rule.integrate(integrand, from: a, to: b)).value
    }
  }

  /// ∫ f_A(z) g(z) dz over [low, high] on one side of A's median 0, in A's probability variable:
  /// u = F_A(z) below the median (z = A's lower quantile of u), q = Q_A(z) above it (z = its upper
  /// quantile of q), each accurate for tiny u or q. For a law whose mass crowds the end of its
  /// support (`PersuasionComponent.crowdsItsEnd`), where z cannot resolve it: in u or q that
  /// mass is exact and a bounded g is smooth up to the end. An end at or beyond the support's
  /// is the support's; a piece across the median is split there. `cuts` are the points z where g
  /// jumps.
  func probability(
    of a: PersuasionComponent, _ g: @escaping (Double) -> Double, from low: Double, to high: Double,
    cuts: [Double] = []
  ) throws(NumericalError) -> Double {
    guard low < high else { return 0 }
    if low < 0, high > 0 {
      return try probability(of: a, g, from: low, to: 0, cuts: cuts)
        + probability(of: a, g, from: 0, to: high, cuts: cuts)
    }
    let inside = cuts.filter { $0 > low && $0 < high }
    // At the end of the support the probability is 0 exactly: an end formed by rounding (a
    // point a ulp inside it) would drop all the mass within that ulp (2 % at k = 0.1).
    let (lower, upper) = a.support
    if high <= 0 {
      return try finite(
        { u in g(a.lowerQuantile(u)) }, from: low <= lower ? 0 : a.cdf(low), to: a.cdf(high),
        cuts: inside.map(a.cdf))
    }
    return try finite(
      { q in g(a.upperQuantile(q)) }, from: high >= upper ? 0 : a.survival(high),
      to: a.survival(low), cuts: inside.map(a.survival))
  }

  /// ∫ h(z) dz over [max(lowest, −reach), 0] in the variable t = ln(1 − z), where `reach` >= 0 is
  /// where the integrand's own decay has made the rest negligible (capped at 10^300); 0 when
  /// lowest >= 0. `cuts` are the points z where h jumps.
  func belowCentre(
    _ integrand: @escaping (Double) -> Double, reach: Double, above lowest: Double,
    cuts: [Double] = []
  ) throws(NumericalError) -> Double {
    guard lowest < 0 else { return 0 }
    let reach = min(reach, 1e300, -lowest)
    return try finite(
      { t in let e = exp(t); return integrand(1 - e) * e }, from: 0, to: log1p(reach),
      cuts: cuts.filter { $0 < 0 }.map { log1p(-$0) })
  }

  /// ∫ h(z) dz over [max(0, lowest), upper] in the variable t = ln(1 + z) (0 when empty).
  /// `cuts` are the points z where h jumps.
  func aboveCentre(
    _ integrand: @escaping (Double) -> Double, to upper: Double, above lowest: Double,
    cuts: [Double] = []
  ) throws(NumericalError) -> Double {
    let (first, last) = (log1p(max(0, lowest)), log1p(upper))
    guard first < last else { return 0 }
    return try finite(
      { t in let e = exp(t); return integrand(e - 1) * e }, from: first, to: last,
      cuts: cuts.filter { $0 > 0 }.map { log1p($0) })
  }
}
