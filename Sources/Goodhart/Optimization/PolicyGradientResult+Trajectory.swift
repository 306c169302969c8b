extension PolicyGradientResult {
  /// Early stopping with the truth in hand: the first logged trajectory point with the highest
  /// E[T]. Training on P alone moves E[T] along a path; this is where a run stopped by an oracle
  /// of truth would end (`nil` only for an empty trajectory).
  public var earlyStop: TrajectoryPoint? {
    var best: TrajectoryPoint?
    for point in trajectory where point.outcome.meanTruth > best?.outcome.meanTruth ?? -.infinity {
      best = point
    }
    return best
  }

  /// One of Gao, Schulman & Hilton's (2022) forms fitted along the training run: truth gain
  /// E[T] − E[T] at step 0 against d = sqrt(KL) at each logged point with finite KL. This is the
  /// object their RL form describes (one run, KL growing with the steps), unlike a sweep of
  /// optima over β.
  ///
  /// - Throws: `FittingError` when the trajectory has too few distinct points for a fit.
  public func fit(_ form: OveroptimisationForm) throws(FittingError) -> OveroptimisationFit {
    let start = trajectory.first?.outcome.meanTruth ?? 0
    let finite = trajectory.filter { $0.outcome.kl.isFinite }
    return try OveroptimisationFit(
      form, distances: finite.map { max(0, $0.outcome.kl).squareRoot() },
      gains: finite.map { $0.outcome.meanTruth - start })
  }
}
