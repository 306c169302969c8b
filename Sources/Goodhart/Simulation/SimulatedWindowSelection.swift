/// What a persuasiveness window kept in one Monte Carlo run.
public struct SimulatedWindowSelection: Hashable, Sendable {
  /// The window.
  public let window: PersuasivenessWindow
  /// How many of the `samples` draws it kept.
  public let accepted: Int
  /// The acceptance probability: accepted/samples with SE sqrt(a(1 − a)/samples) (0 when every
  /// draw or none was kept).
  public let acceptance: Estimate
  /// E[T | P in window] (ratio estimator, delta-method SE); `nil` when nothing was kept.
  public let meanTruth: Estimate?
  /// E[P | P in window]; `nil` when nothing was kept.
  public let meanPersuasiveness: Estimate?
}
