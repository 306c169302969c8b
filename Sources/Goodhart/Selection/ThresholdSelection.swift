/// Threshold filtering: keep the outputs with P >= tau.
public struct ThresholdSelection: Hashable, Sendable {
  /// The threshold tau.
  public let threshold: Double
  /// P(P >= tau), accurate relative to itself far in the right tail; it may underflow to 0 while
  /// the KL stays finite.
  public let acceptance: Double
  /// The kept outputs' moments and KL = −ln(acceptance).
  public let outcome: SelectionOutcome

  /// Creates a threshold selection's summary.
  public init(threshold: Double, acceptance: Double, outcome: SelectionOutcome) {
    self.threshold = threshold
    self.acceptance = acceptance
    self.outcome = outcome
  }
}
