import Foundation

extension PersuasionLaw {
  /// The tail beyond the centred point s = p − μ on its side of 0: Q_S(s) for s >= 0 and F_S(s)
  /// for s < 0 (for two components, the mirrored sum's tail at −s).
  func centredTail(_ s: Double) throws(NumericalError) -> Double {
    switch shape {
    case .single(let c): return s >= 0 ? c.survival(s / c.scale) : c.cdf(s / c.scale)
    case .sum(let sum): return try side(sum, s).tail(abs(s))
    }
  }

  /// Σ_k r_k E[W_k | S = s] f_S(s) at the centred point s = p − μ.
  func centredTruthNumerator(_ s: Double) throws(NumericalError) -> Double {
    switch shape {
    case .single(let c):
      return c.truthRatio * s * c.density(s / c.scale) / c.scale
    case .sum(let sum):
      let value = try side(sum, s).truthNumerator(abs(s))
      return s < 0 ? -value : value
    }
  }

  /// f_S(s) for the centred sum.
  func centredDensity(_ s: Double) throws(NumericalError) -> Double {
    switch shape {
    case .single(let c): return c.density(s / c.scale) / c.scale
    case .sum(let sum): return try side(sum, s).density(abs(s))
    }
  }

  /// The tail beyond s on its side of 0, f_S(s) and (when `truth`, where vouched for) the truth
  /// numerator and square sums at the centred point s when one pass gives them together
  /// (`CentredSum.tailAndDensity`), else `nil`.
  func centredTailAndDensity(_ s: Double, truth: Bool = true) -> PassValues? {
    guard case .sum(let sum) = shape, let values = side(sum, s).tailAndDensity(abs(s), truth: truth)
    else {
      return nil
    }
    guard s < 0, let numerator = values.truthNumerator else { return values }
    return PassValues(
      tail: values.tail, density: values.density, truthNumerator: -numerator,
      truthMoments: values.truthMoments)
  }

  /// The sum whose functions at |s| give those of S = `sum` at s: S itself for s >= 0 or when
  /// it is symmetric, the mirrored sum −S for s < 0 (whose truth numerator at −s is minus S's
  /// at s).
  func side(_ sum: any CentredSum, _ s: Double) -> any CentredSum {
    s < 0 ? mirroredSum ?? sum : sum
  }

  /// The density of P at p: f_P(p) = ∫ f_U(u) f_V(p − μ − u) du (no integral for one component).
  ///
  /// - Throws: `SelectionError` naming `persuasiveness` for a non-finite p or a quadrature failure.
  /// - Complexity: one inner quadrature (two components), O(1) otherwise.
  public func density(_ p: Double) throws(SelectionError) -> Double {
    let (_, density) = try point(p, density: true)
    return density
  }

  /// P(P <= p), exact in the left tail.
  ///
  /// - Throws: `SelectionError` naming `persuasiveness` for a non-finite p or a quadrature failure.
  public func cdf(_ p: Double) throws(SelectionError) -> Double {
    let (values, _) = try point(p)
    return p - location >= 0 ? 1 - values.tail : values.tail
  }

  /// P(P > p) = ∫ f_U(u) Q_V(p − μ − u) du, accurate relative to itself far in the right tail
  /// (best-of-n at n = 10^12 needs it near 10^−12).
  ///
  /// - Throws: `SelectionError` naming `persuasiveness` for a non-finite p or a quadrature failure.
  public func survival(_ p: Double) throws(SelectionError) -> Double {
    let (values, _) = try point(p)
    return p - location >= 0 ? values.tail : 1 - values.tail
  }

  /// The law of T given P = p.
  ///
  /// E[T | P = p] = c + Σ_k r_k E[W_k | S = s] and
  /// Var[T | P = p] = Σ_{b_i=0} a_i² Var X_i + Var[Σ_k r_k W_k | S = s] (+ the conditional
  /// variance inside merged normal components), s = p − μ; for two components the middle term
  /// is (r_U − r_V)² Var[U | S = s]. It exists unless the two heaviest tails have indices summing
  /// to at most 1 (e.g. two Cauchy components) while the r_k differ (`CentredSum.hasTruthVariance`).
  ///
  /// - Throws: `SelectionError` naming `persuasiveness` for a non-finite p or a quadrature failure.
  /// - Complexity: two or three inner quadratures (two components), O(1) otherwise.
  public func conditionalTruth(givenPersuasiveness p: Double) throws(SelectionError)
    -> ConditionalTruth
  {
    let (values, density) = try point(p, density: true)
    let s = p - location
    guard density > 0 else {
      throw SelectionError(
        field: .persuasiveness,
        rule: "the density of persuasiveness underflows at \(p), so E[T | P = p] is undefined")
    }
    let mean = truthOffset.map { $0 + values.truthNumerator / density }
    var variance = outsideTruthVariance.map { known in
      components.reduce(known) { $0 + $1.internalTruthVariance }
    }
    if case .sum(let sum) = shape, let known = variance, !sum.truthIsProportional {
      variance =
        sum.hasTruthVariance
        ? known + (try truthSpreadVariance(side(sum, s), abs(s), density))
        : nil
    }
    return ConditionalTruth(persuasiveness: p, mean: mean, variance: variance)
  }

  /// Var[Σ_k r_k W_k | S = s] (`CentredSum.truthSpreadVariance`), with errors naming
  /// `persuasiveness`.
  private func truthSpreadVariance(_ sum: any CentredSum, _ s: Double, _ density: Double)
    throws(SelectionError) -> Double
  {
    do {
      return try sum.truthSpreadVariance(s, density: density)
    } catch {
      throw SelectionError(field: .persuasiveness, rule: "could not be computed (\(error))")
    }
  }

  private func point(_ p: Double, density: Bool = false) throws(SelectionError)
    -> (PointValues, Double)
  {
    guard p.isFinite else {
      throw SelectionError(field: .persuasiveness, rule: "must be finite (got \(p))")
    }
    let evaluator = PointEvaluator(self)
    let values = evaluator(p - location)
    let f = density ? evaluator.density(p - location) : 0
    try evaluator.rethrow(field: .persuasiveness)
    return (values, f)
  }
}
