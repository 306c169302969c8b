import Foundation

extension StandardLaw {
  /// The upper partial moments at z (see `TailMoments`).
  ///
  /// Normal: Q, E[(Z − z)⁺] = Q (λ − z) and E[((Z − z)⁺)²] = Q (Var[Z | Z >= z] + (λ − z)²), with
  /// λ − z and the variance from `TruncatedNormal` (accurate for every z). Other
  /// families: adaptive quadrature of ∫_z^∞ Q(y) dy and 2 ∫_z^∞ (y − z) Q(y) dy (QAGIU above
  /// max(z, 0), QAG on [z, 0]) to 1e-11 relative, cut at the law's `breakpoints` (an empirical
  /// law's knots), between which the integrands are smooth.
  ///
  /// - Parameter z: finite.
  /// - Throws: `NumericalError` when a quadrature fails.
  func tailMoments(above z: Double) throws(NumericalError) -> TailMoments {
    if case .normal = family {
      let q = StandardNormal.upperTail(z).survival
      let (excess, variance) = TruncatedNormal.excessAndVariance(above: z)
      return TailMoments(survival: q, first: q * excess, second: q * (variance + excess * excess))
    }
    let q = survival(z)
    let tailIndex = family.rightTailIndex
    func integral(_ integrand: (Double) -> Double) throws(NumericalError) -> Double {
      let quadrature = Quadrature(
        absoluteTolerance: 0, relativeTolerance: 1e-11, limit: 400, rule: .gauss21,
        operation: "partial moment of a standard law")
      let cuts = breakpoints.filter { $0 > z }
      let anchor = max(z, cuts.last ?? 0)
      var total = try quadrature.integrate(integrand, from: anchor).value
      if cuts.isEmpty {
        if z < 0 { total += try quadrature.integrate(integrand, from: z, to: 0).value }
        return total
      }
      for (a, b) in zip([z] + cuts, cuts) where b > a {
        total += try quadrature.integrate(integrand, from: a, to: b).value
      }
      return total
    }
    let first = tailIndex > 1 ? try integral { y in survival(y) } : nil
    let second = tailIndex > 2 ? try integral { y in 2 * (y - z) * survival(y) } : nil
    return TailMoments(survival: q, first: first, second: second)
  }

  /// ln g(z), finite for every finite z (also where g underflows).
  func logDensity(_ z: Double) -> Double {
    let x = abs(z)
    switch family {
    case .normal: return -0.5 * z * z - StandardNormal.logSqrtTwoPi
    case .studentT(let nu): return logNormaliser - 0.5 * (nu + 1) * log1p(z * z / nu)
    case .laplace: return -x - M_LN2
    case .logistic: return -x - 2 * log1p(exp(-x))
    case .cauchy: return -log(Double.pi) - log1p(z * z)
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return skewed!.logDensity(mirrored ? -z : z)
    }
  }
}
