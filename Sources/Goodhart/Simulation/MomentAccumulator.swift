import CKernels

/// Streaming power sums of centred (t, p) up to order four, enough for the means, variances and
/// covariance and for their standard errors.
///
/// Every draw is centred on the same shift (the law's location), so the sums are plain additions.
/// A block of draws is summed in four lanes (draw i to lane i mod 4) by the C kernel
/// `goodhart_add_power_sums`, which runs in AVX2 registers where the machine has them and gives the
/// same bits where it does not. Chunks are merged by adding their sums lane by lane in chunk order,
/// and the lanes are added only at the end (a two-level summation: relative rounding error about
/// (chunk size + chunk count) · ε, and the same bits whatever the thread count). Central moments
/// are recovered at the end from the raw moments about the shift, which is close to the mean, so
/// no catastrophic cancellation occurs.
struct MomentAccumulator: Sendable {
  /// The number of draws; `add` leaves it alone (the chunk adds its draw count once, with
  /// `addCount`).
  private(set) var count = 0.0
  /// The power sums by lane: sum k of lane l at [4k + l], k in the order of `PowerSum`.
  private var sums = [Double](repeating: 0, count: PowerSum.allCases.count * Self.lanes)
  private static let lanes = Int(GOODHART_POWER_SUM_LANES)

  /// The twelve power sums, in the kernel's order.
  private enum PowerSum: Int, CaseIterable {
    case t, p, tt, pp, tp, ttt, ppp, ttp, tpp, tttt, pppp, ttpp
  }

  /// Adds `count` centred draws, (truth[i], persuasiveness[i]) for i < count. Blocks of a multiple
  /// of four draws keep draw i of the chunk in lane i mod 4.
  mutating func add(
    truth: UnsafePointer<Double>, persuasiveness: UnsafePointer<Double>, count: Int
  ) {
    sums.withUnsafeMutableBufferPointer {
      goodhart_add_power_sums($0.baseAddress!, truth, persuasiveness, count)
    }
  }

  /// Records that `draws` more draws were added.
  mutating func addCount(_ draws: Int) { count += Double(draws) }

  /// Adds another chunk's sums (call in chunk order).
  mutating func merge(_ other: MomentAccumulator) {
    count += other.count
    for index in sums.indices { sums[index] += other.sums[index] }
  }

  /// Sum `k` over the lanes, in a fixed order.
  private func total(_ k: PowerSum) -> Double {
    let base = k.rawValue * MomentAccumulator.lanes
    return (sums[base] + sums[base + 1]) + (sums[base + 2] + sums[base + 3])
  }

  /// The estimates, shifted back.
  ///
  /// Means: x̄ with SE s/√n. Variances: the unbiased s² with SE sqrt((m₄ − m₂²)/n), m_k the central
  /// sample moments (the delta method; exact to O(1/n²) for any law with a fourth moment).
  /// Covariance: the unbiased s_TP with SE sqrt((m₂₂ − m₁₁²)/n), m₂₂ the sample mean of
  /// (t − t̄)²(p − p̄)². Needs count >= 2.
  func moments(shift: (truth: Double, persuasiveness: Double)) -> SimulatedMoments {
    let n = count
    let (t, p, tt, pp, tp) = (total(.t), total(.p), total(.tt), total(.pp), total(.tp))
    let (ttt, ppp, ttp, tpp) = (total(.ttt), total(.ppp), total(.ttp), total(.tpp))
    let (tttt, pppp, ttpp) = (total(.tttt), total(.pppp), total(.ttpp))
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
