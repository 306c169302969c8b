import Foundation

/// The quantilizer: keep the top fraction q of outputs by P.
public struct QuantileSelection: Hashable, Sendable {
  /// The kept fraction q in (0, 1].
  public let fraction: Double
  /// The threshold that keeps exactly q: tau = μ_P + σ_P Q⁻¹(q) (−∞ at q = 1).
  public let threshold: Double
  /// Means and KL = −ln q of the kept outputs.
  public let outcome: SelectionOutcome
}

extension JointLaw {
  /// Keep the top fraction q by P: threshold filtering at tau = μ_P + σ_P Q⁻¹(q), with KL = −ln q.
  ///
  /// E[Z | top q] = φ(Q⁻¹(q)) / q = λ(Q⁻¹(q)), computed as exp(−z²/2 − ln sqrt(2π) − ln q) so it
  /// stays accurate for q down to the smallest subnormal (5e-324, z ≈ 38.5). At q = 1 nothing is
  /// filtered and the means are the base means.
  ///
  /// - Parameter q: the kept fraction, 0 < q <= 1.
  /// - Throws: `SelectionError` naming `q` outside (0, 1] or when Var P = 0.
  /// - Complexity: O(1).
  public func quantile(_ q: Double) throws(SelectionError) -> QuantileSelection {
    guard q > 0, q <= 1 else {
      throw SelectionError(field: "q", rule: "must be in (0, 1] (got \(q))")
    }
    guard variancePersuasiveness > 0 else { throw .zeroVariance("q") }
    let z = StandardNormal.upperQuantile(q)
    // φ(z)/q in logs: both underflow to subnormals for q below 1e-308.
    let shift = q == 1 ? 0 : exp(-0.5 * z * z - StandardNormal.logSqrtTwoPi - log(q))
    return QuantileSelection(
      fraction: q,
      threshold: meanPersuasiveness + standardDeviationPersuasiveness * z,
      outcome: shifted(byStandardUnits: shift, kl: -log(q)))
  }
}
