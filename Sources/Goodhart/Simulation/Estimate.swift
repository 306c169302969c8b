/// A Monte Carlo estimate with its standard error.
///
/// The true value lies within ±1.96 standard errors of `estimate` about 95% of the time (for the
/// sample sizes the engine is meant for, where the estimators are close to normal).
public struct Estimate: Hashable, Sendable, CustomStringConvertible {
  /// The point estimate (finite).
  public let estimate: Double
  /// The estimated standard deviation of `estimate` over runs (>= 0; +infinity when a single
  /// observation cannot measure its own spread).
  public let standardError: Double

  /// Creates an estimate.
  ///
  /// - Parameters:
  ///   - estimate: the point estimate.
  ///   - standardError: its standard error.
  public init(estimate: Double, standardError: Double) {
    self.estimate = estimate
    self.standardError = standardError
  }

  /// An estimate from possibly ill-defined arithmetic: `nil` when `estimate` is not finite (a law
  /// without that moment, or nothing to average); a NaN or negative-rounding standard error becomes
  /// +infinity or 0 respectively, so no NaN ever leaves the engine.
  static func checked(_ estimate: Double, _ standardError: Double) -> Estimate? {
    guard estimate.isFinite else { return nil }
    let error: Double = standardError.isNaN ? .infinity : max(0, standardError)
    return Estimate(estimate: estimate, standardError: error)
  }

  /// How many standard errors `estimate` lies from `value`: (estimate − value) / standardError
  /// (±infinity when the standard error is 0 and they differ, 0 when they agree).
  ///
  /// - Parameter value: the exact value to compare with.
  public func zScore(against value: Double) -> Double {
    let difference = estimate - value
    if difference == 0 { return 0 }
    return difference / standardError
  }

  /// `"estimate ± standardError"`.
  public var description: String { "\(estimate) ± \(standardError)" }
}
