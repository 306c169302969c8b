import Foundation

/// The law of a sample of scores (the model file's `empirical` family): a body from the samples
/// and a generalised Pareto tail fitted on each side, so that best-of-n beyond the sample size is
/// defined.
///
/// With m >= 100 sorted samples x₁ <= … <= x_m and k = ⌈m/10⌉:
/// - the right tail lies above u_R = x_{m−k} with probability k/m, fitted to the k excesses
///   x_{m−k+i} − u_R; the left tail below u_L = x_{k+1}, fitted to u_L − x_i for i <= k
///   (`GeneralizedParetoTail`);
/// - the body between them has a piecewise-linear distribution function through the samples
///   x_{k+1}, …, x_{m−k} at levels rising linearly from k/m to 1 − k/m (at most 257 knots, evenly
///   spaced in rank; tied knots merge into one at their mean level, the end knots keeping theirs),
///   so its density is constant between knots and the law has no atom.
///
/// Every function is a closed form of these pieces, each tail evaluated directly (never as 1 − the
/// other). The law is right-oriented as written; `StandardLaw` mirrors it for `"orientation":
/// "left"`.
public final class EmpiricalLaw: Hashable, Sendable {
  /// The samples, sorted.
  public let samples: [Double]
  /// The fitted tail below the body.
  public let leftTail: GeneralizedParetoTail
  /// The fitted tail above the body.
  public let rightTail: GeneralizedParetoTail
  /// The body's knots, increasing (the first is u_L, the last u_R).
  let knots: [Double]
  /// F at each knot, from k/m to 1 − k/m (in the body 1 − F >= k/m, so Q = 1 − F keeps its
  /// digits there).
  let levels: [Double]
  /// E[X] (±∞ when a tail has ξ >= 1), computed once.
  let mean: Double
  /// Var X (∞ when a tail has ξ >= 1/2), computed once.
  let variance: Double

  /// The fewest samples accepted.
  public static let minimumCount = 100
  /// The most samples accepted.
  public static let maximumCount = 10_000_000
  /// The most knots of the body.
  static let maximumKnots = 257

  /// The law of `samples`.
  ///
  /// - Parameters:
  ///   - samples: at least 100 and at most 10⁷ finite numbers, in any order.
  ///   - field: the JSON path used in error messages (its `samples` or `file`).
  /// - Throws: `ModelError` naming `field` when there are too few or too many samples, one is not
  ///   finite, or ties leave no body or no tail to fit.
  public init(samples: [Double], field: String) throws(ModelError) {
    let m = samples.count
    guard m >= EmpiricalLaw.minimumCount, m <= EmpiricalLaw.maximumCount else {
      throw ModelError(
        field: field,
        rule: "must hold between \(EmpiricalLaw.minimumCount) and \(EmpiricalLaw.maximumCount) samples (got \(m))")
    }
    if let index = samples.firstIndex(where: { !$0.isFinite }) {
      throw ModelError(field: "\(field)[\(index)]", rule: "must be finite (got \(samples[index]))")
    }
    let x = samples.sorted()
    let k = (m + 9) / 10
    let mass = Double(k) / Double(m)
    let lowerEnd = x[k]  // x_{k+1}
    let upperEnd = x[m - k - 1]  // x_{m−k}
    guard lowerEnd < upperEnd else {
      throw ModelError(
        field: field,
        rule: "must not be all equal between the lowest and the highest tenth (all are \(lowerEnd)): the law would have no body")
    }
    guard
      let right = GeneralizedParetoTail(
        fitting: x[(m - k)...].map { $0 - upperEnd }, threshold: upperEnd, mass: mass),
      let left = GeneralizedParetoTail(
        fitting: x[..<k].map { lowerEnd - $0 }, threshold: lowerEnd, mass: mass)
    else {
      throw ModelError(
        field: field,
        rule: "must not have its highest or lowest tenth all equal to the next sample: no tail can be fitted")
    }
    // Body ranks j = k+1 … m−k (0-based k … m−k−1), at most `maximumKnots` evenly spaced.
    let first = k
    let last = m - k - 1
    let span = last - first
    let count = min(span + 1, EmpiricalLaw.maximumKnots)
    let body = 1 - 2 * mass
    let ranks = (0..<count).map { first + Int((Double($0) * Double(span) / Double(count - 1)).rounded()) }
    var knots: [Double] = []
    var levels: [Double] = []
    var start = 0
    while start < ranks.count {
      var end = start
      while end + 1 < ranks.count, x[ranks[end + 1]] == x[ranks[start]] { end += 1 }
      knots.append(x[ranks[start]])
      if start == 0 {
        levels.append(mass)
      } else if end == ranks.count - 1 {
        levels.append(1 - mass)
      } else {
        // Tied knots merge at their mean level, so the law has no atom.
        let fractions = ranks[start...end].map { Double($0 - first) / Double(span) }
        levels.append(mass + fractions.reduce(0, +) / Double(fractions.count) * body)
      }
      start = end + 1
    }
    self.samples = x
    self.leftTail = left
    self.rightTail = right
    self.knots = knots
    self.levels = levels
    (mean, variance) = EmpiricalLaw.moments(left: left, right: right, knots: knots, levels: levels)
  }

  /// The fitted tail that is Z's right tail when the law has orientation `side` (the left tail
  /// turns right when mirrored).
  func rightTail(oriented side: Distribution.Orientation) -> GeneralizedParetoTail {
    side == .right ? rightTail : leftTail
  }

  /// Two empirical laws are equal when their sorted samples are.
  public static func == (lhs: EmpiricalLaw, rhs: EmpiricalLaw) -> Bool {
    lhs === rhs || lhs.samples == rhs.samples
  }

  /// Hashes the sample count and the extreme samples.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(samples.count)
    hasher.combine(samples.first)
    hasher.combine(samples.last)
  }

  /// The index i of the body segment [knots[i], knots[i+1]] holding x (u_L <= x <= u_R).
  private func segment(holding x: Double) -> Int {
    var low = 0
    var high = knots.count - 1
    while high - low > 1 {
      let mid = (low + high) / 2
      if knots[mid] <= x { low = mid } else { high = mid }
    }
    return low
  }

  /// F at x in the body: the linear interpolation of the knots' levels.
  private func level(at x: Double) -> Double {
    let i = segment(holding: x)
    let t = (x - knots[i]) / (knots[i + 1] - knots[i])
    return levels[i] + t * (levels[i + 1] - levels[i])
  }

  /// ln g(x) (−∞ beyond a tail that ends).
  func logDensity(_ x: Double) -> Double {
    if x < leftTail.threshold { return leftTail.logDensity(excess: leftTail.threshold - x) }
    if x > rightTail.threshold { return rightTail.logDensity(excess: x - rightTail.threshold) }
    let i = segment(holding: x)
    return log((levels[i + 1] - levels[i]) / (knots[i + 1] - knots[i]))
  }

  /// The density g(x).
  func density(_ x: Double) -> Double { exp(logDensity(x)) }

  /// Q(x) = P(X > x).
  func survival(_ x: Double) -> Double {
    if x > rightTail.threshold { return rightTail.survival(excess: x - rightTail.threshold) }
    if x < leftTail.threshold { return 1 - leftTail.survival(excess: leftTail.threshold - x) }
    return 1 - level(at: x)
  }

  /// F(x) = P(X <= x).
  func cdf(_ x: Double) -> Double {
    if x < leftTail.threshold { return leftTail.survival(excess: leftTail.threshold - x) }
    if x > rightTail.threshold { return 1 - rightTail.survival(excess: x - rightTail.threshold) }
    return level(at: x)
  }

  /// ln Q(x), finite wherever Q > 0 (also where Q underflows).
  func logSurvival(_ x: Double) -> Double {
    x > rightTail.threshold
      ? rightTail.logSurvival(excess: x - rightTail.threshold) : log(survival(x))
  }

  /// ln F(x), finite wherever F > 0.
  func logCDF(_ x: Double) -> Double {
    x < leftTail.threshold ? leftTail.logSurvival(excess: leftTail.threshold - x) : log(cdf(x))
  }

  /// The x with Q(x) = q, for q in (0, 1), accurate for tiny q.
  func upperQuantile(_ q: Double) -> Double {
    q <= rightTail.mass ? rightTail.threshold + rightTail.excess(atSurvival: q) : lowerQuantile(1 - q)
  }

  /// The x with F(x) = p, for p in (0, 1), accurate for tiny p.
  func lowerQuantile(_ p: Double) -> Double {
    if p <= leftTail.mass { return leftTail.threshold - leftTail.excess(atSurvival: p) }
    if p >= 1 - rightTail.mass { return upperQuantile(1 - p) }
    // The body point where the interpolated levels equal p.
    var low = 0
    var high = knots.count - 1
    while high - low > 1 {
      let mid = (low + high) / 2
      if levels[mid] <= p { low = mid } else { high = mid }
    }
    let t = (p - levels[low]) / (levels[high] - levels[low])
    return knots[low] + min(max(t, 0), 1) * (knots[high] - knots[low])
  }

  /// E[X] and Var X: each tail's mass times (threshold ± mean excess) and its second moment
  /// about the mean, and the body's uniform segments; ±∞ when a tail has ξ >= 1 (the variance
  /// ∞ from ξ >= 1/2).
  private static func moments(
    left: GeneralizedParetoTail, right: GeneralizedParetoTail, knots: [Double], levels: [Double]
  ) -> (mean: Double, variance: Double) {
    var mean = right.mass * (right.threshold + right.meanExcess)
    mean += left.mass * (left.threshold - left.meanExcess)
    for i in 0..<(knots.count - 1) {
      mean += (levels[i + 1] - levels[i]) * 0.5 * (knots[i] + knots[i + 1])
    }
    guard mean.isFinite else { return (mean, .infinity) }
    func tail(_ t: GeneralizedParetoTail, sign: Double) -> Double {
      let d = t.threshold - mean
      return t.mass * (d * d + 2 * sign * d * t.meanExcess + t.secondMomentExcess)
    }
    var variance = tail(right, sign: 1) + tail(left, sign: -1)
    for i in 0..<(knots.count - 1) {
      let (a, b) = (knots[i] - mean, knots[i + 1] - mean)
      variance += (levels[i + 1] - levels[i]) * (a * a + a * b + b * b) / 3
    }
    return (mean, variance)
  }

  /// Σ over the body's segments of ∫ (y − c)^j e^{u y − h₀} g(y) dy for j = 0, 1, 2, in closed
  /// form (g is constant on each segment), for the law or (`mirrored`) its mirror image, whose
  /// segments are the negated ones.
  ///
  /// Each segment is anchored at its end where e^{u y} is larger, so with x = −|u| L <= 0 (L the
  /// segment's length) ∫₀^L s^k e^{−|u| s} ds = L^{k+1} φ_k(x), φ_k(x) = ∫₀¹ t^k e^{x t} dt, by its
  /// series for |x| < 1 and by φ₀ = expm1(x)/x, φ_k = (e^x − k φ_{k−1})/x beyond: nothing
  /// overflows or cancels.
  func bodyExponentialMoments(rate u: Double, about c: Double, logScale h0: Double, mirrored: Bool)
    -> (Double, Double, Double)
  {
    func phi(_ x: Double) -> (Double, Double, Double) {
      if abs(x) < 1 {
        var (p0, p1, p2) = (0.0, 0.0, 0.0)
        var term = 1.0  // x^n / n!
        for n in 0..<30 {
          let m = Double(n)
          p0 += term / (m + 1)
          p1 += term / (m + 2)
          p2 += term / (m + 3)
          term *= x / (m + 1)
        }
        return (p0, p1, p2)
      }
      let e = exp(x)
      let p0 = expm1(x) / x
      let p1 = (e - p0) / x
      return (p0, p1, (e - 2 * p1) / x)
    }
    var totals = (0.0, 0.0, 0.0)
    for i in 0..<(knots.count - 1) {
      let (a, b) = mirrored ? (-knots[i + 1], -knots[i]) : (knots[i], knots[i + 1])
      let length = b - a
      let density = (levels[i + 1] - levels[i]) / (knots[i + 1] - knots[i])
      // Anchor at the end where u y is larger; s runs from it into the segment.
      let (anchor, sign) = u >= 0 ? (b, -1.0) : (a, 1.0)
      let weight = density * exp(u * anchor - h0)
      guard weight > 0 else { continue }
      let (p0, p1, p2) = phi(-abs(u) * length)
      let delta = anchor - c
      let l1 = length * p0
      let l2 = length * length * p1
      let l3 = length * length * length * p2
      totals.0 += weight * l1
      totals.1 += weight * (delta * l1 + sign * l2)
      totals.2 += weight * (delta * delta * l1 + 2 * sign * delta * l2 + l3)
    }
    return totals
  }

  /// The body's knots and the tails' thresholds: the points where the density has a jump.
  var breakpoints: [Double] { knots }

  /// One draw by inversion of a uniform on (0, 1).
  func draw(using source: inout RandomSource) -> Double {
    let u = source.uniform()
    return u > 0.5 ? upperQuantile(1 - u) : lowerQuantile(u)
  }
}
