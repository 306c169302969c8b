/// Streaming sums for the means of (t, p) over the draws that pass a 0/1 weight: the selected
/// draws of a window, or the winners of best-of-n trials.
///
/// The weight enters multiplicatively (no branch on the data), so a filter that keeps half the
/// draws costs no branch mispredictions. Merged by adding sums in chunk order.
struct MeanAccumulator: Sendable {
  /// Σ weight: the number of selected draws (exact up to 2^53).
  private(set) var count = 0.0
  private var t = 0.0, p = 0.0, tt = 0.0, pp = 0.0

  /// Adds a draw with weight 1 (kept) or 0 (dropped).
  @inline(__always)
  mutating func add(truth x: Double, persuasiveness y: Double, weight: Double = 1) {
    let wx = weight * x
    let wy = weight * y
    count += weight
    t += wx
    p += wy
    tt += wx * x
    pp += wy * y
  }

  /// Adds the draws of a block that fall in [lower, upper] (centred bounds on p), each with
  /// weight 1, the others with weight 0.
  mutating func add(
    truth: UnsafePointer<Double>, persuasiveness: UnsafePointer<Double>, count: Int,
    within bounds: (lower: Double, upper: Double)
  ) {
    for index in 0..<count {
      let y = persuasiveness[index]
      let inside = y >= bounds.lower && y <= bounds.upper
      add(truth: truth[index], persuasiveness: y, weight: inside ? 1 : 0)
    }
  }

  /// Adds another chunk's sums (call in chunk order).
  mutating func merge(_ other: MeanAccumulator) {
    count += other.count
    t += other.t
    p += other.p
    tt += other.tt
    pp += other.pp
  }

  /// The means of the selected draws, shifted back: x̄ with SE s/√k (k selected draws, s the
  /// unbiased standard deviation). `nil` when nothing was selected; the SE is +infinity when k = 1.
  ///
  /// For a window this is the ratio estimator Σ 1{kept} T / Σ 1{kept}; its delta-method variance
  /// Var[T | kept] / (n · acceptance) is exactly s²/k with k = n · acceptance.
  func means(shift: (truth: Double, persuasiveness: Double)) -> (
    truth: Estimate?, persuasiveness: Estimate?
  ) {
    guard count > 0 else { return (nil, nil) }
    let k = count
    let a = t / k
    let b = p / k
    let spread = { (sumOfSquares: Double, mean: Double) -> Double in
      guard k > 1 else { return .infinity }
      return (max(0, sumOfSquares / k - mean * mean) * k / (k - 1) / k).squareRoot()
    }
    return (
      .checked(shift.truth + a, spread(tt, a)),
      .checked(shift.persuasiveness + b, spread(pp, b))
    )
  }
}
