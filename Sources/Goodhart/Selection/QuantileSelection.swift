/// The quantilizer: keep the top fraction q of outputs by P (ties, where P has an atom, broken
/// uniformly at random).
public struct QuantileSelection: Hashable, Sendable {
  /// The kept fraction q in (0, 1].
  public let fraction: Double
  /// The threshold that keeps exactly q (−∞ at q = 1): the selected outputs have P >= threshold.
  public let threshold: Double
  /// The kept outputs' moments and KL: −ln q when P has no atom at the threshold, smaller when
  /// only part of an atom is kept.
  public let outcome: SelectionOutcome

  /// Creates a quantile selection's summary.
  public init(fraction: Double, threshold: Double, outcome: SelectionOutcome) {
    self.fraction = fraction
    self.threshold = threshold
    self.outcome = outcome
  }
}
