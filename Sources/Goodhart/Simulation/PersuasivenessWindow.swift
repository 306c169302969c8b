/// A selection that keeps the outputs whose persuasiveness lies in [lower, upper].
///
/// `threshold(tau)` is the window [tau, +infinity) (the contract's threshold filter);
/// `around(p, halfWidth:)` is [p − h, p + h], whose mean truth estimates E[T | P ≈ p].
public struct PersuasivenessWindow: Hashable, Sendable {
  /// The smallest kept persuasiveness (finite).
  public let lower: Double
  /// The largest kept persuasiveness (> lower; may be +infinity).
  public let upper: Double

  /// Creates a window.
  ///
  /// - Parameters:
  ///   - lower: finite lower end.
  ///   - upper: upper end > lower, finite or +infinity.
  /// - Throws: `SimulationError` naming `window` when the ends are NaN, `lower` is infinite, or
  ///   `upper <= lower`.
  public init(lower: Double, upper: Double) throws(SimulationError) {
    guard lower.isFinite else {
      throw SimulationError(field: .window, rule: "lower end must be finite (got \(lower))")
    }
    guard !upper.isNaN, upper > lower else {
      throw SimulationError(
        field: .window, rule: "upper end must be > lower end \(lower) (got \(upper))")
    }
    self.lower = lower
    self.upper = upper
  }

  /// Keep P >= tau.
  ///
  /// - Throws: `SimulationError` naming `tau` when it is not finite.
  public static func threshold(_ tau: Double) throws(SimulationError) -> PersuasivenessWindow {
    guard tau.isFinite else {
      throw SimulationError(field: .tau, rule: "must be finite (got \(tau))")
    }
    return try PersuasivenessWindow(lower: tau, upper: .infinity)
  }

  /// Keep |P − p| <= halfWidth.
  ///
  /// - Throws: `SimulationError` naming `window` when p is not finite or halfWidth is not finite
  ///   and > 0.
  public static func around(_ persuasiveness: Double, halfWidth: Double) throws(SimulationError)
    -> PersuasivenessWindow
  {
    guard persuasiveness.isFinite, halfWidth.isFinite, halfWidth > 0 else {
      throw SimulationError(
        field: .window,
        rule: "needs a finite centre and a finite half-width > 0 (got \(persuasiveness), \(halfWidth))")
    }
    return try PersuasivenessWindow(
      lower: persuasiveness - halfWidth, upper: persuasiveness + halfWidth)
  }

  /// Whether this window is a threshold [tau, +infinity).
  public var isThreshold: Bool { upper == .infinity }
}
