import Foundation

/// Threshold filtering on a model of any family: keep P >= tau.
public struct ExtremalThreshold: Hashable, Sendable {
  /// The threshold tau.
  public let threshold: Double
  /// P(P >= tau), accurate relative to itself far in the right tail.
  public let acceptance: Double
  /// Means (where they exist) and KL = −ln(acceptance) of the kept outputs.
  public let outcome: ExtremalOutcome
}

/// The quantilizer on a model of any family: keep the top fraction q by P.
public struct ExtremalQuantile: Hashable, Sendable {
  /// The kept fraction q in (0, 1].
  public let fraction: Double
  /// The threshold that keeps exactly q (−∞ at q = 1).
  public let threshold: Double
  /// Means (where they exist) and KL = −ln q of the kept outputs.
  public let outcome: ExtremalOutcome
}

extension PersuasionLaw {
  /// Keep P >= tau.
  ///
  /// With S = P − μ, σ = s_tau = tau − μ and Q = Q_S:
  /// E[T | P >= tau] = c + ∫_σ^∞ Σ_k r_k E[W_k | S = s] f(s) ds / Q(σ),
  /// E[P | P >= tau] = tau + ∫_σ^∞ Q(s) ds / Q(σ), KL = −ln Q(σ). Integrals to ∞ start at
  /// max(σ, 0) in the scaled variable s = start + w y with w = Q/f there (a finite piece
  /// [σ, 0] first when σ < 0).
  ///
  /// - Parameter tau: finite threshold.
  /// - Throws: `SelectionError` naming `tau` when it is not finite, when the acceptance
  ///   underflows to 0, or when a quadrature fails.
  /// - Complexity: a few hundred inner quadrature pairs (two components), O(100) evaluations (one).
  public func threshold(_ tau: Double) throws(SelectionError) -> ExtremalThreshold {
    guard tau.isFinite else {
      throw SelectionError(field: "tau", rule: "must be finite (got \(tau))")
    }
    let evaluator = PointEvaluator(self)
    let start = tau - location
    let atStart = evaluator.tail(start)
    try evaluator.rethrow(field: "tau")
    let acceptance = start >= 0 ? atStart : 1 - atStart
    guard acceptance > 0 else {
      throw SelectionError(
        field: "tau", rule: "keeps no outputs: P(P >= \(tau)) underflows to 0 in double precision")
    }
    let outcome = try keptOutcome(
      above: start, acceptance: acceptance, kl: -log(acceptance), field: "tau", evaluator: evaluator)
    return ExtremalThreshold(threshold: tau, acceptance: acceptance, outcome: outcome)
  }

  /// Keep the top fraction q by P: the threshold tau = Q_P⁻¹(q), then threshold filtering, with
  /// KL = −ln q.
  ///
  /// - Parameter q: the kept fraction, 0 < q <= 1 (q = 1 keeps everything: the base law).
  /// - Throws: `SelectionError` naming `q` outside (0, 1] or when a quadrature fails.
  /// - Complexity: the quantile's root search plus one threshold evaluation.
  public func quantile(_ q: Double) throws(SelectionError) -> ExtremalQuantile {
    guard q > 0, q <= 1 else {
      throw SelectionError(field: "q", rule: "must be in (0, 1] (got \(q))")
    }
    if q == 1 {
      return ExtremalQuantile(fraction: 1, threshold: -.infinity, outcome: baseOutcome(kl: 0))
    }
    let evaluator = PointEvaluator(self)
    let start = try centredUpperQuantile(q, evaluator: evaluator)
    let outcome = try keptOutcome(
      above: start, acceptance: q, kl: -log(q), field: "q", evaluator: evaluator)
    return ExtremalQuantile(fraction: q, threshold: location + start, outcome: outcome)
  }

  /// The means of S conditioned on S >= start, whose probability is `acceptance`.
  private func keptOutcome(
    above start: Double, acceptance: Double, kl: Double, field: String,
    evaluator: PointEvaluator
  ) throws(SelectionError) -> ExtremalOutcome {
    let anchor = max(start, 0)
    let density = evaluator.density(anchor)
    try evaluator.rethrow(field: field)
    guard density > 0 else {
      throw SelectionError(field: field, rule: "the density of persuasiveness underflows at the threshold")
    }
    let width = evaluator.tail(anchor) / density
    let split = SplitIntegral(at: anchor, width: width, field: field, evaluator: evaluator)
    func integral(_ integrand: (Double) -> Double, absoluteTolerance: Double = 0) throws(SelectionError)
      -> Double
    {
      var total = try split.integrate(part: .above, absoluteTolerance: absoluteTolerance, integrand)
      if start < 0 {
        let quadrature = Quadrature(
          absoluteTolerance: absoluteTolerance, relativeTolerance: PersuasionLaw.outerRelativeTolerance,
          limit: 400, rule: .gauss15, operation: "outer quadrature")
        do { total += try quadrature.integrate(integrand, from: start, to: 0).value } catch {
          try evaluator.rethrow(field: field)
          throw SelectionError(field: field, rule: "could not be computed by quadrature (\(error))")
        }
        try evaluator.rethrow(field: field)
      }
      return total
    }
    var meanTruth: Double? = nil
    if meanTruthExists, let offset = truthOffset {
      let floor = 1e-13 * truthScale * acceptance
      meanTruth = offset + (try integral({ s in evaluator.truthNumerator(s) }, absoluteTolerance: floor)) / acceptance
    }
    var meanPersuasiveness: Double? = nil
    if meanPersuasivenessExists {
      let kept = try integral { s in s >= 0 ? evaluator.tail(s) : 1 - evaluator.tail(s) }
      meanPersuasiveness = location + start + kept / acceptance
    }
    return ExtremalOutcome(meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, kl: kl)
  }
}
