import Foundation

/// The law of S = G + X for a partial sum G of two or more components (`PartialSum`, read
/// through its checked table) and one more independent component X, on s >= 0: what makes three
/// or more non-normal persuasion laws exact (S = ((W_1 + W_2) + W_3) + ...).
///
/// As in `Convolution`, given S = s exactly one of X <= s/2 or G < s/2 holds, so with
/// T_S = T_G + r_X X:
/// - f_S(s) = ∫_{x<=s/2} f_X(x) f_G(s − x) dx + ∫_{g<s/2} f_G(g) f_X(s − g) dg,
/// - Q_S(s) = ∫_{x<=s/2} f_X(x) Q_G(s − x) dx + ∫_{g<s/2} f_G(g) Q_X(s − g) dg + Q_X(s/2) Q_G(s/2),
/// - N_S(s) = the density's integrals with f_G(g) replaced by N_G(g) + r_X x f_G(g) (x + g = s),
/// - Var[T_S | S = s] f_S(s) = the density's integrals with the factor
///   V_G(g) + (E[T_G | G = g] + r_X x − E[T_S | S = s])², each term non-negative.
/// Every kernel of G is at g >= s/2 >= 0 on X's half-line, and every kernel of X at
/// x >= s/2 >= 0 on G's. Each half-line is integrated in its own variable (x = σ_X z or
/// g = σ_G y, σ_G = Σ σ_k over G) in the logarithmic variables of `HalfLineIntegrator`, down to
/// where its left tail is below 10^−30 (`CentredSum.lowerReach` for G) and clipped to the
/// supports. Integrals accept an absolute error 10^−13 times a lower bound of the result.
///
/// Where the three components are a normal, a Laplace and a Student-t, Cauchy, logistic or second
/// Laplace one,
/// one pass of fixed rules over the normal-Laplace law of the first two (`KernelQuadrature`)
/// answers first, as `Convolution`'s does for two; where it declines, the integrals above.
struct NestedConvolution: CentredSum {
  /// G.
  let partial: PartialSum
  /// X.
  let last: PersuasionComponent
  /// The pass over a normal-Laplace kernel, where the components allow one.
  let kernel: KernelQuadrature?

  /// G + X; `kernelPass: false` leaves every value to the nested integrals (the tests compare the
  /// two routes).
  init(partial: PartialSum, last: PersuasionComponent, kernelPass: Bool = true) {
    self.partial = partial
    self.last = last
    kernel = kernelPass ? KernelQuadrature(threeParts: partial.components + [last]) : nil
  }

  /// Q_S(s), f_S(s) and (when `truth`) the truth values from one pass of `kernel` (`nil` where
  /// there is none or it declines).
  func tailAndDensity(_ s: Double, truth: Bool) -> PassValues? {
    kernel?.values(at: s, truth: truth)
  }

  /// G's components, then X.
  var components: [PersuasionComponent] { partial.components + [last] }

  /// −S = (−G) + (−X), sharing G's table.
  var mirrored: any CentredSum {
    NestedConvolution(partial: partial.mirrored, last: last.mirrored, kernelPass: kernel != nil)
  }

  /// f_X(x).
  private func lastDensity(_ x: Double) -> Double { last.density(x / last.scale) / last.scale }

  func tail(_ s: Double) throws(NumericalError) -> Double {
    if let values = tailAndDensity(s, truth: false) { return values.tail }
    let scale = last.scale
    let half = try partial.values(at: 0.5 * s).tail
    let (centre, far) = (try partial.values(at: 0).tail, try partial.values(at: s).tail)
    // Q_S(s) >= P(X > s) P(G >= 0) and >= P(G > s) P(X >= 0) = Q_G(s)/2.
    let bound = max(last.survival(s / scale) * centre, 0.5 * far)
    let integrals = try halfLines(
      at: s, floor: 1e-13 * bound, operation: "quadrature of the tail of persuasiveness",
      overLast: { _, density, g in density * g.tail },
      overPartial: { x, g in g.density * last.survival(x / scale) },
      // G's tail at s − x < 0 is F_G (`SummandValues.tail`), so Q_G there is 1 − it.
      beyondHalf: { x, g in (x <= s ? g.tail : 1 - g.tail) - half })
    return integrals + last.survival(0.5 * s / scale) * half
  }

  func density(_ s: Double) throws(NumericalError) -> Double {
    if let values = tailAndDensity(s, truth: false) { return values.density }
    return try halfLines(
      at: s, floor: 1e-13 * densityLowerBound(s), operation: "quadrature of the density of persuasiveness",
      overLast: { _, density, g in density * g.density },
      overPartial: { x, g in g.density * lastDensity(x) })
  }

  func truthNumerator(_ s: Double) throws(NumericalError) -> Double {
    if let value = tailAndDensity(s)?.truthNumerator { return value }
    return try nestedTruthNumerator(s)
  }

  /// N(s) by the nested integrals alone.
  private func nestedTruthNumerator(_ s: Double) throws(NumericalError) -> Double {
    let ratio = last.truthRatio
    return try halfLines(
      at: s, floor: 1e-13 * truthScale * densityLowerBound(s), operation: "quadrature of E[T | P = p]",
      overLast: { x, density, g in density * (g.truthNumerator + ratio * x * g.density) },
      overPartial: { x, g in (g.truthNumerator + ratio * x * g.density) * lastDensity(x) })
  }

  func truthSpreadVariance(_ s: Double, density: Double) throws(NumericalError) -> Double {
    guard !truthIsProportional else { return 0 }
    // One pass: its spread variance, else its numerator beside the nested square integral.
    let pass = tailAndDensity(s)
    if let value = pass?.truthMoments?.spreadVariance() { return value }
    let numerator = if let known = pass?.truthNumerator { known } else { try nestedTruthNumerator(s) }
    let mean = numerator / density
    return max(0, try squareIntegral(s, about: mean, density: density) / density)
  }

  func truthSquareNumerator(_ s: Double, about t: Double) throws(NumericalError) -> Double {
    if let value = tailAndDensity(s)?.truthMoments?.squareNumerator(about: t) { return value }
    return try squareIntegral(s, about: t, density: densityLowerBound(s))
  }

  /// E[(T_S − t)² · 1{S ∈ ds}]/ds: the density's integrals with the factor
  /// V_G(g) + (E[T_G | G = g] + r_X x − t)², each term non-negative, to 10^−8 relative or an
  /// absolute floor proportional to `density` (f_S(s) or a lower bound of it).
  private func squareIntegral(_ s: Double, about t: Double, density: Double) throws(NumericalError)
    -> Double
  {
    let ratio = last.truthRatio
    let square: (Double, SummandValues) -> Double = { x, g in
      let centred = g.truthMean + ratio * x - t
      return g.density * (g.truthVariance + centred * centred)
    }
    let truthScale = truthScale
    // V_G is tabulated to 10^−10 (V_G + 10^−2 (Σ|r_k|σ_k)²) + (10^−9 (s/σ) Σ|r_k|σ_k)²
    // (`PersuasionTable`; the last term is the cancellation in (E[T | S = s] − t)² far out, where
    // both are of order s), so this integral asks 10^−8 relative or that floor times f_S(s),
    // above that noise and far inside the 10^−6 the package promises of variances.
    let far = 1e-9 * s / scale * truthScale
    return try halfLines(
      at: s, floor: (1e-11 * truthScale * truthScale + far * far) * density, relativeTolerance: 1e-8,
      variance: true, operation: "quadrature of E[(T − t)² | P = p]",
      overLast: { x, density, g in density * square(x, g) },
      overPartial: { x, g in square(x, g) * lastDensity(x) })
  }

  /// The larger of P(|G| <= σ_G) · min f_X on [s − σ_G, s + σ_G] (at its ends for a unimodal X,
  /// on its knot intervals for an empirical one: `PersuasionComponent.leastDensity`) and
  /// P(|X| <= σ_X) · min(f_G(s − σ_X), f_G(s + σ_X)) (a lower bound where G is unimodal there,
  /// as in the tail); 0 where G's values cannot be computed. With a kernel pass, its own bound
  /// (`KernelQuadrature.densityFloor`), which needs no table of G.
  func densityLowerBound(_ s: Double) -> Double {
    if let kernel { return kernel.densityFloor(at: s) }
    let (scaleG, scaleX) = (partial.law.scale, last.scale)
    guard let above = try? partial.values(at: scaleG), let below = try? partial.values(at: -scaleG),
      let near = try? partial.values(at: s - scaleX), let far = try? partial.values(at: s + scaleX)
    else { return 0 }
    let innerG = max(0, 1 - above.tail - below.tail)
    let innerX = last.isSymmetric ? 1 - 2 * last.survival(1) : 1 - last.survival(1) - last.cdf(-1)
    let lastLeast =
      last.isSymmetric
      ? lastDensity(s + scaleG) : last.leastDensity(from: (s - scaleG) / scaleX, to: (s + scaleG) / scaleX) / scaleX
    return max(innerG * lastLeast, innerX * min(near.density, far.density))
  }

  /// The sum of the two half-line integrals at s >= 0: `overLast(x, g_X(z), G's values at s − x)`
  /// over z = x/σ_X <= s/(2σ_X), with g_X the standard density of X (g_X(z) dz = f_X(x) dx), and
  /// `overPartial(x, G's values at g)` over g < s/2, with x = s − g. The first failure of G's
  /// values is rethrown; G's truth variance is computed where its table leaves a point to direct
  /// quadrature only when `variance`.
  ///
  /// `overLast` is linear in X's density. Where X's mass crowds an end of its support
  /// (`PersuasionComponent.crowdsItsEnd`: a lognormal σ > 2.5, a Weibull k < 1), which z cannot
  /// resolve, the pieces of X's half-line that end there are taken in X's probability variable
  /// (`HalfLineIntegrator.probability`, the integrand `overLast(x, 1, ·)`), and when the crowded
  /// end is X's upper one and lies beyond s/2, G's half-line is taken as an integral over
  /// x > s/2 in X's probability variable too, of `beyondHalf(x, G's values at s − x)` (by
  /// default `overLast(x, 1, ·)`; for the tail Q_G(s − x) − Q_G(s/2), whose integral with
  /// Q_X(s/2) Q_G(s/2) is the same part of Q_S).
  private func halfLines(
    at s: Double, floor: Double, relativeTolerance: Double = Convolution.relativeTolerance,
    variance: Bool = false, operation: String,
    overLast: @escaping (Double, Double, SummandValues) -> Double,
    overPartial: @escaping (Double, SummandValues) -> Double,
    beyondHalf: ((Double, SummandValues) -> Double)? = nil
  ) throws(NumericalError) -> Double {
    let quadrature = Quadrature(
      absoluteTolerance: max(floor, Double.leastNormalMagnitude),
      relativeTolerance: relativeTolerance, limit: 200, rule: .gauss21, operation: operation)
    let halfLine = HalfLineIntegrator(quadrature: quadrature, singularEnds: hasSingularEnds)
    var failure: NumericalError? = nil
    let partial = partial
    func values(_ g: Double) -> SummandValues? {
      guard failure == nil else { return nil }
      do { return try partial.values(at: g, variance: variance) } catch {
        failure = error
        return nil
      }
    }
    let (scaleX, scaleG) = (last.scale, partial.law.scale)
    let supportG = partial.law.support
    // Over X's variable z = x/σ_X <= s/(2σ_X), with G at s − x >= s/2.
    let overX: (Double) -> Double = { z in
      let density = self.last.density(z)
      guard density > 0, let g = values(s - scaleX * z) else { return 0 }
      return overLast(scaleX * z, density, g)
    }
    // Cut where X's density jumps (its knots, if any) or G's is not analytic (where two
    // supports' ends meet, or a Laplace peak meets an end).
    let knots = last.breakpoints
    let bends = partial.law.singularPoints
    let cutsX = knots + bends.map { (s - $0) / scaleX }
    var lowest = max(last.support.lower, (s - supportG.upper) / scaleX)
    let upper = min(0.5 * s / scaleX, last.support.upper)
    let crowded = last.crowdsItsEnd
    // Per unit of X's probability at z, with G at s − σ_X z.
    func inLast(_ integrand: @escaping (Double, SummandValues) -> Double) -> (Double) -> Double {
      { z in
        guard let g = values(s - scaleX * z) else { return 0 }
        return integrand(scaleX * z, g)
      }
    }
    let perProbability = inLast { x, g in overLast(x, 1, g) }
    var total =
      crowded && lowest.isFinite && lowest == last.support.lower
      ? try halfLine.probability(of: last, perProbability, from: lowest, to: min(0, upper), cuts: cutsX)
      : try halfLine.belowCentre(overX, reach: -last.lowerQuantile(1e-30), above: lowest, cuts: cutsX)
    total +=
      crowded && upper.isFinite && upper == last.support.upper
      ? try halfLine.probability(of: last, perProbability, from: max(0, lowest), to: upper, cuts: cutsX)
      : try halfLine.aboveCentre(overX, to: upper, above: lowest, cuts: cutsX)
    if crowded && last.support.upper.isFinite {
      // X's crowded upper end: G's half-line as x = s − g > s/2 up to that end (or to where G's
      // support starts), in X's probability variable.
      if upper < last.support.upper {
        let highest = min(last.support.upper, (s - supportG.lower) / scaleX)
        total += try halfLine.probability(
          of: last, beyondHalf.map(inLast) ?? perProbability, from: upper, to: highest, cuts: cutsX)
      }
      if let failure { throw failure }
      return total
    }
    // Over G's variable y = g/σ_G <= s/(2σ_G), with X at s − g >= s/2.
    let overG: (Double) -> Double = { y in
      // Where X's density and tail at s − g underflow, G is not evaluated at all.
      let z = (s - scaleG * y) / scaleX
      guard self.last.density(z) > 0 || self.last.survival(z) > 0 else { return 0 }
      guard let g = values(scaleG * y), g.density > 0 else { return 0 }
      return scaleG * overPartial(s - scaleG * y, g)
    }
    lowest = max(supportG.lower, s - scaleX * last.support.upper) / scaleG
    let seen = knots.map { (s - scaleX * $0) / scaleG } + bends.map { $0 / scaleG }
    total += try halfLine.belowCentre(
      overG, reach: -partial.law.lowerReach / scaleG, above: lowest, cuts: seen)
    total += try halfLine.aboveCentre(
      overG, to: min(0.5 * s, supportG.upper) / scaleG, above: lowest, cuts: seen)
    if let failure { throw failure }
    return total
  }
}
