import Foundation

extension MixtureLaw {
  /// Keep P >= tau (the atom at 0 included when tau <= 0).
  ///
  /// Part i keeps mass w_i Q_i(z_i), z_i = (tau − m_i)/s_i, with E[P | kept] = tau + s_i E[(Y − z)⁺]/Q
  /// and Var[P | kept] = s_i² (E[((Y − z)⁺)²]/Q − (E[(Y − z)⁺]/Q)²) (`StandardLaw.tailMoments`),
  /// and T = r_i P on it; the parts and the atom combine by total expectation and variance.
  /// KL = −ln(acceptance), from the rejected mass where most is kept.
  ///
  /// - Complexity: O(parts); one or two quadratures per non-normal part.
  public func threshold(_ tau: Double) throws(SelectionError) -> ThresholdSelection {
    guard tau.isFinite else {
      throw SelectionError(field: .tau, rule: "must be finite (got \(tau))")
    }
    try requireVariation(.tau)
    let pieces = try kept(above: tau, atomShare: tau <= 0 ? 1 : 0, field: .tau)
    let acceptance = pieces.reduce(0) { $0 + $1.mass }
    guard acceptance > 0 else {
      throw SelectionError(
        field: .tau, rule: "keeps no outputs: P(P >= \(tau)) underflows to 0 in double precision")
    }
    let rejected = below(tau)
    let kl = acceptance > 0.5 ? -log1p(-rejected) : -log(acceptance)
    return ThresholdSelection(
      threshold: tau, acceptance: acceptance, outcome: MomentPiece.combine(pieces, kl: max(0, kl)))
  }

  /// Keep the top fraction q by P, ties at the atom broken uniformly at random.
  ///
  /// tau solves P(P > tau) = q (Brent on the log scale, so q down to 1e-300 keeps its digits).
  /// When the atom straddles q (P(P > 0) < q <= P(P >= 0)), tau = 0 and a share
  /// θ = (q − P(P > 0)) / atom of the atom is kept; the selected law then has density ratio 1/q
  /// off the atom and θ/q on it, so KL = −ln q + (θ · atom / q) ln θ <= −ln q.
  ///
  /// - Complexity: the root search (O(parts) per step) plus one threshold evaluation.
  public func quantile(_ q: Double) throws(SelectionError) -> QuantileSelection {
    guard q > 0, q <= 1 else {
      throw SelectionError(field: .q, rule: "must be in (0, 1] (got \(q))")
    }
    try requireVariation(.q)
    if q == 1 {
      return QuantileSelection(fraction: 1, threshold: -.infinity, outcome: baseOutcome)
    }
    let abovePositive = survival(0)
    if let atom, q > abovePositive, q <= abovePositive + atom.mass {
      let share = min(1, (q - abovePositive) / atom.mass)
      let pieces = try kept(above: 0, atomShare: share, field: .q)
      let kl = -log(q) + share * atom.mass / q * log(share)
      return QuantileSelection(
        fraction: q, threshold: 0, outcome: MomentPiece.combine(pieces, kl: max(0, kl)))
    }
    let tau = try upperQuantile(q, field: .q)
    let pieces = try kept(above: tau, atomShare: tau <= 0 ? 1 : 0, field: .q)
    return QuantileSelection(
      fraction: q, threshold: tau, outcome: MomentPiece.combine(pieces, kl: -log(q)))
  }

  /// The base law as an outcome (KL 0).
  var baseOutcome: SelectionOutcome {
    SelectionOutcome(
      meanTruth: moments.meanTruth, meanPersuasiveness: moments.meanPersuasiveness,
      varianceTruth: moments.varianceTruth, variancePersuasiveness: moments.variancePersuasiveness,
      kl: 0)
  }

  /// ln P(P > p) = ln(Σ w_i Q_i(p) + atom · 1{p < 0}), by log-sum-exp over the parts' log tails.
  func logSurvival(_ p: Double) -> Double {
    var logs = parts.map { log($0.weight) + $0.law.logSurvival((p - $0.location) / $0.scale) }
    if p < 0, atomMass > 0 { logs.append(log(atomMass)) }
    guard let top = logs.max(), top > -.infinity else { return -.infinity }
    return top + log(logs.reduce(0) { $0 + exp($1 - top) })
  }

  /// The p with P(P > p) = q, for q in (0, 1) off the atom's jump.
  func upperQuantile(_ q: Double, field: SelectionField) throws(SelectionError) -> Double {
    let target = log(q)
    let guesses = parts.map { $0.location + $0.scale * $0.law.upperQuantile(q) }
    let spread = smallestScale
    var low = (guesses.min() ?? 0) - spread
    var high = (guesses.max() ?? 0) + spread
    var step = high - low
    // (A `for … where` would evaluate the condition on all 200 rounds; these stop.)
    var rounds = 0
    while rounds < 200, logSurvival(low) < target {
      low -= step
      step *= 2
      rounds += 1
    }
    step = high - low
    rounds = 0
    while rounds < 200, logSurvival(high) > target {
      high += step
      step *= 2
      rounds += 1
    }
    let finder = RootFinder(
      absoluteTolerance: 0, relativeTolerance: 1e-15, maximumIterations: 300,
      operation: "quantile of the mixture")
    do {
      // Beyond a support that ends (a fitted tail with ξ < 0) ln Q is −∞: clamped finite, so
      // the bracket holds.
      return try finder.root(of: { max(logSurvival($0), -1e300) - target }, between: low, and: high)
    } catch {
      throw SelectionError(field: field, rule: "no threshold keeps this fraction (\(error))")
    }
  }

  /// The pieces of the law kept above tau: each part's P >= tau, and `atomShare` of the atom.
  func kept(above tau: Double, atomShare: Double, field: SelectionField) throws(SelectionError)
    -> [MomentPiece]
  {
    var pieces: [MomentPiece] = []
    for part in parts {
      let z = (tau - part.location) / part.scale
      let tail: TailMoments
      do { tail = try part.law.tailMoments(above: z) } catch {
        throw SelectionError(field: field, rule: "could not be computed by quadrature (\(error))")
      }
      guard tail.survival > 0 else { continue }
      let shift = tail.first.map { $0 / tail.survival }
      let spread = tail.second.flatMap { second in shift.map { second / tail.survival - $0 * $0 } }
      let meanP = shift.map { tau + part.scale * $0 }
      let varianceP = spread.map { part.scale * part.scale * max(0, $0) }
      let r = part.truthRatio
      pieces.append(
        MomentPiece(
          mass: part.weight * tail.survival, meanPersuasiveness: meanP,
          variancePersuasiveness: varianceP, meanTruth: r == 0 ? 0 : meanP.map { r * $0 },
          varianceTruth: r == 0 ? 0 : varianceP.map { r * r * $0 }))
    }
    if let atom, atomShare > 0 { pieces.append(atom.piece(mass: atomShare * atom.mass)) }
    return pieces
  }
}
