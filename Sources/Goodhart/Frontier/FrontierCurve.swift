/// One policy's frontier: its points in order of increasing KL.
public struct FrontierCurve: Hashable, Sendable {
  /// The policy.
  public let policy: FrontierPolicy
  /// The points, KL increasing.
  public let points: [FrontierPoint]
  /// E[T] under the base law, from which gains are measured.
  public let baseMeanTruth: Double

  /// Creates a curve.
  public init(policy: FrontierPolicy, points: [FrontierPoint], baseMeanTruth: Double) {
    self.policy = policy
    self.points = points
    self.baseMeanTruth = baseMeanTruth
  }

  /// Fits an overoptimisation form to this curve's truth gain E[T] − E_0[T] against d = sqrt(KL)
  /// (points with infinite KL are left out).
  ///
  /// - Throws: `FittingError` when fewer than 3 points with 0 < KL < ∞ remain, or the solver fails.
  /// - Complexity: O(points × solver iterations).
  public func fit(_ form: OveroptimisationForm) throws(FittingError) -> OveroptimisationFit {
    let finite = points.filter { $0.kl.isFinite }
    return try OveroptimisationFit(
      form, distances: finite.map(\.distance),
      gains: finite.map { $0.meanTruth - baseMeanTruth })
  }
}
