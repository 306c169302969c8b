extension JointLaw {
  /// Cov(T, P) / Var(P): how much mean truth each unit of selected persuasiveness buys.
  ///
  /// - Throws: `SelectionError` naming `persuasiveness` when Var P = 0.
  public func regressionSlope() throws(SelectionError) -> Double {
    guard variancePersuasiveness > 0 else { throw .zeroVariance(.persuasiveness) }
    return covariance / variancePersuasiveness
  }

  /// The law of T given P = p.
  ///
  /// E[T | P = p] = μ_T + (c / σ_P²)(p − μ_P) and Var[T | P = p] = σ_T² − c² / σ_P²
  /// (`residualVarianceTruth`, the same for every p, never negative).
  ///
  /// - Parameter persuasiveness: p, finite.
  /// - Throws: `SelectionError` naming `persuasiveness` when p is not finite or Var P = 0
  ///   (conditioning on a constant is undefined).
  /// - Complexity: O(1).
  public func conditionalTruth(givenPersuasiveness persuasiveness: Double)
    throws(SelectionError) -> ConditionalTruth
  {
    guard persuasiveness.isFinite else {
      throw SelectionError(field: .persuasiveness, rule: "must be finite (got \(persuasiveness))")
    }
    let slope = try regressionSlope()
    return ConditionalTruth(
      persuasiveness: persuasiveness,
      mean: meanTruth + slope * (persuasiveness - meanPersuasiveness),
      variance: residualVarianceTruth)
  }

  /// The selected law's moments when the standardised persuasiveness Z = (P − μ_P)/σ_P has
  /// E[Z | selected] = `shift` and Var[Z | selected] = `spread`: with T = μ_T + (c/σ_P) Z + ε,
  /// ε independent of P with variance Var[T | P], E[T] moves by (c/σ_P) · shift and
  /// Var T = (c/σ_P)² · spread + Var[T | P], Var P = σ_P² · spread.
  func shifted(byStandardUnits shift: Double, spread: Double, kl: Double) -> SelectionOutcome {
    let sd = standardDeviationPersuasiveness
    let loading = covariance / sd
    return SelectionOutcome(
      meanTruth: meanTruth + loading * shift,
      meanPersuasiveness: meanPersuasiveness + sd * shift,
      varianceTruth: loading * loading * spread + residualVarianceTruth,
      variancePersuasiveness: variancePersuasiveness * spread,
      kl: kl)
  }
}
