import Foundation

extension PersuasionLaw {
  /// Keep P >= tau.
  ///
  /// With S = P − μ, σ = s_tau = tau − μ and Q = Q_S:
  /// E[T | P >= tau] = c + ∫_σ^∞ Σ_k r_k E[W_k | S = s] f(s) ds / Q(σ),
  /// E[P | P >= tau] = tau + ∫_σ^∞ Q(s) ds / Q(σ), E[(P − tau)² | P >= tau] =
  /// 2 ∫_σ^∞ (s − σ) Q(s) ds / Q(σ), E[(T − c)² | P >= tau] = ∫_σ^∞ E[(T − c)² | S = s] f(s) ds / Q(σ)
  /// (for one component Var T = r² Var P + the truth variance P does not carry), KL = −ln Q(σ);
  /// where only a normal component carries truth, E[T] and Var T come from Stein's identity at σ
  /// instead, with no integral (`steinKept`).
  /// Integrals to ∞ start at
  /// max(σ, 0) in the scaled variable s = start + w y with w = Q/f there (a finite piece
  /// [σ, 0] first when σ < 0).
  ///
  /// - Parameter tau: finite threshold.
  /// - Throws: `SelectionError` naming `tau` when it is not finite, when the acceptance
  ///   underflows to 0, or when a quadrature fails.
  /// - Complexity: a few hundred inner quadrature pairs (two components), O(100) evaluations (one).
  public func threshold(_ tau: Double) throws(SelectionError) -> ThresholdSelection {
    guard tau.isFinite else {
      throw SelectionError(field: .tau, rule: "must be finite (got \(tau))")
    }
    let evaluator = PointEvaluator(self)
    let start = tau - location
    let atStart = evaluator.tail(start)
    try evaluator.rethrow(field: .tau)
    let acceptance = start >= 0 ? atStart : 1 - atStart
    guard acceptance > 0 else {
      throw SelectionError(
        field: .tau, rule: "keeps no outputs: P(P >= \(tau)) underflows to 0 in double precision")
    }
    let outcome = try keptOutcome(
      above: start, acceptance: acceptance, kl: acceptance < 1 ? -log(acceptance) : 0, field: .tau,
      evaluator: evaluator)
    return ThresholdSelection(threshold: tau, acceptance: acceptance, outcome: outcome)
  }

  /// Keep the top fraction q by P: the threshold tau = Q_P⁻¹(q), then threshold filtering, with
  /// KL = −ln q.
  ///
  /// - Parameter q: the kept fraction, 0 < q <= 1 (q = 1 keeps everything: the base law).
  /// - Throws: `SelectionError` naming `q` outside (0, 1] or when a quadrature fails.
  /// - Complexity: the quantile's root search plus one threshold evaluation.
  public func quantile(_ q: Double) throws(SelectionError) -> QuantileSelection {
    try quantile(q, table: nil, dispersion: true)
  }

  /// The quantilizer through `table` (checked interpolation of the law of S) where given, with
  /// the variances only when `dispersion` is true (`nil` otherwise: not computed).
  /// `truthByStein` false keeps the direct route for E[T] and Var T where Stein's identity
  /// applies (`steinKept`; tests compare the two).
  func quantile(
    _ q: Double, table: PersuasionTable?, dispersion: Bool, truthByStein: Bool = true
  ) throws(SelectionError) -> QuantileSelection {
    guard q > 0, q <= 1 else {
      throw SelectionError(field: .q, rule: "must be in (0, 1] (got \(q))")
    }
    if q == 1 {
      return QuantileSelection(fraction: 1, threshold: -.infinity, outcome: baseOutcome(kl: 0))
    }
    let evaluator = PointEvaluator(self, table: table)
    let start = try centredUpperQuantile(q, evaluator: evaluator)
    let outcome = try keptOutcome(
      above: start, acceptance: q, kl: -log(q), field: .q, evaluator: evaluator,
      dispersion: dispersion, truthByStein: truthByStein)
    return QuantileSelection(fraction: q, threshold: location + start, outcome: outcome)
  }

  /// The means of S conditioned on S >= start, whose probability is `acceptance`; by direct
  /// quadrature (no table), E[T] and Var T from Stein's identity where only a normal component
  /// carries truth (`steinKept`) unless `truthByStein` is false.
  private func keptOutcome(
    above start: Double, acceptance: Double, kl: Double, field: SelectionField,
    evaluator: PointEvaluator, dispersion: Bool = true, truthByStein: Bool = true
  ) throws(SelectionError) -> SelectionOutcome {
    // A threshold below the start of S's support keeps what the start keeps.
    let support = centredSupport
    let start = max(start, support.lower)
    let anchor = max(start, 0)
    let density = evaluator.density(anchor)
    try evaluator.rethrow(field: field)
    guard density > 0 else {
      throw SelectionError(field: field, rule: "the density of persuasiveness underflows at the threshold")
    }
    let width = evaluator.tail(anchor) / density
    let split = SplitIntegral(
      at: anchor, width: width, field: field, evaluator: evaluator, support: support,
      cuts: outerCuts, stretchedReach: stretchedReach)
    func integral(_ integrand: (Double) -> Double, absoluteTolerance: Double = 0) throws(SelectionError)
      -> Double
    {
      var total = try split.integrate(part: .above, absoluteTolerance: absoluteTolerance, integrand)
      // [start, 0], by QAGS where it starts at the start of S's support.
      if start < 0 {
        total += try split.integrate(from: start, to: 0, absoluteTolerance: absoluteTolerance, integrand)
      }
      return total
    }
    var meanTruth: Double? = nil
    // Var_sel[T_S] from Stein's identity, when it applies and keeps its digits.
    var steinSpread: Double? = nil
    // Not through a table, whose truth numerators are cheap where a direct density is not.
    if meanTruthExists, let offset = truthOffset, truthByStein, !evaluator.hasTable,
      let carrier = steinCarrier
    {
      let stein = steinKept(
        above: start, acceptance: acceptance, carrier: carrier, evaluator: evaluator,
        dispersion: dispersion)
      try evaluator.rethrow(field: field)
      meanTruth = offset + stein.mean
      steinSpread = stein.variance
    } else if meanTruthExists, let offset = truthOffset {
      let floor = 1e-13 * truthScale * acceptance
      meanTruth = offset + (try integral({ s in evaluator.truthNumerator(s) }, absoluteTolerance: floor)) / acceptance
    }
    var meanPersuasiveness: Double? = nil
    var variancePersuasiveness: Double? = nil
    if meanPersuasivenessExists {
      let kept = try integral { s in s >= 0 ? evaluator.tail(s) : 1 - evaluator.tail(s) }
      meanPersuasiveness = location + start + kept / acceptance
      if dispersion, moments.variancePersuasiveness != nil {
        let square = try integral { s in 2 * (s - start) * (s >= 0 ? evaluator.tail(s) : 1 - evaluator.tail(s)) }
        let shift = kept / acceptance
        variancePersuasiveness = square / acceptance - shift * shift
      }
    }
    let varianceTruth =
      !dispersion
      ? nil
      : try selectedTruthVariance(
        meanTruth: meanTruth, variancePersuasiveness: variancePersuasiveness, field: field,
        evaluator: evaluator, knownSpread: steinSpread
      ) { g throws(SelectionError) in try integral(g) / acceptance }
    return SelectionOutcome(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: varianceTruth,
      variancePersuasiveness: variancePersuasiveness, kl: kl)
  }

  /// Var T under a selection: from Var P when T − c = r S + noise independent of S (one
  /// component, or every r_k the same), and otherwise
  /// (the truth variance P does not carry) + ∫ E[(T_S − t)² | S = s] f(s) dw(s) with
  /// t = E_sel[T] − c and T_S = Σ_k r_k W_k, where `average` integrates a function of s times the
  /// selection's weight w(s) (1/acceptance above the threshold, n F^{n−1} for best-of-n; the
  /// weights' integral against f is 1). One inner integral per node
  /// (`CentredSum.truthSquareNumerator`), of non-negative terms (no cancellation), unless
  /// `knownSpread`, Var_sel[T_S] found another way (Stein's identity: `steinBestOfN`), is given.
  func selectedTruthVariance(
    meanTruth: Double?, variancePersuasiveness: Double?, field: SelectionField,
    evaluator: PointEvaluator, knownSpread: Double? = nil,
    average: ((Double) -> Double) throws(SelectionError) -> Double
  ) throws(SelectionError) -> Double? {
    guard moments.varianceTruth != nil, let meanTruth, let offset = truthOffset,
      let floor = outsideTruthVariance.map({ known in
        components.reduce(known) { $0 + $1.internalTruthVariance }
      })
    else { return nil }
    // One component, or every r_k the same.
    let ratio = components[0].truthRatio
    if components.allSatisfy({ $0.truthRatio == ratio }) {
      if ratio == 0 { return floor }
      guard let variancePersuasiveness else { return nil }
      return ratio * ratio * variancePersuasiveness + floor
    }
    guard case .sum(let sum) = shape, sum.hasTruthVariance else { return nil }
    if let knownSpread { return floor + knownSpread }
    let centre = meanTruth - offset
    var failure: NumericalError? = nil
    let value = try average { s in
      guard failure == nil else { return 0 }
      do throws(NumericalError) {
        // −S carries −T_S, so E[(T_S − t)² | S = s] is −S's about −t at −s.
        let about = s < 0 ? -centre : centre
        if let known = evaluator.truthSquareNumerator(s, about: about) { return known }
        return try side(sum, s).truthSquareNumerator(abs(s), about: about)
      } catch {
        failure = error
        return 0
      }
    }
    try evaluator.rethrow(field: field)
    if let failure {
      throw SelectionError(field: field, rule: "could not be computed by quadrature (\(failure))")
    }
    return floor + value
  }
}
