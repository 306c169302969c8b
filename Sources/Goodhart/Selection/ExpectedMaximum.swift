import Foundation

/// e_n = E[max of n independent standard normals], for real n >= 1, and its inverse.
///
/// The defining integral is e_n = ∫ x · n φ(x) Φ(x)^{n−1} dx. Integrating by parts and
/// subtracting E[Z] = 0 = ∫_0^∞ (1 − Φ) − ∫_{−∞}^0 Φ gives the form used here,
///
///     e_n = ∫_{−∞}^{∞} Φ(x) (1 − Φ(x)^{n−1}) dx,
///
/// whose integrand is positive everywhere for n > 1, so no cancellation can occur, not even as
/// n → 1 where e_n ≈ 0.9 (n − 1). The integrand equals Φ(x) to within e^{−45} below
/// a = Φ⁻¹(e^{−45/(n−1)}), where ∫_{−∞}^a Φ = a Φ(a) + φ(a) in closed form; above
/// b = Q⁻¹(10^{−20} / max(1, n − 1)) it is below (n − 1) Q(x), which integrates to less than
/// 10^{−20}. The rest, on [a, x0] and [x0, b] with x0 the median of the maximum
/// (Φ(x0)^n = 1/2), are two smooth pieces, each integrated by GSL's QAG with the 61-point
/// Gauss–Kronrod rule. 1 − Φ^{n−1} is evaluated as −expm1((n − 1) ln Φ) with ln Φ(x) =
/// log1p(−Q(x)) for x > 0, so the upper tail keeps its digits at n = 10^15 (where the naive
/// 1 − Φ^n rounds to 0 or 1 and GSL reports round-off). See Docs/Model.md.
public enum ExpectedMaximum {
  /// The largest n accepted (10^15).
  public static let maximumN = 1e15

  /// e_n for real n in [1, 10^15]; e_1 = 0, e_2 = 1/sqrt(π), e_n ~ sqrt(2 ln n) as n → ∞.
  ///
  /// Relative error below 1e-14 over the whole range (checked against 40-digit mpmath values,
  /// `Tests/GoodhartTests/Reference/expected_maximum.py`).
  ///
  /// - Parameter n: real n with 1 <= n <= 10^15 (integers are the usual case).
  /// - Throws: `SelectionError` naming `n` when n is NaN or outside [1, 10^15], or (never
  ///   observed) when GSL's quadrature fails.
  /// - Complexity: O(1): two 61-point Gauss–Kronrod panels (122 evaluations of Φ), a few
  ///   microseconds.
  public static func ofStandardNormals(_ n: Double) throws(SelectionError) -> Double {
    guard n >= 1, n <= maximumN else {
      throw SelectionError(field: "n", rule: "must be in [1, 10^15] (got \(n))")
    }
    if n == 1 { return 0 }
    let exponent = n - 1
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
    // Below `start` the integrand is Φ to within e^{−45}: integrate Φ exactly there.
    var start = StandardNormal.upperQuantile(-expm1(-45 / exponent))
    var head = 0.0
    if start > leftEnd {
      head = start * StandardNormal.cdf(start) + StandardNormal.density(start)
    } else {
      start = leftEnd  // n close to 1: everything left of −9 is below 1e-19 relative.
    }
    let median = max(start, StandardNormal.upperQuantile(-expm1(-M_LN2 / n)))
    let end = StandardNormal.upperQuantile(1e-20 / max(1, exponent))
    do {
      let below = try quadrature.integrate(integrand, from: start, to: median)
      let above = try quadrature.integrate(integrand, from: median, to: end)
      return head + below.value + above.value
    } catch {
      throw SelectionError(field: "n", rule: "e_n could not be computed (\(error))")
    }
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
      throw SelectionError(field: "shift", rule: "must be finite and > 0 (got \(shift))")
    }
    let largest = try ofStandardNormals(maximumN)
    guard shift <= largest else {
      throw SelectionError(
        field: "shift",
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
      throw SelectionError(field: "shift", rule: "the best-of-n inverse failed (\(error))")
    }
  }

  /// Where the left piece starts when n is close to 1 (∫_{−∞}^{−9} Φ < 1e-20).
  static let leftEnd = -9.0

  /// QAG with the 61-point rule: one panel per piece suffices for every n (see the type's notes).
  static let quadrature = Quadrature(
    absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 50, rule: .gauss61,
    operation: "quadrature of the best-of-n integrand")
}
