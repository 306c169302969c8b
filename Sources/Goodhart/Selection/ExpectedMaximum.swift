import Foundation

/// e_n = E[max of n independent standard normals], for real n >= 1.
///
/// e_n = ∫ x · n φ(x) Φ(x)^{n−1} dx. See Docs/Model.md for the formulation used here.
public enum ExpectedMaximum {
  /// The largest n accepted (10^15).
  public static let maximumN = 1e15

  /// e_n for real n in [1, 10^15]; e_1 = 0, e_2 = 1/sqrt(π).
  ///
  /// - Throws: `SelectionError` naming `n` outside [1, 10^15] or not finite; `NumericalError`
  ///   cannot escape (reported as a `SelectionError` naming `n`).
  public static func ofStandardNormals(_ n: Double) throws(SelectionError) -> Double {
    guard n.isFinite, n >= 1, n <= maximumN else {
      throw SelectionError(field: "n", rule: "must be in [1, 10^15] (got \(n))")
    }
    if n == 1 { return 0 }
    // Split at the median of the maximum, x0 with Φ(x0)^n = 1/2:
    // e_n = x0 + ∫_{x0}^∞ (1 − Φ^n) dx − ∫_{−∞}^{x0} Φ^n dx.
    let x0 = StandardNormal.upperQuantile(-expm1(-M_LN2 / n))
    let upper: (Double) -> Double = { x in
      -expm1(n * log1p(-StandardNormal.survival(x)))
    }
    let lower: (Double) -> Double = { x in
      exp(n * StandardNormal.logCDF(x))
    }
    let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 200, rule: .gauss31,
      operation: "quadrature of the best-of-n integrand")
    do {
      let above = try quadrature.integrate(upper, from: x0)
      let below = try quadrature.integrate(lower, fromMinusInfinityTo: x0)
      return x0 + above.value - below.value
    } catch {
      throw SelectionError(field: "n", rule: "e_n could not be computed (\(error))")
    }
  }
}

extension JointLaw {
  /// Best-of-n: draw n outputs, keep the one with the largest P.
  ///
  /// E[P] = μ_P + σ_P e_n, E[T] = μ_T + (c/σ_P) e_n, KL = ln n − (n−1)/n (the KL of the law of
  /// the maximum of n i.i.d. draws from the base law; exact for continuous P).
  ///
  /// - Parameter n: real n in [1, 10^15] (integers are the usual case).
  /// - Throws: `SelectionError` naming `n` or when Var P = 0.
  public func bestOfN(_ n: Double) throws(SelectionError) -> SelectionOutcome {
    let e = try ExpectedMaximum.ofStandardNormals(n)
    guard variancePersuasiveness > 0 else { throw .zeroVariance("n") }
    return shifted(byStandardUnits: e, kl: log(n) - (n - 1) / n)
  }
}
