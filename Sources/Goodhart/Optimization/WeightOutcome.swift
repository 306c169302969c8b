/// Where an optimiser on the weights ended and what those weights give, computed exactly from the
/// weights (never estimated): E_w[T], E_w[P], KL(law_w || law_w0) and J(w) = E_w[P] − β KL (or
/// − β · penalty(w) under another regulariser, `WeightFamily.outcome(at:beta:regulariser:)`).
public struct WeightOutcome: Hashable, Sendable {
  /// The KL penalty β >= 0.
  public let beta: Double
  /// The weights w, on the simplex.
  public let weights: [Double]
  /// E_w[T] = Σ w_i t_i m_i.
  public let meanTruth: Double
  /// E_w[P] = Σ w_i p_i m_i.
  public let meanPersuasiveness: Double
  /// KL(law_w(T, P) || law_w0(T, P)) in nats; +∞ where law_w is degenerate and law_w0 is not.
  public let kl: Double
  /// J(w) = E_w[P] − β KL (E_w[P] when β = 0, even where KL = ∞; −∞ when β > 0 and KL = ∞);
  /// under another regulariser E_w[P] − β · penalty(w).
  public let objective: Double

  /// Creates an outcome (use `WeightFamily.outcome(at:beta:)` to get consistent numbers).
  public init(
    beta: Double, weights: [Double], meanTruth: Double, meanPersuasiveness: Double, kl: Double,
    objective: Double
  ) {
    self.beta = beta
    self.weights = weights
    self.meanTruth = meanTruth
    self.meanPersuasiveness = meanPersuasiveness
    self.kl = kl
    self.objective = objective
  }
}
