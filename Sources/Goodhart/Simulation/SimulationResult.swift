/// Everything one Monte Carlo run estimated.
public struct SimulationResult: Hashable, Sendable {
  /// The number of (T, P) draws behind `moments` and `windows`.
  public let samples: Int
  /// The seed.
  public let seed: UInt64
  /// Means, variances and covariance of (T, P).
  public let moments: SimulatedMoments
  /// One entry per requested window, in request order.
  public let windows: [SimulatedWindowSelection]
  /// One entry per requested best-of-n experiment, in request order.
  public let bestOfN: [SimulatedBestOfN]
  /// One entry per requested tilt temperature, in request order.
  public let tilts: [SimulatedTilt]
}
