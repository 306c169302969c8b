import Foundation

extension PersuasionKLReduction {
  /// The certified maximum off the simplex (`nonnegative` or `real` weights), where the reduction
  /// to m = E_w[P] has closed-form envelopes and a concave best J.
  ///
  /// On the slice a·w = m (only the persuasive coordinates move m and v; the others are held):
  /// - the least variance is v_lo(m) = m²/S, S = Σ a_i²/q_i over the coordinates that can carry
  ///   m (all of them on `real`; on `nonnegative` those with a_i of m's sign), at
  ///   w_i = (m/S) a_i/q_i;
  /// - the largest is unbounded when some direction keeps a·w = m and stays in the domain (always
  ///   on `real`; on `nonnegative` when a coordinate has a_i of the other sign or a_i = 0),
  ///   and otherwise v_hi(m) = m² max q_i/a_i², at the vertex (m/a_j) e_j.
  ///
  /// The best J at m is h(m) = u(m) − (β/2) ψ(clamp(σ0², v_lo, v_hi)/σ0²). Each of its three
  /// pieces is concave (u is; ψ(k m²/σ0²) = k m²/σ0² − 1 − ln(k m²/σ0²) is convex on each side of
  /// 0), and they join with equal slopes (ψ′(1) = 0), so h is concave on each interval of m where
  /// the slice is non-empty, and on the whole line when both sides are open. Bisection on the sign
  /// of h′ therefore finds its maximum; the tangents at the last bracket's ends bound it.
  ///
  /// - Parameters:
  ///   - domain: `nonnegative` or `real`.
  ///   - start: the incumbent, as the model's weights (the held coordinates keep their values).
  /// - Returns: `nil` when no persuasive coordinate has a_i ≠ 0 (m is then pinned at 0).
  func maximiseOffSimplex(domain: WeightDomain, from start: [Double]) -> GlobalMaximum? {
    let n = persuasive.count
    let (a, q) = (Array(rewards.prefix(n)), Array(spreads.prefix(n)))
    let nonnegative = domain == .nonnegative
    /// The envelopes of one sign of m: v_lo = m²/s, v_hi = m² · high (∞ when unbounded).
    func side(_ sign: Double) -> (s: Double, high: Double)? {
      let (carriers, s) = self.carriers(sign: sign, domain: domain)
      guard !carriers.isEmpty else { return nil }
      let bounded = nonnegative && (0..<n).allSatisfy { a[$0] * sign > 0 }
      let high = bounded ? carriers.map { q[$0] / (a[$0] * a[$0]) }.max() ?? 0 : Double.infinity
      return (s, high)
    }
    let sides = (negative: side(-1), positive: side(1))
    guard sides.negative != nil || sides.positive != nil else { return nil }
    /// v(m) and dv/dm of the best variance at m (nil where the slice is empty).
    func variance(_ m: Double) -> (value: Double, slope: Double)? {
      guard let envelope = m > 0 ? sides.positive : m < 0 ? sides.negative : nil else {
        // m = 0: w = 0 on a bounded side (v = 0), σ0² when both sides are open.
        let open = sides.negative?.high == .infinity && sides.positive?.high == .infinity
        return open ? (baseVariance, 0) : nil
      }
      let (low, high) = (m * m / envelope.s, m * m * envelope.high)
      if low >= baseVariance { return (low, 2 * m / envelope.s) }
      if high <= baseVariance { return (high, 2 * m * envelope.high) }
      return (baseVariance, 0)
    }
    /// h(m) and h′(m).
    func best(_ m: Double) -> (value: Double, slope: Double)? {
      guard let v = variance(m), v.value > 0 else { return nil }
      let x = v.value / baseVariance
      let value = objective(mean: m, variance: v.value)
      let slope =
        1 - beta * (m - baseMean) / baseVariance - 0.5 * beta * (1 - 1 / x) * v.slope / baseVariance
      return (value, slope)
    }
    // A bracket [low, high] with h′(low) > 0 > h′(high), from the peak of u outward (toward 0 by
    // halving on a side whose slice empties at 0, where h′ → +∞ or −∞).
    let peak = baseMean + baseVariance / beta
    let lowestMean = sides.negative == nil ? 0.0 : -Double.infinity
    let highestMean = sides.positive == nil ? 0.0 : Double.infinity
    let scale = max(abs(peak), baseVariance.squareRoot(), 1e-300)
    var x = min(max(peak, lowestMean + scale), highestMean - scale)
    if best(x) == nil { x = lowestMean == 0 ? scale : -scale }
    var (low, high) = (x, x)
    var steps = 0
    while (best(low)?.slope ?? 1) <= 0, steps < 4000 {
      low = lowestMean == 0 && low > 0 ? 0.5 * low : low - scale * pow(2, Double(steps / 2))
      steps += 1
    }
    while (best(high)?.slope ?? -1) >= 0, steps < 8000 {
      high = highestMean == 0 && high < 0 ? 0.5 * high : high + scale * pow(2, Double(steps / 2))
      steps += 1
    }
    guard let lowSlope = best(low)?.slope, lowSlope > 0, let highSlope = best(high)?.slope,
      highSlope < 0
    else { return nil }
    var iterations = 0
    while iterations < 2000 {
      let middle = 0.5 * (low + high)
      guard middle > low, middle < high, let slope = best(middle)?.slope else { break }
      if slope > 0 { low = middle } else { high = middle }
      iterations += 1
    }
    guard let left = best(low), let right = best(high) else { return nil }
    let m = left.value >= right.value ? low : high
    // The tangents at the bracket's ends (slopes of opposite signs, h concave) meet above max h.
    var upperBound = max(left.value, right.value)
    if left.slope > 0, right.slope < 0 {
      let meet = (right.value - left.value + left.slope * low - right.slope * high) / (left.slope - right.slope)
      upperBound = max(upperBound, left.value + left.slope * (meet - low))
    }
    upperBound += 1e-12 * (abs(upperBound) + abs(m) + 0.5 * beta)
    guard let target = variance(m) else { return nil }
    let point = pointOnSlice(
      mean: m, variance: target.value, domain: domain, start: persuasive.map { start[$0] })
    var weights = start
    for (k, i) in persuasive.enumerated() { weights[i] = point[k] }
    return GlobalMaximum(
      weights: weights, value: objective(mean: m, variance: target.value), upperBound: upperBound,
      nodes: iterations)
  }

  /// The persuasive coordinates that can carry a mean of sign `sign` in `domain` (every one with
  /// a_i ≠ 0 on `real`; those whose a_i has that sign on `nonnegative`), and S = Σ a_i²/q_i over
  /// them, so that v_lo(m) = m²/S.
  private func carriers(sign: Double, domain: WeightDomain) -> (indices: [Int], s: Double) {
    let indices = (0..<persuasive.count).filter {
      domain == .nonnegative ? rewards[$0] * sign > 0 : rewards[$0] != 0
    }
    return (indices, indices.reduce(0) { $0 + rewards[$1] * rewards[$1] / spreads[$1] })
  }

  /// Persuasive weights with a·w = m and Σ q_i w_i² = `variance` (between v_lo(m) and v_hi(m))
  /// in `domain`: v_lo's minimiser w_lo moved along a direction d with a·d = 0. The first choice
  /// of d is the q-orthogonal projection of start − w_lo onto a·d = 0 (on `real`, that gives the
  /// point of the slice's sphere nearest to `start`); on `nonnegative`, when that point leaves the
  /// orthant, d is a coordinate with a_i = 0, or a pair of opposite signs, or the segment to
  /// v_hi's vertex.
  func pointOnSlice(mean m: Double, variance target: Double, domain: WeightDomain, start: [Double])
    -> [Double]
  {
    let n = persuasive.count
    let (a, q) = (Array(rewards.prefix(n)), Array(spreads.prefix(n)))
    let nonnegative = domain == .nonnegative
    let sign: Double = m >= 0 ? 1 : -1
    let (carriers, s) = self.carriers(sign: sign, domain: domain)
    var lowest = [Double](repeating: 0, count: n)
    if s > 0 { for i in carriers { lowest[i] = m / s * a[i] / q[i] } }
    let low = zip(q, lowest).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
    guard target > low else { return lowest }
    /// w_lo + t d with v = target (t >= 0; at most 1 along a segment).
    func along(_ direction: [Double], segment: Bool = false) -> [Double] {
      var quadratic = 0.0
      var linear = 0.0
      for i in 0..<n {
        quadratic += q[i] * direction[i] * direction[i]
        linear += 2 * q[i] * lowest[i] * direction[i]
      }
      let gap = target - low
      let root: Double = (linear * linear + 4 * quadratic * gap).squareRoot()
      let t: Double = segment ? min(1, 2 * gap / (linear + root)) : 2 * gap / (linear + root)
      return (0..<n).map { lowest[$0] + t * direction[$0] }
    }
    func unit(_ i: Int) -> [Double] { (0..<n).map { $0 == i ? 1 : 0 } }
    /// The q-orthogonal projection of e onto a·d = 0 (over every coordinate).
    let all = (0..<n).reduce(0) { $0 + a[$1] * a[$1] / q[$1] }
    func projected(_ e: [Double]) -> [Double] {
      let c = zip(a, e).reduce(0) { $0 + $1.0 * $1.1 } / all
      return (0..<n).map { e[$0] - c * a[$0] / q[$0] }
    }
    func length(_ d: [Double]) -> Double { zip(q, d).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } }
    var nearest = projected(zip(start, lowest).map(-))
    for j in 0..<n where length(nearest) <= 1e-24 * target { nearest = projected(unit(j)) }
    let point = along(nearest)
    if !nonnegative { return point }
    if point.allSatisfy({ $0 >= -1e-15 * abs(m) }) { return point.map { max(0, $0) } }
    let fallback: [Double]
    if let k = (0..<n).first(where: { a[$0] == 0 }) {
      fallback = along(unit(k))
    } else if let j = (0..<n).first(where: { a[$0] * sign < 0 }), let i = carriers.first {
      fallback = along((0..<n).map { $0 == i ? 1 / abs(a[i]) : $0 == j ? 1 / abs(a[j]) : 0 })
    } else {
      let j = carriers.max { q[$0] / (a[$0] * a[$0]) < q[$1] / (a[$1] * a[$1]) } ?? 0
      fallback = along((0..<n).map { ($0 == j ? m / a[j] : 0) - lowest[$0] }, segment: true)
    }
    return fallback.map { max(0, $0) }
  }
}
