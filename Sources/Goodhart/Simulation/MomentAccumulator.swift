/// Streaming power sums of centred (t, p) up to order four, enough for the means, variances and
/// covariance and for their standard errors.
///
/// Every draw is centred on the same shift (the law's location), so the sums are plain additions.
/// A block of draws is summed in two lanes (draws 0, 2, 4, … and 1, 3, 5, …, each sum a
/// `SIMD2<Double>`); chunks are merged by adding their sums in chunk order, and the lanes are added
/// only at the end (a two-level summation: relative rounding error about
/// (chunk size + chunk count) · ε, and the same bits whatever the thread count). Central moments
/// are recovered at the end from the raw moments about the shift, which is close to the mean, so
/// no catastrophic cancellation occurs.
struct MomentAccumulator: Sendable {
  /// The number of draws; `add` leaves it alone (the chunk adds its draw count once, with
  /// `addCount`).
  private(set) var count = 0.0
  private var t = SIMD2<Double>(), p = SIMD2<Double>()
  private var tt = SIMD2<Double>(), pp = SIMD2<Double>(), tp = SIMD2<Double>()
  private var ttt = SIMD2<Double>(), ppp = SIMD2<Double>()
  private var ttp = SIMD2<Double>(), tpp = SIMD2<Double>()
  private var tttt = SIMD2<Double>(), pppp = SIMD2<Double>(), ttpp = SIMD2<Double>()

  /// Adds `count` centred draws, (truth[i], persuasiveness[i]) for i < count.
  mutating func add(
    truth: UnsafePointer<Double>, persuasiveness: UnsafePointer<Double>, count: Int
  ) {
    // Local sums, so that they can stay in registers through the loop.
    var (t, p, tt, pp, tp) = (self.t, self.p, self.tt, self.pp, self.tp)
    var (ttt, ppp, ttp, tpp) = (self.ttt, self.ppp, self.ttp, self.tpp)
    var (tttt, pppp, ttpp) = (self.tttt, self.pppp, self.ttpp)
    @inline(__always) func add(_ x: SIMD2<Double>, _ y: SIMD2<Double>) {
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
    var index = 0
    let truthBytes = UnsafeRawPointer(truth)
    let persuasivenessBytes = UnsafeRawPointer(persuasiveness)
    while index &+ 1 < count {
      add(
        truthBytes.loadUnaligned(fromByteOffset: index &* 8, as: SIMD2<Double>.self),
        persuasivenessBytes.loadUnaligned(fromByteOffset: index &* 8, as: SIMD2<Double>.self))
      index &+= 2
    }
    // An odd last draw goes to lane 0, with a zero in lane 1, which adds nothing to any sum.
    if index < count { add(SIMD2(truth[index], 0), SIMD2(persuasiveness[index], 0)) }
    (self.t, self.p, self.tt, self.pp, self.tp) = (t, p, tt, pp, tp)
    (self.ttt, self.ppp, self.ttp, self.tpp) = (ttt, ppp, ttp, tpp)
    (self.tttt, self.pppp, self.ttpp) = (tttt, pppp, ttpp)
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
    let (t, p, tt, pp, tp) = (t.sum(), p.sum(), tt.sum(), pp.sum(), tp.sum())
    let (ttt, ppp, ttp, tpp) = (ttt.sum(), ppp.sum(), ttp.sum(), tpp.sum())
    let (tttt, pppp, ttpp) = (tttt.sum(), pppp.sum(), ttpp.sum())
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
