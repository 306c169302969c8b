extension JointLaw {
  /// Keep P >= tau.
  ///
  /// With z = (tau − μ_P)/σ_P and λ(z) = φ(z)/Q(z) the inverse Mills ratio:
  /// E[P | P >= tau] = μ_P + σ_P λ(z), E[T | P >= tau] = μ_T + (c/σ_P) λ(z),
  /// KL = −ln Q(z), computed as a log-survival so it stays accurate far in the upper tail (z up to
  /// 10^154; beyond, z² overflows and the KL is +∞) and in the lower tail (KL ≈ Φ(z) when almost
  /// everything is kept). λ(z) ≈ z + 1/z for large z; λ(z) → 0 (the base means) as z → −∞.
  /// Var[Z | Z >= z] = 1 − λ(λ − z) (`TruncatedNormal`, accurate for every z).
  ///
  /// - Parameter tau: finite threshold.
  /// - Throws: `SelectionError` naming `tau` when it is not finite, or when Var P = 0.
  /// - Complexity: O(1): one evaluation of the normal tail (tens of nanoseconds).
  public func threshold(_ tau: Double) throws(SelectionError) -> ThresholdSelection {
    guard tau.isFinite else {
      throw SelectionError(field: .tau, rule: "must be finite (got \(tau))")
    }
    guard variancePersuasiveness > 0 else { throw .zeroVariance(.tau) }
    let z = (tau - meanPersuasiveness) / standardDeviationPersuasiveness
    let tail = StandardNormal.upperTail(z)
    return ThresholdSelection(
      threshold: tau,
      acceptance: tail.survival,
      outcome: shifted(
        byStandardUnits: tail.inverseMillsRatio,
        spread: TruncatedNormal.excessAndVariance(above: z).variance,
        kl: -tail.logSurvival))
  }
}
