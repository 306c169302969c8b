import Foundation

extension JointLaw {
  /// Keep the top fraction q by P: threshold filtering at tau = μ_P + σ_P Q⁻¹(q), with KL = −ln q.
  ///
  /// E[Z | top q] = φ(Q⁻¹(q)) / q = λ(Q⁻¹(q)), computed as the inverse Mills ratio at z = Q⁻¹(q)
  /// so it stays accurate (~1e-15) for q down to the smallest subnormal (5e-324, z ≈ 38.5). At
  /// q = 1 nothing is filtered and the means are the base means.
  ///
  /// - Parameter q: the kept fraction, 0 < q <= 1.
  /// - Throws: `SelectionError` naming `q` outside (0, 1] or when Var P = 0.
  /// - Complexity: O(1).
  public func quantile(_ q: Double) throws(SelectionError) -> QuantileSelection {
    guard q > 0, q <= 1 else {
      throw SelectionError(field: .q, rule: "must be in (0, 1] (got \(q))")
    }
    guard variancePersuasiveness > 0 else { throw .zeroVariance(.q) }
    let z = StandardNormal.upperQuantile(q)
    // λ(z) at the computed z rather than φ(z)/q: a rounding δ of z changes φ(z)/q by z²δ but
    // λ(z) only by ~δ (λ' ≈ 1), and λ stays accurate where φ(z) and q are subnormal.
    let shift = q == 1 ? 0 : StandardNormal.upperTail(z).inverseMillsRatio
    let spread = q == 1 ? 1 : TruncatedNormal.excessAndVariance(above: z).variance
    return QuantileSelection(
      fraction: q,
      threshold: meanPersuasiveness + standardDeviationPersuasiveness * z,
      outcome: shifted(byStandardUnits: shift, spread: spread, kl: -log(q)))
  }
}
