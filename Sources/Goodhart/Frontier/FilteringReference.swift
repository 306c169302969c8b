/// What filtering on P reaches at a given mean persuasiveness: the reference of the Goodhart gap.
///
/// For a bivariate normal (T, P) every filter moves along the regression line
/// E[T] = μ_T + (c/σ_P²)(E[P] − μ_P), and the least KL to reach E[P] = p is the tilt's
/// ((p − μ_P)/σ_P)²/2: both exact. For other laws the filters differ, and the reference is the
/// ideal tilt's curve (the least KL for each E[P]) or, where no tilt exists (polynomial tails),
/// the quantilizer's, evaluated on the frontier's grid and interpolated linearly in E[P] between
/// its points (exact at the grid points; below the base E[P] no selection is needed; beyond the
/// curve's last point there is no value).
enum FilteringReference: Hashable, Sendable {
  /// The regression line of a bivariate normal law.
  case line(JointLaw)
  /// A policy's curve: (E[P], E[T], KL) with E[P] increasing from the base law's.
  case curve(policy: FrontierPolicy, persuasiveness: [Double], truth: [Double], kl: [Double])

  /// The mean truth filtering reaches at mean persuasiveness p (`nil` beyond the curve).
  func truth(atPersuasiveness p: Double) -> Double? {
    switch self {
    case .line(let law):
      return law.meanTruth + law.covariance / law.variancePersuasiveness * (p - law.meanPersuasiveness)
    case .curve(_, let xs, let ys, _):
      return FilteringReference.interpolate(xs, ys, at: p)
    }
  }

  /// The least KL filtering spends to reach mean persuasiveness p (0 at or below the base E[P];
  /// `nil` beyond the curve).
  func kl(atPersuasiveness p: Double) -> Double? {
    switch self {
    case .line(let law):
      let z = max(0, p - law.meanPersuasiveness) / law.standardDeviationPersuasiveness
      return 0.5 * z * z
    case .curve(_, let xs, _, let kls):
      return FilteringReference.interpolate(xs, kls, at: p)
    }
  }

  /// The frontier point of `outcome`, with its gap to the reference (a KL of −0, from −ln 1, is
  /// written as 0). Points whose means do not exist are left out (`nil`).
  func point(_ policy: FrontierPolicy, parameter: Double, outcome: SelectionOutcome) -> FrontierPoint? {
    guard let meanTruth = outcome.meanTruth, let meanPersuasiveness = outcome.meanPersuasiveness
    else { return nil }
    let onReference: Bool = if case .curve(policy, _, _, _) = self { true } else { false }
    return FrontierPoint(
      policy: policy, parameter: parameter, kl: outcome.kl + 0, meanTruth: meanTruth,
      meanPersuasiveness: meanPersuasiveness,
      goodhartGap: onReference ? Double?(0) : truth(atPersuasiveness: meanPersuasiveness).map { $0 - meanTruth })
  }

  /// The frontier point of a weight vector's outcome (its means always exist).
  func point(_ policy: FrontierPolicy, parameter: Double, weights outcome: WeightOutcome) -> FrontierPoint? {
    point(
      policy, parameter: parameter,
      outcome: SelectionOutcome(
        meanTruth: outcome.meanTruth, meanPersuasiveness: outcome.meanPersuasiveness,
        varianceTruth: nil, variancePersuasiveness: nil, kl: outcome.kl))
  }

  /// Linear interpolation of ys over increasing xs; the first value below xs[0], `nil` above the
  /// last.
  private static func interpolate(_ xs: [Double], _ ys: [Double], at x: Double) -> Double? {
    guard let first = xs.first, let last = xs.last else { return nil }
    if x <= first { return ys[0] }
    if x > last { return nil }
    var high = 1
    while xs[high] < x { high += 1 }
    let low = high - 1
    let span = xs[high] - xs[low]
    guard span > 0 else { return ys[high] }
    return ys[low] + (ys[high] - ys[low]) * (x - xs[low]) / span
  }
}
