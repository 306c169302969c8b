import Foundation

extension TiltCumulant {
  /// (K, K′, K″) at θ of W = σY by quadrature, for a law with a finite moment generating function
  /// and no closed form (a left lognormal, Lomax or Weibull, a right Weibull k > 1, an empirical
  /// law whose fitted tail on the right ends).
  ///
  /// With u = σθ and h(y) = u y + ln g(y), the tilted law of Y has density ∝ e^{h}. Its mode y*
  /// is found on the law's quantiles (and beyond the last while h rises) and refined by golden
  /// sections; then m_j = ∫ (y − y*)^j e^{h(y) − h(y*)} dy for j = 0, 1, 2, cut at y*, at the ends
  /// of the support and at the law's breakpoints (`PiecewiseIntegral`, 1e-10 relative), give
  /// K = h(y*) + ln m₀, K′ = σ (y* + m₁/m₀) and K″ = σ² (m₂/m₀ − (m₁/m₀)²). Every factor is at
  /// most 1 near the mode, so nothing overflows however large θ is.
  ///
  /// - Returns: ∞ three times when a quadrature fails (the caller's root search then stays below).
  static func byQuadrature(
    _ law: StandardLaw, scale: Double, _ theta: Double, bodyInClosedForm: Bool = true
  ) -> (value: Double, derivative: Double, second: Double) {
    let u = scale * theta
    if case .weibull(let k, .left) = law.family, k < 1 {
      return leftWeibull(shape: k, scale: scale, rate: u)
    }
    func h(_ y: Double) -> Double {
      let logDensity = law.logDensity(y)
      return logDensity == -.infinity ? -.infinity : u * y + logDensity
    }
    let low = law.lowerQuantile(1e-300)
    let high = law.upperQuantile(1e-300)
    var candidates = [1e-12, 1e-6, 1e-3, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999]
      .map { law.lowerQuantile($0) }
    candidates += [1e-3, 1e-6, 1e-12, 1e-30, 1e-100].map { law.upperQuantile($0) }
    var best = candidates.indices.max { h(candidates[$0]) < h(candidates[$1]) }!
    // A light right tail tilted hard peaks beyond every quantile: walk on while h rises.
    if best == candidates.count - 1 {
      var step = max(1, abs(candidates[best]))
      while h(candidates[best] + step) > h(candidates[best]), candidates[best] + step < 1e300 {
        candidates.append(candidates[best] + step)
        best = candidates.count - 1
        step *= 2
      }
    }
    let sorted = candidates.sorted()
    let position = sorted.firstIndex(of: candidates[best])!
    let refined = GoldenSection.maximum(
      low: sorted[max(position - 1, 0)], high: sorted[min(position + 1, sorted.count - 1)], width: 1e-12,
      rounds: 100, h)
    let mode = refined.value > h(candidates[best]) ? refined.point : candidates[best]
    let peak = h(mode)
    guard peak.isFinite else { return (.infinity, .infinity, .infinity) }
    // The peak's width: where h falls by 1/2 on the side that falls slower, found by doubling.
    var width = 1e-6 * max(1, abs(mode))
    while width < 1e300, h(mode + width) > peak - 0.5 || h(mode - width) > peak - 0.5 { width *= 2 }
    // Cuts at mode ± 4^j widths, so no piece is much longer than its distance from the peak
    // (an interval of 10⁹ widths would hide the peak between the rule's nodes).
    // An empirical law's body (constant density between knots) in closed form
    // (`EmpiricalLaw.bodyExponentialMoments`); the quadrature then covers its tails only.
    var body: (lower: Double, upper: Double, law: EmpiricalLaw)? = nil
    if bodyInClosedForm, case .empirical(let empirical, let side) = law.family {
      let (lower, upper) = (empirical.leftTail.threshold, empirical.rightTail.threshold)
      body = side == .right ? (lower, upper, empirical) : (-upper, -lower, empirical)
    }
    var breaks = [mode] + (body.map { [$0.lower, $0.upper] } ?? law.breakpoints) + [low, high].filter(\.isFinite)
    for j in 0..<30 {
      let reach = width * pow(4, Double(j))
      breaks += [mode - reach, mode + reach].filter { y in
        y > low && y < high && !(body.map { y > $0.lower && y < $0.upper } ?? false)
      }
    }
    var integral = PiecewiseIntegral(breaks: breaks, width: width)
    integral.operation = "quadrature of a persona's cumulant generating function"
    // The peak holds at least about its width times e^{−1/2}: each moment accepts an absolute
    // error of 1e-13 of that (times the width's powers), so the far pieces cost little.
    func moment(_ power: Int) -> Double? {
      try? integral.integrate(absoluteTolerance: 1e-13 * pow(width, Double(power + 1))) { y in
        if let body, y > body.lower, y < body.upper { return 0 }
        let weight = exp(h(y) - peak)
        guard weight > 0 else { return 0 }
        let offset = y - mode
        return power == 0 ? weight : (power == 1 ? offset * weight : offset * offset * weight)
      }
    }
    guard var m0 = moment(0), var m1 = moment(1), var m2 = moment(2) else {
      return (.infinity, .infinity, .infinity)
    }
    if let body, case .empirical(_, let side) = law.family {
      let closed = body.law.bodyExponentialMoments(rate: u, about: mode, logScale: peak, mirrored: side == .left)
      (m0, m1, m2) = (m0 + closed.0, m1 + closed.1, m2 + closed.2)
    }
    guard m0 > 0 else { return (.infinity, .infinity, .infinity) }
    let shift = m1 / m0
    return (peak + log(m0), scale * (mode + shift), scale * scale * max(0, m2 / m0 - shift * shift))
  }

  /// (K, K′, K″) of W = −σ V^{1/k} with V ~ Exp(1) (a left Weibull with k < 1, whose density is
  /// unbounded at 0): in the variable v the moments E[(−V^{1/k})^j e^{−u V^{1/k}}] =
  /// ∫ (−v^{1/k})^j e^{−v − u v^{1/k}} dv (u = σθ) have smooth, bounded integrands, cut at
  /// v = c 4^j with c = min(1, u^{−k}) where the tilt concentrates the mass.
  private static func leftWeibull(shape k: Double, scale: Double, rate u: Double)
    -> (value: Double, derivative: Double, second: Double)
  {
    let reach = min(1, pow(u, -k))
    var integral = PiecewiseIntegral(
      breaks: [0] + (0..<20).map { reach * pow(4, Double($0)) }, width: reach)
    integral.operation = "quadrature of a left Weibull persona's cumulant generating function"
    func moment(_ power: Double) -> Double? {
      try? integral.integrate { v in
        guard v > 0 else { return 0 }
        let w = pow(v, 1 / k)
        return pow(-w, power) * exp(-v - u * w)
      }
    }
    guard let m0 = moment(0), let m1 = moment(1), let m2 = moment(2), m0 > 0 else {
      return (.infinity, .infinity, .infinity)
    }
    let mean = m1 / m0
    return (log(m0), scale * mean, scale * scale * max(0, m2 / m0 - mean * mean))
  }
}
