import Foundation

/// The law of a sum S = U + V of two independent components by nested quadrature, on s >= 0
/// (the law of S at s < 0 is that of the mirrored sum −S at −s: `mirrored`).
///
/// Given S = s exactly one of V <= s/2 or U < s/2 holds, so every integral over the line splits
/// into two half-line integrals, one per summand A ∈ {U, V} with B the other one:
/// - density f_S(s) = Σ_A ∫_{−∞}^{s/2} f_A(a) f_B(s − a) da,
/// - tail Q_S(s) = Σ_A ∫_{−∞}^{s/2} f_A(a) Q_B(s − a) da + Q_U(s/2) Q_V(s/2),
/// - moments E[W · 1{S ∈ ds}]/ds (W = U or V, so E[W | S = s] = that / f_S(s)) likewise with the
///   factor w(a, s − a) inside.
/// In each half-line integral the mass sits where A is near its centre (its median, 0) and B
/// carries the rest of s (the two bumps of a heavy-tailed sum), so with a = σ_A z it is integrated
/// over z <= 0 in the variable t = ln(1 − z) and over 0 <= z <= s/(2σ_A) in t = ln(1 + z), which
/// resolves a bump of width 1 at z = 0 and a tail reaching z = 10^6 alike. Each piece is clipped to
/// where its integrand can be non-zero (the supports of skewed laws end), so a density that jumps
/// or is unbounded at the end of its support sits at the end of a piece. Each integral also
/// accepts an absolute error 10^−13 times a lower bound of the result, so pieces that underflow
/// cannot stall GSL.
struct Convolution: CentredSum {
  /// The first summand.
  let u: PersuasionComponent
  /// The second summand.
  let v: PersuasionComponent

  /// Relative tolerance of every inner integral (the outer ones ask 10^−9 of results built on
  /// them).
  static let relativeTolerance = 1e-10

  /// The tail and density by fixed rules over the normal or Laplace summand, where one is normal
  /// or Laplace and the other analytic in a strip, or one is Laplace and the other normal or
  /// Laplace (`nil` otherwise); where it declines, the adaptive quadrature below.
  let kernel: KernelQuadrature?

  /// The same by fixed rules over a lognormal summand's normal variable, where the other is
  /// normal (`nil` otherwise).
  let lognormal: LognormalQuadrature?

  /// The pair (order is irrelevant to the results); `kernelPass: false` leaves every value to
  /// the adaptive quadrature (the tests compare the two routes).
  init(_ first: PersuasionComponent, _ second: PersuasionComponent, kernelPass: Bool = true) {
    (u, v) = (first, second)
    kernel = kernelPass ? KernelQuadrature(first, second) : nil
    lognormal = kernelPass ? LognormalQuadrature(first, second) : nil
  }

  /// Q_S(s), f_S(s) and (when `truth`) the truth values from one pass of `kernel` or `lognormal`
  /// (`nil` where there is none or it declines).
  func tailAndDensity(_ s: Double, truth: Bool) -> PassValues? {
    kernel?.values(at: s, truth: truth) ?? lognormal?.values(at: s, truth: truth)
  }

  /// Which summand of S = U + V.
  enum Summand { case u, v }

  /// −S = (−U) + (−V), whose functions at −s give this sum's at s < 0 (the sum itself when both
  /// components are symmetric).
  var mirrored: any CentredSum {
    Convolution(u.mirrored, v.mirrored, kernelPass: kernel != nil || lognormal != nil)
  }

  /// U and V.
  var components: [PersuasionComponent] { [u, v] }

  /// The half-line integrator for `quadrature`: QAGS on finite pieces when a summand's density is
  /// singular where its support ends.
  private func integrator(_ quadrature: Quadrature) -> HalfLineIntegrator {
    HalfLineIntegrator(quadrature: quadrature, singularEnds: hasSingularEnds)
  }

  /// Q_S(s) for s >= 0, accurate relative to itself far in the right tail.
  ///
  /// Q_S(s) = ∫ f_A(a) Q_B(s − a) da = Q_A(s) − ∫_s^∞ f_A(a) F_B(s − a) da
  /// + ∫_{−∞}^s f_A(a) Q_B(s − a) da (Q_B(−x) = 1 − F_B(−x); the subtracted part is at most half
  /// of Q_A(s), as B is centred at its median, so nothing cancels), with B the summand whose tail
  /// is cheap (GSL's Student-t tail is an incomplete beta function; every other tail is
  /// closed-form). The last integral is split at a = 0 and a = s/2, each finite piece in a
  /// logarithmic variable anchored at the end where its mass sits; the one beyond s is scaled by
  /// the width over which it decays. Where A's mass crowds an end of its support
  /// (`crowdsItsEnd`: both summands' do), the pieces at that end are taken in A's probability
  /// variable instead, from its median to the end.
  func tail(_ s: Double) throws(NumericalError) -> Double {
    if let values = tailAndDensity(s, truth: false) { return values.tail }
    // A's density is integrated, B's tail only evaluated: A is one whose mass does not crowd an
    // end of its support if there is one (`crowdsItsEnd`), else one without a Student-t tail.
    let (a, b) =
      u.crowdsItsEnd != v.crowdsItsEnd
      ? (u.crowdsItsEnd ? (v, u) : (u, v))
      : v.law.isStudentT && !u.law.isStudentT ? (v, u) : (u, v)
    let bound = 0.5 * max(u.survival(s / u.scale), v.survival(s / v.scale))
    let quadrature = Quadrature(
      absoluteTolerance: max(1e-13 * bound, Double.leastNormalMagnitude),
      relativeTolerance: Convolution.relativeTolerance, limit: 200, rule: .gauss21,
      operation: "quadrature of the tail of persuasiveness")
    let halfLine = integrator(quadrature)
    let (scaleA, scaleB) = (a.scale, b.scale)
    let rest: (Double) -> Double = { z in b.survival((s - scaleA * z) / scaleB) }
    let integrand: (Double) -> Double = { z in a.density(z) * rest(z) }
    let end = s / scaleA
    // Where f_A(z) Q_B(s − σ_A z) can be non-zero: A's support, with B below its upper end.
    let lowest = max(a.support.lower, (s - scaleB * b.support.upper) / scaleA)
    let highest = a.support.upper
    let ratio = scaleB / scaleA
    let mirror = b.mirrored
    // Q_B bends where B's support starts (sharply when B's mass crowds there).
    let cuts = Convolution.cuts(a, b, at: s) + [(s - scaleB * b.support.lower) / scaleA].filter(\.isFinite)
    let crowdedBelow = a.crowdsItsEnd && lowest == a.support.lower && lowest.isFinite
    let below: Double =
      crowdedBelow
      ? try halfLine.probability(of: a, rest, from: lowest, to: 0, cuts: cuts)
      : try halfLine.belowCentre(integrand, reach: -a.lowerQuantile(1e-30), above: lowest, cuts: cuts)
    if a.crowdsItsEnd && highest.isFinite {
      // A's mass crowds its upper end: everything above A's median in its probability variable.
      return try below
        + halfLine.probability(of: a, rest, from: max(0, lowest), to: highest, cuts: cuts)
    }
    var total = a.survival(end)
    // ∫_s^∞ f_A(a) F_B(s − a) da, up to A's upper end and the point below B's support.
    let beyond = min(highest, (s - scaleB * b.support.lower) / scaleA)
    if beyond > end {
      let width = min(Convolution.reciprocalHazard(a, end), ratio * Convolution.reciprocalHazard(mirror, 0))
      let decay: (Double) -> Double = { y in
        let z = end + width * y
        return a.density(z) * mirror.survival(width * y / ratio)
      }
      let reach = (beyond - end) / width
      let beyondCuts = cuts.map { ($0 - end) / width }.filter { $0 > 0 && $0 < reach }
      // Past the last cut (if any) the infinite piece is smooth.
      let finiteEnd = reach.isFinite ? reach : beyondCuts.max() ?? 0
      var decayed = finiteEnd > 0 ? try halfLine.finite(decay, from: 0, to: finiteEnd, cuts: beyondCuts) : 0
      if !reach.isFinite {
        decayed += try HalfLineIntegrator.tolerant(quadrature) { rule throws(NumericalError) in
          try rule.integrate(decay, from: finiteEnd).value
        }
      }
      total -= width * decayed
    }
    total += below
    total += try halfLine.aboveCentre(integrand, to: min(0.5 * end, highest), above: lowest, cuts: cuts)
    // [s/2, s] in the variable t = ln(1 + s/σ_A − z), anchored at z = s/σ_A.
    let first = log1p(end - min(end, highest))
    let last = log1p(end - max(0.5 * end, lowest))
    if first < last {
      total += try halfLine.finite(
        { t in let e = exp(t); return integrand(end - (e - 1)) * e }, from: first, to: last,
        cuts: cuts.filter { $0 < end }.map { log1p(end - $0) })
    }
    return total
  }

  /// The points z of A's standard variable where f_A(z) k_B(s − σ_A z) may jump or bend at s: A's
  /// knots, and B's seen through (s − σ_A z)/σ_B (empty unless a summand is empirical).
  static func cuts(_ a: PersuasionComponent, _ b: PersuasionComponent, at s: Double) -> [Double] {
    a.breakpoints + b.breakpoints.map { (s - b.scale * $0) / a.scale }
  }

  /// f_S(s) for s >= 0.
  func density(_ s: Double) throws(NumericalError) -> Double {
    if let values = tailAndDensity(s, truth: false) { return values.density }
    return try halfLines(
      at: s, floor: 1e-13 * densityLowerBound(s),
      operation: "quadrature of the density of persuasiveness"
    )
  }

  /// E[W · 1{S ∈ ds}]/ds for W = U or V (= E[W | S = s] f_S(s)), s >= 0.
  ///
  /// Computed directly for each summand, never as s f_S − (the other one), which cancels
  /// catastrophically far in the tail (there E[U | S = s] ≈ s while E[V | S = s] stays O(σ_V)).
  func firstMoment(_ s: Double, of summand: Summand) throws(NumericalError) -> Double {
    let scale = summand == .u ? u.scale : v.scale
    return try halfLines(
      at: s, floor: 1e-13 * scale * densityLowerBound(s), operation: "quadrature of E[W | P = p]",
      weight: { a, b, isU in (summand == .u) == isU ? a : b }
    )
  }

  /// Σ_k r_k E[W_k · 1{S ∈ ds}]/ds over both summands (r_k = 0 skips a summand), s >= 0: from
  /// one pass of `kernel` where it answers, else each summand's moment by the half-lines.
  func truthNumerator(_ s: Double) throws(NumericalError) -> Double {
    if let value = kernel?.truthNumerator(at: s) ?? lognormal?.truthNumerator(at: s) {
      return value
    }
    var numerator = 0.0
    if u.truthRatio != 0 { numerator += try u.truthRatio * firstMoment(s, of: .u) }
    if v.truthRatio != 0 { numerator += try v.truthRatio * firstMoment(s, of: .v) }
    return numerator
  }

  /// E[W² · 1{S ∈ ds}]/ds for W = U or V, s >= 0.
  func secondMoment(_ s: Double, of summand: Summand) throws(NumericalError) -> Double {
    let scale = summand == .u ? u.scale : v.scale
    return try halfLines(
      at: s, floor: 1e-13 * scale * scale * densityLowerBound(s),
      operation: "quadrature of E[W² | P = p]",
      weight: { a, b, isU in let w = (summand == .u) == isU ? a : b; return w * w }
    )
  }

  /// E[(r_U U + r_V V − t)² · 1{S ∈ ds}]/ds for s >= 0: one pass of `kernel` where it answers,
  /// else the density's integrals with that factor, each non-negative. Far out, where a heavy
  /// summand carrying truth is of order s, so is T_S − t, and its rounding stays relative to it
  /// (unlike Var[U | S = s] about a mean of order s: `conditionalVariance`).
  func truthSquareNumerator(_ s: Double, about t: Double) throws(NumericalError) -> Double {
    if let value =
      kernel?.truthSquareNumerator(at: s, about: t)
      ?? lognormal?.truthSquareNumerator(at: s, about: t)
    { return value }
    let (ratioU, ratioV) = (u.truthRatio, v.truthRatio)
    let truthScale = truthScale
    return try halfLines(
      at: s, floor: 1e-13 * (truthScale * truthScale + t * t) * densityLowerBound(s),
      operation: "quadrature of E[(T − t)² | P = p]",
      weight: { a, b, isU in
        let centred = (isU ? ratioU * a + ratioV * b : ratioV * a + ratioU * b) - t
        return centred * centred
      }
    )
  }

  /// f_S(s) >= P(|A| <= σ_A) · min of f_B on [s − σ_A, s + σ_A] for either summand A, s >= 0 (the
  /// minimum of a unimodal density over an interval is at one of its ends; for a symmetric B it
  /// is at s + σ_A; an empirical B's is found on its knot intervals: `leastDensity`).
  func densityLowerBound(_ s: Double) -> Double { Self.densityLowerBound(u, v, at: s) }

  /// The lower bound of `densityLowerBound` for the sum of `u` and `v` at s >= 0.
  static func densityLowerBound(
    _ u: PersuasionComponent, _ v: PersuasionComponent, at s: Double
  ) -> Double {
    func bound(_ a: PersuasionComponent, _ b: PersuasionComponent) -> Double {
      let inner = a.isSymmetric ? 1 - 2 * a.survival(1) : 1 - a.survival(1) - a.cdf(-1)
      let (near, far) = ((s - a.scale) / b.scale, (s + a.scale) / b.scale)
      let least = b.isSymmetric ? b.density(far) : b.leastDensity(from: near, to: far)
      return inner * least / b.scale
    }
    return max(bound(u, v), bound(v, u))
  }

  /// Σ_A ∫_{−∞}^{s/2} f_A(a) w(a, s − a) f_B(s − a) da for s >= 0, where `weight(a, b, A is U)`
  /// is w (1 unless given).
  ///
  /// A piece that ends where A's mass crowds the end of its support (`crowdsItsEnd`) is taken in
  /// A's probability variable, and a piece at or above the point where B's argument s − a reaches
  /// B's crowded upper end in B's (`HalfLineIntegrator.probability`); with both at one piece's two
  /// ends, it is halved first.
  private func halfLines(
    at s: Double, floor: Double, operation: String,
    weight: @escaping (Double, Double, Bool) -> Double = { _, _, _ in 1 }
  ) throws(NumericalError) -> Double {
    let quadrature = Quadrature(
      absoluteTolerance: max(floor, Double.leastNormalMagnitude),
      relativeTolerance: Convolution.relativeTolerance, limit: 200, rule: .gauss21,
      operation: operation)
    let halfLine = integrator(quadrature)
    var total = 0.0
    for (first, other, isU) in [(u, v, true), (v, u, false)] {
      let (scale, otherScale) = (first.scale, other.scale)
      // w f_B(s − a) at a = σ_A z, and f_A(a) w / σ_A at b = s − a = σ_B y (the integrand per
      // unit of B's probability).
      let rest: (Double) -> Double = { z in
        let a = scale * z
        return weight(a, s - a, isU) * other.density((s - a) / otherScale) / otherScale
      }
      let integrand: (Double) -> Double = { z in first.density(z) * rest(z) }
      let overOther: (Double) -> Double = { y in
        let b = otherScale * y
        return first.density((s - b) / scale) * weight(s - b, b, isU) / scale
      }
      // B's argument s − σ_A z >= s/2 >= 0 here, so only B's upper end clips (at z = clip).
      let clip = (s - otherScale * other.support.upper) / scale
      let lowest = max(first.support.lower, clip)
      let upper = min(0.5 * s / scale, first.support.upper)
      let cuts = Convolution.cuts(first, other, at: s)
      let y = { (z: Double) in (s - scale * z) / otherScale }
      func inFirst(_ low: Double, _ high: Double) throws(NumericalError) -> Double {
        try halfLine.probability(of: first, rest, from: low, to: high, cuts: cuts)
      }
      func inOther(_ low: Double, _ high: Double) throws(NumericalError) -> Double {
        // From B's end itself where the piece starts at the clip (y(clip) rounds to either side).
        try halfLine.probability(
          of: other, overOther, from: y(high), to: low <= clip ? other.support.upper : y(low),
          cuts: cuts.map(y))
      }
      func piece(
        from low: Double, to high: Double, _ generic: () throws(NumericalError) -> Double
      ) throws(NumericalError) -> Double {
        let ownLow = first.crowdsItsEnd && low.isFinite && low == first.support.lower
        let ownHigh = first.crowdsItsEnd && high.isFinite && high == first.support.upper
        // B's crowded end at or below the piece (its mass within ulps of the end reaches a piece
        // that starts a rounding error above it: at s = σ_B × B's upper end, clip is ±10^−18).
        let otherLow = other.crowdsItsEnd && clip.isFinite && clip <= low
        if ownLow { return try inFirst(low, high) }
        if otherLow && ownHigh {
          let middle = 0.5 * (low + high)
          return try inOther(low, middle) + inFirst(middle, high)
        }
        if ownHigh { return try inFirst(low, high) }
        if otherLow { return try inOther(low, high) }
        return try generic()
      }
      if lowest < 0 {
        total += try piece(from: lowest, to: 0) { () throws(NumericalError) in
          try halfLine.belowCentre(
            integrand, reach: -first.lowerQuantile(1e-30), above: lowest, cuts: cuts)
        }
      }
      if max(0, lowest) < upper {
        total += try piece(from: max(0, lowest), to: upper) { () throws(NumericalError) in
          try halfLine.aboveCentre(integrand, to: upper, above: lowest, cuts: cuts)
        }
      }
    }
    return total
  }

  /// Q(z)/g(z) for z >= 0: the length over which the component's tail beyond z falls by a
  /// factor e (1 where the density underflows).
  static func reciprocalHazard(_ component: PersuasionComponent, _ z: Double) -> Double {
    let density = component.density(z)
    guard density > 0 else { return 1 }
    let ratio = component.survival(z) / density
    return ratio.isFinite && ratio > 0 ? ratio : 1
  }
}

extension Convolution {
  /// Var[U | S = s] = Var[V | S = s] at s >= 0 given f_S(s) = `density` > 0, from the summand whose
  /// conditional mean is smaller (the other one's second moment and squared mean cancel far in
  /// the tail). E[V | S = s] is s − E[U | S = s] while that difference loses at most 10 bits of
  /// E[U | S = s]'s 10^−10, and computed directly beyond: far out it carries the quadrature error
  /// of a number of order s (at s = 10^13, for a normal V of variance 1/4 beside a lognormal U
  /// with σ = 5, Var[V | S = s] came out anywhere in [0, 1/4]).
  func conditionalVariance(_ s: Double, density: Double) throws(NumericalError) -> Double {
    let meanU = try firstMoment(s, of: .u) / density
    let summand: Summand = abs(meanU) <= abs(s - meanU) ? .u : .v
    let mean =
      summand == .u ? meanU
      : abs(meanU) <= 1024 * abs(s - meanU) ? s - meanU : try firstMoment(s, of: .v) / density
    let second = try secondMoment(s, of: summand) / density
    return max(0, second - mean * mean)
  }

  /// Var[r_U U + r_V V | S = s] = (r_U − r_V)² Var[U | S = s] (0 when r_U = r_V).
  func truthSpreadVariance(_ s: Double, density: Double) throws(NumericalError) -> Double {
    let spread = u.truthRatio - v.truthRatio
    guard spread != 0 else { return 0 }
    return spread * spread * (try conditionalVariance(s, density: density))
  }
}
