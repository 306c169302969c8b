/// Monte Carlo estimates of the five moments of (T, P), each with its standard error.
///
/// An estimate is `nil` only when the draws define none (a non-finite sum, as a law without that
/// moment, such as Cauchy, can produce).
public struct SimulatedMoments: Hashable, Sendable {
  /// E[T].
  public let meanTruth: Estimate?
  /// E[P].
  public let meanPersuasiveness: Estimate?
  /// Var T (unbiased sample variance; SE from the fourth central moment).
  public let varianceTruth: Estimate?
  /// Var P (unbiased sample variance; SE from the fourth central moment).
  public let variancePersuasiveness: Estimate?
  /// Cov(T, P) (unbiased sample covariance; SE from the mixed fourth moment).
  public let covariance: Estimate?
}
