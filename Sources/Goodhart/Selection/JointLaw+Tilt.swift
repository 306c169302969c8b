extension JointLaw {
  /// The exponential tilt at temperature β.
  ///
  /// For bivariate normal (T, P), tilting by exp(P/β) shifts the mean by Σ (0, 1/β)ᵀ and keeps
  /// the covariance (so the variances): E[P] = μ_P + σ_P²/β, E[T] = μ_T + c/β, KL = σ_P² / (2β²).
  ///
  /// - Parameter beta: β > 0 (`.infinity` gives the base law).
  /// - Throws: `SelectionError` naming `beta` when β <= 0 or NaN, or when Var P = 0.
  /// - Complexity: O(1).
  public func tilt(beta: Double) throws(SelectionError) -> TiltSelection {
    guard beta > 0 else {
      throw SelectionError(field: .beta, rule: "must be > 0 (got \(beta))")
    }
    guard variancePersuasiveness > 0 else { throw .zeroVariance(.beta) }
    let shift = standardDeviationPersuasiveness / beta
    return .normalisable(
      beta: beta, outcome: shifted(byStandardUnits: shift, spread: 1, kl: 0.5 * shift * shift))
  }

  /// The exponential tilt whose KL from the base law is `kl`: β = σ_P / sqrt(2 K).
  ///
  /// - Parameter kl: K > 0 and finite, in nats.
  /// - Throws: `SelectionError` naming `kl` when K <= 0 or not finite, or when Var P = 0.
  /// - Complexity: O(1).
  public func tilt(kl: Double) throws(SelectionError) -> TiltSelection {
    guard kl.isFinite, kl > 0 else {
      throw SelectionError(field: .kl, rule: "must be finite and > 0 (got \(kl))")
    }
    guard variancePersuasiveness > 0 else { throw .zeroVariance(.kl) }
    let shift = (2 * kl).squareRoot()
    return .normalisable(
      beta: standardDeviationPersuasiveness / shift,
      outcome: shifted(byStandardUnits: shift, spread: 1, kl: kl))
  }
}
