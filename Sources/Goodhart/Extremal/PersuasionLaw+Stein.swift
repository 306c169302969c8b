import Foundation

extension PersuasionLaw {
  /// The one component of a sum S that carries truth when it is normal and no other component
  /// carries any (T − c = r U + noise independent of S, U ~ N(0, σ²)), else `nil`: then best-of-n's
  /// truth follows from Stein's identity (`steinBestOfN`) with no truth numerator at all. This
  /// is Kwa et al.'s setting: the truth is normal, the error beside it is not.
  var steinCarrier: PersuasionComponent? {
    guard case .sum(let sum) = shape else { return nil }
    let carriers = sum.components.filter { $0.truthRatio != 0 }
    guard carriers.count == 1, carriers[0].law.family == .normal else { return nil }
    return carriers[0]
  }

  /// Best-of-n's truth, from E_sel[U] and Var_sel[U] for the normal carrier U ~ N(0, σ²) of
  /// S = U + V (`steinCarrier`), from F = F_S and f = f_S alone.
  ///
  /// Stein's identity E[U g(S)] = σ² E[g'(S)], and its second-order form
  /// E[U² g(S)] = σ² E[g(S)] + σ⁴ E[g''(S)], with g = n F^{n−1} the density of the maximum over f
  /// (∫ g f = 1), give, after one integration by parts (the boundary terms n(n−1) F^{n−2} f² vanish
  /// at ±∞):
  /// - E_sel[U] = σ² n(n−1) ∫ F^{n−2} f² ds, every term >= 0 (no cancellation, unlike
  ///   ∫ n F^{n−1} E[U | S = s] f ds, whose integrand changes sign);
  /// - E_sel[U²] = σ² + σ⁴ n(n−1)(n−2)/2 ∫ F^{n−3} f³ ds.
  /// Both integrals read f and F at the same nodes (remembered by `evaluator`), where the direct
  /// route needs a truth numerator and a truth-square numerator per node (one inner quadrature
  /// each).
  ///
  /// - Returns: the truth S carries, T_S = r U (r the carrier's truth ratio): E_sel[T_S] = r E_sel[U],
  ///   and Var_sel[T_S] = r² (E_sel[U²] − E_sel[U]²) when `dispersion` is true and it keeps at
  ///   least 8 of the integrals' 9 digits: `nil` when the three terms cancel to less than a tenth
  ///   of their size (a selection that drives U itself, where Var_sel[U] ≪ σ²); the caller then
  ///   uses the direct route.
  func steinBestOfN(
    _ n: Double, carrier: PersuasionComponent, split: SplitIntegral, evaluator: PointEvaluator,
    dispersion: Bool
  ) throws(SelectionError) -> (mean: Double, variance: Double?) {
    let variance = carrier.scale * carrier.scale
    let first = try steinIntegral(power: 2, n: n, split: split, evaluator: evaluator)
    let mean = variance * n * (n - 1) * first
    guard dispersion else { return Self.carried(by: carrier, mean: mean, variance: nil) }
    let second = try steinIntegral(power: 3, n: n, split: split, evaluator: evaluator)
    let curvature = variance * variance * n * (n - 1) * (n - 2) / 2 * second
    return Self.carried(
      by: carrier, mean: mean,
      variance: Self.steinSpread(variance: variance, extra: curvature, mean: mean))
  }

  /// (E_sel[T_S], Var_sel[T_S]) = (r E_sel[U], r² Var_sel[U]) for T_S = r U, r the carrier's
  /// truth ratio.
  private static func carried(by carrier: PersuasionComponent, mean: Double, variance: Double?)
    -> (mean: Double, variance: Double?)
  {
    let ratio = carrier.truthRatio
    return (ratio * mean, variance.map { ratio * ratio * $0 })
  }

  /// ∫ F^{n−k} f^k ds over the line (k = `power`), on `split` (at the median of the maximum x₀,
  /// scaled by its width w), or from S's centre (`SplitIntegral.integrateFromCentre`) when S's bulk
  /// would be a spike there that matters.
  ///
  /// The integrand is the maximum's law times (f/F)^{k−1}/n, and f/F is large in S's bulk: beside
  /// a stretched or heavy tail at moderate n (a lognormal error with σ = 5, best of 10) most of its
  /// mass can sit near 0, where y = (s − x₀)/w sees a spike of width 4e-4 that GSL may miss
  /// without a warning. So the bulk's share is estimated (value times width, F(0)/f(0) or
  /// Q(0)/f(0), against the same at x₀), and where the bulk is narrower than w/10 and above
  /// 10^−13 of the part at x₀ the integral starts from 0. Elsewhere the split alone is cheaper:
  /// its nodes are the ones the persuasion integrals read.
  private func steinIntegral(
    power: Double, n: Double, split: SplitIntegral, evaluator: PointEvaluator
  ) throws(SelectionError) -> Double {
    let integrand = { (s: Double) in Self.steinTerm(s, power: power, n: n, evaluator: evaluator) }
    let tailAtCentre = evaluator.tail(0)
    let densityAtCentre = evaluator.density(0)
    let bulkWidth = min(tailAtCentre, 1 - tailAtCentre) / densityAtCentre
    let bulk = integrand(0) * bulkWidth
    let peak = integrand(split.point) * split.width
    if densityAtCentre > 0, bulkWidth < 0.1 * split.width, abs(split.point) > bulkWidth,
      bulk > 1e-13 * peak
    {
      return try split.integrateFromCentre(scale: scale, integrand)
    }
    let both = try split.integrate(integrand)
    return both.above + both.below
  }

  /// The truth kept, from E_sel[U] and Var_sel[U] for the normal carrier U ~ N(0, σ²)
  /// (`steinCarrier`) when S >= s₀ is kept (a threshold or a quantilizer, with P(S >= s₀) =
  /// `acceptance`): with g = 1{s >= s₀},
  /// Stein's identity gives E[U; S >= s₀] = σ² f(s₀) and E[U²; S >= s₀] = σ² P(S >= s₀) − σ⁴ f'(s₀),
  /// and −σ² f'(s₀) = E[U | S = s₀] f(s₀) (Stein again, with g a point mass), so
  /// - E_sel[U] = σ² f(s₀) / acceptance,
  /// - E_sel[U²] = σ² + σ² E[U | S = s₀] f(s₀) / acceptance:
  /// one density and one truth numerator at s₀, where the direct route integrates the truth
  /// numerator and the truth-square numerator from s₀ to ∞.
  ///
  /// - Returns: as `steinBestOfN`.
  func steinKept(
    above start: Double, acceptance: Double, carrier: PersuasionComponent,
    evaluator: PointEvaluator, dispersion: Bool
  ) -> (mean: Double, variance: Double?) {
    let variance = carrier.scale * carrier.scale
    let mean = variance * evaluator.density(start) / acceptance
    guard dispersion else { return Self.carried(by: carrier, mean: mean, variance: nil) }
    let atStart = evaluator.truthNumerator(start) / carrier.truthRatio
    return Self.carried(
      by: carrier, mean: mean,
      variance: Self.steinSpread(variance: variance, extra: variance * atStart / acceptance, mean: mean))
  }

  /// Var_sel[U] = σ² + `extra` − E_sel[U]², when it keeps at least 8 of the 9 digits of its
  /// terms (they cancel to no less than a tenth of their size), else `nil`.
  private static func steinSpread(variance: Double, extra: Double, mean: Double) -> Double? {
    let spread = variance + extra - mean * mean
    let size = variance + abs(extra) + mean * mean
    return spread > 0.1 * size ? spread : nil
  }

  /// F(s)^{n−k} f(s)^k at s (k = `power`), 0 below a point where F^{n−k} underflows (F is
  /// increasing, and f is bounded: S has a normal part). For n < k the power of F is negative,
  /// and F^{n−k} f^k = F^n (f/F)^k still vanishes in the left tail.
  private static func steinTerm(_ s: Double, power: Double, n: Double, evaluator: PointEvaluator)
    -> Double
  {
    if s <= evaluator.underflowBelow { return 0 }
    let density = evaluator.density(s)
    guard density > 0 else { return 0 }
    let exponent = (n - power) * evaluator.logCDF(s)
    if exponent < -746 {
      evaluator.noteUnderflow(below: s)
      return 0
    }
    return exp(exponent + power * log(density))
  }
}
