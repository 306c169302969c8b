/// The tilted law π ∝ π₀ · exp(P/β) estimated by self-normalised importance weighting of the
/// (T, P) draws.
public struct SimulatedTilt: Hashable, Sendable {
  /// The temperature β > 0.
  public let beta: Double
  /// E_π[T] (delta-method SE of the weighted ratio).
  public let meanTruth: Estimate?
  /// E_π[P] (delta-method SE of the weighted ratio).
  public let meanPersuasiveness: Estimate?
  /// Kish's effective sample size (Σw)²/Σw² in [1, samples]: how many unweighted draws the
  /// weighted estimate is worth. When it is small (under a few hundred) the standard errors are
  /// unreliable; when the tilt does not exist (a heavy upper tail of P: Student-t, Laplace with
  /// β <= scale, logistic, Cauchy) the estimates mean nothing at all.
  public let effectiveSamples: Double
}
