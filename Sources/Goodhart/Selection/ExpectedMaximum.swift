import Foundation

/// e_n = E[max of n independent standard normals], for real n >= 1, and its inverse.
///
/// The defining integral is e_n = ∫ x · n φ(x) Φ(x)^{n−1} dx. Integrating by parts and
/// subtracting E[Z] = 0 = ∫_0^∞ (1 − Φ) − ∫_{−∞}^0 Φ gives the form used here,
///
///     e_n = ∫_{−∞}^{∞} Φ(x) (1 − Φ(x)^{n−1}) dx,
///
/// whose integrand is positive everywhere for n > 1, so no cancellation can occur, not even as
/// n → 1 where e_n ≈ 0.9 (n − 1). With m = n − 1, the integrand equals Φ(x) up to Φ^n below
/// a = Φ⁻¹(e^{−30/m}), where ∫_{−∞}^a Φ = a Φ(a) + φ(a) in closed form; above
/// b = Q⁻¹(10^{−17} / max(1, m)) it is below m Q(x), which integrates to less than 10^{−17} e_n.
/// The rest, on [a, x0] and [x0, b] with x0 the median of the maximum (Φ(x0)^n = 1/2), are two
/// smooth pieces, each integrated by one fixed Gauss–Legendre rule (24 and 28 nodes; the cut
/// e^{−30} bounds how fast exp(−m(−ln Φ)) grows off the real axis, hence the rules' error).
/// 1 − Φ^m is evaluated as −expm1(m ln Φ) with ln Φ(x) = log1p(−Q(x)) for x > 0, so the upper
/// tail keeps its digits at n = 10^15 (where the naive 1 − Φ^n rounds to 0 or 1). The adaptive
/// GSL QAG version is kept (internal) as the tested reference. See Docs/Model.md.
public enum ExpectedMaximum {
  /// The largest n accepted (10^15).
  public static let maximumN = 1e15

  /// e_n for real n in [1, 10^15]; e_1 = 0, e_2 = 1/sqrt(π), e_n ~ sqrt(2 ln n) as n → ∞.
  ///
  /// Fixed Gauss–Legendre rules on the two pieces [a, x0] (24 nodes) and [x0, b] (28 nodes), with
  /// a where Φ^{n−1} = e^{−30} and b where (n − 1) Q = 10^{−17} (see the type's notes and
  /// Docs/Model.md for the error analysis). Relative error below 1e-13 over the whole range
  /// (checked against 40-digit mpmath values, `Tests/Reference/expected_maximum.py`, and on a
  /// dense sweep against the adaptive `adaptiveOfStandardNormals`).
  ///
  /// - Parameter n: real n with 1 <= n <= 10^15 (integers are the usual case).
  /// - Throws: `SelectionError` naming `n` when n is NaN or outside [1, 10^15] (or, only if GSL
  ///   could not allocate its node table and the adaptive fallback then fails, naming the failure).
  /// - Complexity: O(1): 52 evaluations of the integrand (one `erfc`, one `expm1` and at most one
  ///   logarithm each), 1–3 µs.
  public static func ofStandardNormals(_ n: Double) throws(SelectionError) -> Double {
    let exponent = try validated(n)
    if exponent == 0 { return 0 }
    // GSL's tables only fail to allocate when memory runs out: fall back to the adaptive route.
    guard !leftRule.nodes.isEmpty, !rightRule.nodes.isEmpty else {
      return try adaptiveOfStandardNormals(n)
    }
    let (head, start, median, end) = pieces(exponent, flatBeyond: 30, tail: 1e-17)
    let integrand = { (x: Double) -> Double in fastIntegrand(x, exponent: exponent) }
    return head + leftRule.integrate(from: start, to: median, integrand)
      + rightRule.integrate(from: median, to: end, integrand)
  }

  /// e_n by GSL's adaptive QAG (61-point Gauss–Kronrod, relative tolerance 1e-12) on the same
  /// two pieces, cut wider (Φ^{n−1} = e^{−45}, (n − 1) Q = 10^{−20}): the slower reference that
  /// the fixed rules of `ofStandardNormals` are tested against.
  ///
  /// - Parameter n: real n with 1 <= n <= 10^15.
  /// - Throws: `SelectionError` naming `n` when n is outside [1, 10^15], or (never observed) when
  ///   GSL's quadrature fails.
  /// - Complexity: O(1): two 61-point panels (122 evaluations of Φ), several microseconds.
  static func adaptiveOfStandardNormals(_ n: Double) throws(SelectionError) -> Double {
    let exponent = try validated(n)
    if exponent == 0 { return 0 }
    // The integrand Φ (1 − Φ^{n−1}), with 1 − Φ^{n−1} = −expm1((n − 1) ln Φ) and ln Φ taken
    // from the side where it is accurate.
    let integrand: (Double) -> Double = { x in
      if x > 0 {
        let upper = StandardNormal.survival(x)
        return (1 - upper) * -expm1(exponent * log1p(-upper))
      }
      let lower = StandardNormal.cdf(x)
      return lower * -expm1(exponent * log(lower))
    }
    let (head, start, median, end) = pieces(exponent, flatBeyond: 45, tail: 1e-20)
    do {
      let below = try quadrature.integrate(integrand, from: start, to: median)
      let above = try quadrature.integrate(integrand, from: median, to: end)
      return head + below.value + above.value
    } catch {
      throw SelectionError(field: .n, rule: "e_n could not be computed (\(error))")
    }
  }

  /// n − 1 for a valid n.
  ///
  /// - Throws: `SelectionError` naming `n` when n is NaN or outside [1, 10^15].
  private static func validated(_ n: Double) throws(SelectionError) -> Double {
    guard n >= 1, n <= maximumN else {
      throw SelectionError(field: .n, rule: "must be in [1, 10^15] (got \(n))")
    }
    return n - 1
  }

  /// The cut points for m = n − 1 > 0: below `start` the integrand is Φ to within e^{−flat}
  /// (∫_{−∞}^{start} Φ = start Φ(start) + φ(start) is `head`), the median x0 (Φ(x0)^n = 1/2)
  /// splits the rest, and above `end` (m Q(end) = `tail`) the integrand is below m Q.
  private static func pieces(_ exponent: Double, flatBeyond flat: Double, tail: Double)
    -> (head: Double, start: Double, median: Double, end: Double)
  {
    var start = StandardNormal.upperQuantile(-expm1(-flat / exponent))
    var head = 0.0
    if start > leftEnd {
      head = start * StandardNormal.cdf(start) + StandardNormal.density(start)
    } else {
      start = leftEnd  // n close to 1: everything left of −9 is below 1e-19 relative.
    }
    let median = max(start, StandardNormal.upperQuantile(-expm1(-M_LN2 / (exponent + 1))))
    let end = StandardNormal.upperQuantile(tail / max(1, exponent))
    return (head, start, median, end)
  }

  /// Φ(x) (1 − Φ(x)^m), m = n − 1, from one `erfc`: Q(x) = erfc(x/√2)/2 for x > 0 (relative error
  /// ~x² · 1e-16 from rounding x/√2, at most 2e-14 on the pieces), ln Φ = log1p(−Q) (its
  /// three-term series −Q − Q²/2 − Q³/3 when Q < 10^{−5}, exact to 3e-16), and Φ(x) =
  /// erfc(−x/√2)/2 with ln Φ = log Φ for x <= 0. 1 − Φ^m = −expm1(m ln Φ), or 1 − exp(m ln Φ)
  /// once Φ^m < e^{−1/2} (no digit lost, and `exp` is half the cost of `expm1`).
  @inline(__always)
  private static func fastIntegrand(_ x: Double, exponent: Double) -> Double {
    let lower: Double
    let logLower: Double
    if x > 0 {
      let upper = 0.5 * erfc(x * StandardNormal.inverseSqrtTwo)
      lower = 1 - upper
      logLower = upper < 1e-5 ? -upper * (1 + upper * (0.5 + upper / 3)) : log1p(-upper)
    } else {
      lower = 0.5 * erfc(-x * StandardNormal.inverseSqrtTwo)
      logLower = log(lower)
    }
    let power = exponent * logLower
    return lower * (power < -0.5 ? 1 - exp(power) : -expm1(power))
  }

  /// The real n in [1, 10^15] with e_n = `shift`: how many draws best-of-n needs for its winner
  /// to sit `shift` standard deviations above the mean on average.
  ///
  /// Solved by Brent's method on ln n (e_n is increasing and smooth in ln n).
  ///
  /// - Parameter shift: e in (0, e_{10^15}] (e_{10^15} ≈ 8.0111).
  /// - Returns: n, with ln n within 1e-14 relative of the exact root (so e_n matches `shift` to
  ///   ~1e-14 relative).
  /// - Throws: `SelectionError` naming `shift` when it is not finite, <= 0, or above e_{10^15}.
  /// - Complexity: about 10–40 evaluations of `ofStandardNormals`.
  public static func sampleCount(reaching shift: Double) throws(SelectionError) -> Double {
    guard shift.isFinite, shift > 0 else {
      throw SelectionError(field: .shift, rule: "must be finite and > 0 (got \(shift))")
    }
    let largest = try ofStandardNormals(maximumN)
    guard shift <= largest else {
      throw SelectionError(
        field: .shift,
        rule: "\(shift) standard deviations is beyond best-of-10^15, which reaches \(largest)")
    }
    if shift == largest { return maximumN }
    var failure: SelectionError? = nil
    let equation: (Double) -> Double = { logN in
      do throws(SelectionError) {
        return try ofStandardNormals(min(maximumN, exp(logN))) - shift
      } catch {
        failure = error
        return .nan
      }
    }
    let finder = RootFinder(
      absoluteTolerance: 1e-300, relativeTolerance: 1e-14, maximumIterations: 300,
      operation: "root of e_n = target")
    do {
      let logN = try finder.root(of: equation, between: 0, and: log(maximumN))
      if let failure { throw failure }
      return min(maximumN, max(1, exp(logN)))
    } catch let error as SelectionError {
      throw error
    } catch {
      throw SelectionError(field: .shift, rule: "the best-of-n inverse failed (\(error))")
    }
  }

  /// Where the left piece starts when n is close to 1 (∫_{−∞}^{−9} Φ < 1e-20).
  static let leftEnd = -9.0

  /// The fixed rules of `ofStandardNormals`, tabulated once per process.
  static let leftRule = GaussLegendreRule(points: 24)
  static let rightRule = GaussLegendreRule(points: 28)

  /// QAG with the 61-point rule: one panel per piece suffices for every n (see the type's notes).
  static let quadrature = Quadrature(
    absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 50, rule: .gauss61,
    operation: "quadrature of the best-of-n integrand")
}
