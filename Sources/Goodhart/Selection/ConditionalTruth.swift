/// The law of truth given an exact persuasiveness score: T | P = p is normal with this mean and
/// variance.
public struct ConditionalTruth: Hashable, Sendable {
  /// The conditioning value p.
  public let persuasiveness: Double
  /// E[T | P = p] = E[T] + Cov(T,P)/Var(P) · (p − E[P]) — affine in p.
  public let mean: Double
  /// Var[T | P = p] = Var T − Cov²/Var P (>= 0, the same for every p).
  public let variance: Double
}

extension JointLaw {
  /// Cov(T, P) / Var(P): how much mean truth each unit of selected persuasiveness buys.
  ///
  /// - Throws: `SelectionError` naming `persuasiveness` when Var P = 0.
  public func regressionSlope() throws(SelectionError) -> Double {
    guard variancePersuasiveness > 0 else { throw .zeroVariance("persuasiveness") }
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
      throw SelectionError(field: "persuasiveness", rule: "must be finite (got \(persuasiveness))")
    }
    let slope = try regressionSlope()
    return ConditionalTruth(
      persuasiveness: persuasiveness,
      mean: meanTruth + slope * (persuasiveness - meanPersuasiveness),
      variance: residualVarianceTruth)
  }

  /// The selected law's means when the standardised persuasiveness Z = (P − μ_P)/σ_P is shifted
  /// on average by `shift` (E[Z | selected] = shift): truth moves by c/σ_P per unit.
  func shifted(byStandardUnits shift: Double, kl: Double) -> SelectionOutcome {
    let sd = standardDeviationPersuasiveness
    return SelectionOutcome(
      meanTruth: meanTruth + covariance / sd * shift,
      meanPersuasiveness: meanPersuasiveness + sd * shift,
      kl: kl)
  }
}
