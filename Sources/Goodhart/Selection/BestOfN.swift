import Foundation

extension JointLaw {
  /// Best-of-n: draw n outputs, keep the one with the largest P.
  ///
  /// With e_n = E[max of n standard normals] (`ExpectedMaximum.ofStandardNormals`):
  /// E[P] = μ_P + σ_P e_n, E[T] = μ_T + (c/σ_P) e_n, and KL = ln n − (n−1)/n nats (the KL of
  /// the law of the maximum of n i.i.d. draws from the base law; exact for continuous P). The
  /// variances use Var[max of n standard normals] (`ExpectedMaximum.varianceOfStandardNormals`).
  ///
  /// - Parameter n: real n in [1, 10^15] (integers are the usual case); n = 1 is the base law.
  /// - Throws: `SelectionError` naming `n` when n is NaN or outside [1, 10^15], or when
  ///   Var P = 0.
  /// - Complexity: one evaluation of e_n (a few microseconds) and two adaptive quadratures for the
  ///   variance.
  public func bestOfN(_ n: Double) throws(SelectionError) -> SelectionOutcome {
    try bestOfN(n, dispersion: true)
  }

  /// Best-of-n, with the variances only when `dispersion` is true (callers that read only the
  /// means and the KL, such as the frontier, skip their quadrature; their variances are then
  /// `nil` and must not be read).
  func bestOfN(_ n: Double, dispersion: Bool) throws(SelectionError) -> SelectionOutcome {
    let e = try ExpectedMaximum.ofStandardNormals(n)
    guard variancePersuasiveness > 0 else { throw .zeroVariance(.n) }
    let kl = JointLaw.bestOfNDivergence(n)
    guard dispersion else { return shifted(byStandardUnits: e, spread: 1, kl: kl).meansOnly }
    let spread = try ExpectedMaximum.varianceOfStandardNormals(n)
    return shifted(byStandardUnits: e, spread: spread, kl: kl)
  }

  /// KL(law of the best of n || base law) = ln n − (n − 1)/n nats, for real n >= 1.
  ///
  /// With u = (n − 1)/n in [0, 1): ln n − u = −ln(1 − u) − u = Σ_{k>=2} u^k / k, summed directly
  /// for u < 1/8 (no cancellation as n → 1, where KL ≈ (n − 1)²/2), and as
  /// −log1p(−u) − u otherwise.
  static func bestOfNDivergence(_ n: Double) -> Double {
    let u = (n - 1) / n
    guard u < 0.125 else { return log(n) - u }
    var term = u
    var sum = 0.0
    for k in 2...40 {
      term *= u
      let next = sum + term / Double(k)
      if next == sum { break }
      sum = next
    }
    return sum
  }
}
