/// Streaming power sums of centred (t, p) up to order four, enough for the means, variances and
/// covariance and for their standard errors.
///
/// Every draw is centred on the same shift (the law's location), so the sums are plain additions:
/// a chunk sums its own draws, and chunks are merged by adding their sums in chunk order
/// (a two-level summation: relative rounding error about (chunk size + chunk count) · ε, and the
/// same bits whatever the thread count). Central moments are recovered at the end from the raw
/// moments about the shift, which is close to the mean, so no catastrophic cancellation occurs.
struct MomentAccumulator: Sendable {
  /// The number of draws; `add` leaves it alone (the chunk adds its draw count once, with
  /// `addCount`), which keeps one addition out of the sampling loop.
  private(set) var count = 0.0
  private var t = 0.0, p = 0.0
  private var tt = 0.0, pp = 0.0, tp = 0.0
  private var ttt = 0.0, ppp = 0.0, ttp = 0.0, tpp = 0.0
  private var tttt = 0.0, pppp = 0.0, ttpp = 0.0

  /// Adds one centred draw.
  @inline(__always)
  mutating func add(truth x: Double, persuasiveness y: Double) {
    let xx = x * x
    let yy = y * y
    let xy = x * y
    t += x
    p += y
    tt += xx
    pp += yy
    tp += xy
    ttt += xx * x
    ppp += yy * y
    ttp += xx * y
    tpp += x * yy
    tttt += xx * xx
    pppp += yy * yy
    ttpp += xy * xy
  }

  /// Records that `draws` more draws were added.
  mutating func addCount(_ draws: Int) { count += Double(draws) }

  /// Adds another chunk's sums (call in chunk order).
  mutating func merge(_ other: MomentAccumulator) {
    count += other.count
    t += other.t
    p += other.p
    tt += other.tt
    pp += other.pp
    tp += other.tp
    ttt += other.ttt
    ppp += other.ppp
    ttp += other.ttp
    tpp += other.tpp
    tttt += other.tttt
    pppp += other.pppp
    ttpp += other.ttpp
  }

  /// The estimates, shifted back.
  ///
  /// Means: x̄ with SE s/√n. Variances: the unbiased s² with SE sqrt((m₄ − m₂²)/n), m_k the central
  /// sample moments (the delta method; exact to O(1/n²) for any law with a fourth moment).
  /// Covariance: the unbiased s_TP with SE sqrt((m₂₂ − m₁₁²)/n), m₂₂ the sample mean of
  /// (t − t̄)²(p − p̄)². Needs count >= 2.
  func moments(shift: (truth: Double, persuasiveness: Double)) -> SimulatedMoments {
    let n = count
    let a = t / n
    let b = p / n
    let ett = tt / n, epp = pp / n, etp = tp / n
    let m2t = max(0, ett - a * a)
    let m2p = max(0, epp - b * b)
    let m11 = etp - a * b
    let m4t = tttt / n - 4 * a * ttt / n + 6 * a * a * ett - 3 * a * a * a * a
    let m4p = pppp / n - 4 * b * ppp / n + 6 * b * b * epp - 3 * b * b * b * b
    let m22 =
      ttpp / n - 2 * b * ttp / n - 2 * a * tpp / n + b * b * ett + a * a * epp + 4 * a * b * etp
      - 3 * a * a * b * b
    let unbiased = n / (n - 1)
    let varianceTruth = m2t * unbiased
    let variancePersuasiveness = m2p * unbiased
    return SimulatedMoments(
      meanTruth: .checked(shift.truth + a, (varianceTruth / n).squareRoot()),
      meanPersuasiveness: .checked(
        shift.persuasiveness + b, (variancePersuasiveness / n).squareRoot()),
      varianceTruth: .checked(varianceTruth, (max(0, m4t - m2t * m2t) / n).squareRoot()),
      variancePersuasiveness: .checked(
        variancePersuasiveness, (max(0, m4p - m2p * m2p) / n).squareRoot()),
      covariance: .checked(m11 * unbiased, (max(0, m22 - m11 * m11) / n).squareRoot()))
  }
}
