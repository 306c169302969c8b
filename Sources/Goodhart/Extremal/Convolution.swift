import Foundation

/// The law of a sum S = U + V of two independent symmetric components by nested quadrature.
///
/// Given S = s exactly one of V <= s/2 or U < s/2 holds, so every integral over the line splits
/// into two half-line integrals, one per summand A ∈ {U, V} with B the other one:
/// - density f_S(s) = Σ_A ∫_{−∞}^{s/2} f_A(a) f_B(s − a) da,
/// - tail Q_S(s) = Σ_A ∫_{−∞}^{s/2} f_A(a) Q_B(s − a) da + Q_U(s/2) Q_V(s/2),
/// - moments E[W · 1{S ∈ ds}]/ds (W = U or V, so E[W | S = s] = that / f_S(s)) likewise with the
///   factor w(a, s − a) inside.
/// In each half-line integral the mass sits where A is near its centre and B carries the rest of
/// s (the two bumps of a heavy-tailed sum), so with a = σ_A z it is integrated over z <= 0 by
/// GSL's QAGIL and over 0 <= z <= s/(2σ_A) in the variable t = ln(1 + z), which resolves a bump of
/// width 1 at z = 0 and a tail reaching z = 10^6 alike. Each integral also accepts an absolute
/// error 10^−13 times a lower bound of the result, so pieces that underflow cannot stall GSL.
struct Convolution: Sendable {
  /// The first summand.
  let u: PersuasionComponent
  /// The second summand.
  let v: PersuasionComponent

  /// Relative tolerance of every inner integral (the outer ones ask 10^−9 of results built on
  /// them).
  static let relativeTolerance = 1e-10

  /// The pair (order is irrelevant to the results).
  init(_ first: PersuasionComponent, _ second: PersuasionComponent) {
    (u, v) = (first, second)
  }

  /// Which summand of S = U + V.
  enum Summand { case u, v }

  /// Q_S(s) for s >= 0 (at most 1/2), accurate relative to itself far in the right tail.
  ///
  /// Q_S(s) = ∫ f_A(a) Q_B(s − a) da = Q_A(s) − ∫_s^∞ f_A(a) Q_B(a − s) da
  /// + ∫_{−∞}^s f_A(a) Q_B(s − a) da (Q_B(−x) = 1 − Q_B(x); the subtracted part is at most half
  /// of Q_A(s), so nothing cancels), with B the summand whose tail is cheap (GSL's Student-t tail
  /// is an incomplete beta function; every other tail is closed-form). The last integral is split
  /// at a = 0 and a = s/2, each finite piece in a logarithmic variable anchored at the end where
  /// its mass sits; the one beyond s is scaled by the width over which it decays.
  func tail(_ s: Double) throws(NumericalError) -> Double {
    let s = abs(s)
    let (a, b) = v.law.isStudentT && !u.law.isStudentT ? (v, u) : (u, v)
    let bound = 0.5 * max(u.law.survival(s / u.scale), v.law.survival(s / v.scale))
    let quadrature = Quadrature(
      absoluteTolerance: max(1e-13 * bound, Double.leastNormalMagnitude),
      relativeTolerance: Convolution.relativeTolerance, limit: 200, rule: .gauss21,
      operation: "quadrature of the tail of persuasiveness")
    let (lawA, lawB, scaleA, scaleB) = (a.law, b.law, a.scale, b.scale)
    let integrand: (Double) -> Double = { z in
      lawA.density(z) * lawB.survival((s - scaleA * z) / scaleB)
    }
    let end = s / scaleA
    let half = log1p(0.5 * end)
    let ratio = scaleB / scaleA
    let width = min(Convolution.reciprocalHazard(lawA, end), ratio * Convolution.reciprocalHazard(lawB, 0))
    var total = lawA.survival(end)
    total -= try width * quadrature.integrate({ y in
      let z = end + width * y
      return lawA.density(z) * lawB.survival(width * y / ratio)
    }, from: 0).value
    total += try Convolution.negativeHalfLine(integrand, law: lawA, quadrature)
    if half > 0 {
      total += try quadrature.integrate({ t in integrand(expm1(t)) * exp(t) }, from: 0, to: half).value
      total += try quadrature.integrate({ t in integrand(end - expm1(t)) * exp(t) }, from: 0, to: half).value
    }
    return total
  }

  /// f_S(s).
  func density(_ s: Double) throws(NumericalError) -> Double {
    let s = abs(s)
    return try halfLines(
      at: s, floor: 1e-13 * densityLowerBound(s),
      operation: "quadrature of the density of persuasiveness"
    ) { other, b in other.law.density(b / other.scale) / other.scale }
  }

  /// E[W · 1{S ∈ ds}]/ds for W = U or V (= E[W | S = s] f_S(s)); odd in s.
  ///
  /// Computed directly for each summand, never as s f_S − (the other one), which cancels
  /// catastrophically far in the tail (there E[U | S = s] ≈ s while E[V | S = s] stays O(σ_V)).
  func firstMoment(_ s: Double, of summand: Summand) throws(NumericalError) -> Double {
    let sign: Double = s < 0 ? -1 : 1
    let s = abs(s)
    let scale = summand == .u ? u.scale : v.scale
    return try sign
      * halfLines(
        at: s, floor: 1e-13 * scale * densityLowerBound(s), operation: "quadrature of E[W | P = p]",
        weight: { a, b, isU in (summand == .u) == isU ? a : b }
      ) { other, b in other.law.density(b / other.scale) / other.scale }
  }

  /// Σ_k r_k E[W_k · 1{S ∈ ds}]/ds over both summands (r_k = 0 skips a summand); odd in s.
  func truthNumerator(_ s: Double) throws(NumericalError) -> Double {
    var numerator = 0.0
    if u.truthRatio != 0 { numerator += try u.truthRatio * firstMoment(s, of: .u) }
    if v.truthRatio != 0 { numerator += try v.truthRatio * firstMoment(s, of: .v) }
    return numerator
  }

  /// E[W² · 1{S ∈ ds}]/ds for W = U or V; even in s.
  func secondMoment(_ s: Double, of summand: Summand) throws(NumericalError) -> Double {
    let s = abs(s)
    let scale = summand == .u ? u.scale : v.scale
    return try halfLines(
      at: s, floor: 1e-13 * scale * scale * densityLowerBound(s),
      operation: "quadrature of E[W² | P = p]",
      weight: { a, b, isU in let w = (summand == .u) == isU ? a : b; return w * w }
    ) { other, b in other.law.density(b / other.scale) / other.scale }
  }

  /// f_S(s) >= P(|A| <= σ_A) · f_B(|s| + σ_A) for either summand A.
  func densityLowerBound(_ s: Double) -> Double {
    func bound(_ a: PersuasionComponent, _ b: PersuasionComponent) -> Double {
      (1 - 2 * a.law.survival(1)) * b.law.density((s + a.scale) / b.scale) / b.scale
    }
    return max(bound(u, v), bound(v, u))
  }

  /// Σ_A ∫_{−∞}^{s/2} f_A(a) w(a, s − a) k_B(s − a) da for s >= 0, where `kernel(B, b)` is
  /// k_B(b) and `weight(a, b, A is U)` is w (1 unless given).
  private func halfLines(
    at s: Double, floor: Double, operation: String,
    weight: @escaping (Double, Double, Bool) -> Double = { _, _, _ in 1 },
    kernel: @escaping (PersuasionComponent, Double) -> Double
  ) throws(NumericalError) -> Double {
    let quadrature = Quadrature(
      absoluteTolerance: max(floor, Double.leastNormalMagnitude),
      relativeTolerance: Convolution.relativeTolerance, limit: 200, rule: .gauss21,
      operation: operation)
    var total = 0.0
    for (first, other, isU) in [(u, v, true), (v, u, false)] {
      let law = first.law
      let scale = first.scale
      let integrand: (Double) -> Double = { z in
        let a = scale * z
        return law.density(z) * weight(a, s - a, isU) * kernel(other, s - a)
      }
      let end = log1p(0.5 * s / scale)
      total += try Convolution.negativeHalfLine(integrand, law: law, quadrature)
      if end > 0 {
        total += try quadrature.integrate({ t in integrand(expm1(t)) * exp(t) }, from: 0, to: end).value
      }
    }
    return total
  }

  /// Q(z)/g(z) for z >= 0: the length over which the law's tail beyond z falls by a factor e
  /// (1 where the density underflows).
  static func reciprocalHazard(_ law: StandardLaw, _ z: Double) -> Double {
    let density = law.density(z)
    guard density > 0 else { return 1 }
    let ratio = law.survival(z) / density
    return ratio.isFinite && ratio > 0 ? ratio : 1
  }

  /// ∫_{−∞}^0 h(z) dz for h(z) <= g(z) · const, in the variable t = ln(1 − z) up to the point
  /// where the law's tail is 10^−30 (polynomial tails become exponential in t; the rest is
  /// below 10^−30 of the scale of h).
  static func negativeHalfLine(
    _ integrand: @escaping (Double) -> Double, law: StandardLaw, _ quadrature: Quadrature
  ) throws(NumericalError) -> Double {
    let reach = min(law.upperQuantile(1e-30), 1e300)
    return try quadrature.integrate({ t in integrand(-expm1(t)) * exp(t) }, from: 0, to: log1p(reach)).value
  }
}
