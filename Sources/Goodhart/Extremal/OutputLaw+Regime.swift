import Foundation

extension OutputLaw {
  /// The regime of best-of-n: E[T] at `count` log-spaced n in [1, maximumN], its peak, its value
  /// at maximumN and the verdict (see `GoodhartRegime`).
  ///
  /// - Parameters:
  ///   - count: number of points, 3...1000 (default 60).
  ///   - maximumN: the largest n, in (1, 10^15] (default 10^12).
  /// - Throws: `SelectionError` naming `points` or `max_n` out of range, `model` when E[T] does
  ///   not exist (a submodule with a_i ≠ 0 has no mean), or a quadrature failure (naming `n`).
  /// - Complexity: `count` best-of-n evaluations (`bestOfNMeans(at:)`: for two non-normal
  ///   components spread over the available cores, all through one checked table).
  public func goodhartRegime(count: Int = 60, maximumN: Double = 1e12) throws(SelectionError)
    -> GoodhartRegime
  {
    guard (3...1000).contains(count) else {
      throw SelectionError(field: .points, rule: "must be an integer in 3...1000 (got \(count))")
    }
    guard maximumN.isFinite, maximumN > 1, maximumN <= 1e15 else {
      throw SelectionError(field: .maxN, rule: "must be in (1, 10^15] (got \(maximumN))")
    }
    guard moments.meanTruth != nil else {
      throw SelectionError(
        field: .model,
        rule: "E[T] does not exist (a submodule that carries truth has no mean: Cauchy, or Student-t with dof <= 1), so there is no curve of mean truth")
    }
    let grid = (0..<count).map { index in
      index == count - 1 ? maximumN : pow(10, log10(maximumN) * Double(index) / Double(count - 1))
    }
    let evaluators = regimeEvaluators()
    let outcomes = try evaluators.curve(grid)
    var points: [GoodhartRegime.Point] = []
    for (n, outcome) in zip(grid, outcomes) {
      points.append(
        GoodhartRegime.Point(
          n: n, meanTruth: outcome.meanTruth ?? .nan, meanPersuasiveness: outcome.meanPersuasiveness,
          kl: outcome.kl))
    }
    // The no-gain test's scale of T: its standard deviation where it exists.
    var regime = GoodhartRegime(
      points: points, truthScale: moments.varianceTruth.map { $0.squareRoot() } ?? 0)
    regime.truePeak = try truePeak(of: points, evaluate: evaluators.bestOfN)
    regime.bestQuantilizer = bestQuantilizer(evaluate: evaluators.quantile)
    return regime
  }

  /// The maximiser of E[T] over real n, refined by Brent's method on ln n between the
  /// grid neighbours of the best grid point; `nil` when the best grid point is an end of the
  /// range or no more than rounding (1e-12 relative) above the curve's last value.
  private func truePeak(
    of points: [GoodhartRegime.Point], evaluate: (Double) throws(SelectionError) -> SelectionOutcome
  ) throws(SelectionError) -> GoodhartRegime.Point? {
    guard let best = points.indices.max(by: { points[$0].meanTruth < points[$1].meanTruth }),
      best > 0, best < points.count - 1
    else { return nil }
    guard Self.risesAboveRounding(points[best].meanTruth, over: points[points.count - 1].meanTruth)
    else { return nil }
    let n = try refinedMaximum(
      low: log(points[best - 1].n), high: log(points[best + 1].n)
    ) { x throws(SelectionError) in try evaluate(exp(x)).meanTruth ?? -.infinity }
    let outcome = try evaluate(exp(n))
    return GoodhartRegime.Point(
      n: exp(n), meanTruth: outcome.meanTruth ?? .nan, meanPersuasiveness: outcome.meanPersuasiveness,
      kl: outcome.kl)
  }

  /// The quantilizer with the largest E[T]: 19 fractions q = 10^(−j/3), 1 >= q >= 1e-6, then
  /// Brent's method on ln q between the best one's neighbours; q = 1 when no filtering
  /// helps, `nil` when the best is the smallest q tried (E[T] still rising as q → 0) or no more
  /// than rounding (1e-12 relative) above the value there (a plateau: Laplace), or when a
  /// quantile cannot be computed (the regime itself does not depend on it).
  private func bestQuantilizer(evaluate: (Double) throws(SelectionError) -> SelectionOutcome)
    -> GoodhartRegime.QuantilizerPoint?
  {
    do { return try searchBestQuantilizer(evaluate: evaluate) } catch { return nil }
  }

  private func searchBestQuantilizer(evaluate: (Double) throws(SelectionError) -> SelectionOutcome)
    throws(SelectionError) -> GoodhartRegime.QuantilizerPoint?
  {
    let fractions = (0...18).map { pow(10, -Double($0) / 3) }
    var truths: [Double] = []
    for q in fractions { truths.append(try evaluate(q).meanTruth ?? -.infinity) }
    guard let best = truths.indices.max(by: { truths[$0] < truths[$1] }), best < fractions.count - 1,
      Self.risesAboveRounding(truths[best], over: truths[fractions.count - 1])
    else { return nil }
    let q: Double
    if best == 0 {
      q = 1
    } else {
      q = exp(
        try refinedMaximum(low: log(fractions[best + 1]), high: log(fractions[best - 1])) {
          x throws(SelectionError) in try evaluate(exp(x)).meanTruth ?? -.infinity
        })
    }
    let outcome = try evaluate(q)
    return GoodhartRegime.QuantilizerPoint(
      q: q, meanTruth: outcome.meanTruth ?? .nan, meanPersuasiveness: outcome.meanPersuasiveness,
      kl: outcome.kl)
  }

  /// The regime's evaluations, means only: the curve's best-of-n at many n, and best-of-n and the
  /// quantilizer at one parameter for the searches of the peak and the best quantilizer. On the
  /// quadrature route all three go through one checked table of the law of S built here (the
  /// searches read the segments the curve built), and skip the variances.
  private func regimeEvaluators() -> (
    curve: ([Double]) throws(SelectionError) -> [SelectionOutcome],
    bestOfN: (Double) throws(SelectionError) -> SelectionOutcome,
    quantile: (Double) throws(SelectionError) -> SelectionOutcome
  ) {
    guard let law = self as? PersuasionLaw else {
      return (
        { counts throws(SelectionError) in try bestOfNMeans(at: counts) },
        { n throws(SelectionError) in try bestOfNMeans(at: [n])[0] },
        { q throws(SelectionError) in try quantile(q).outcome.meansOnly }
      )
    }
    let table = law.makeTable()
    return (
      { counts throws(SelectionError) in try law.bestOfNMeans(at: counts, table: table) },
      { n throws(SelectionError) in try law.bestOfN(n, table: table, dispersion: false) },
      { q throws(SelectionError) in try law.quantile(q, table: table, dispersion: false).outcome }
    )
  }

  /// Whether the best E[T] of a search lies more than rounding (1e-12 relative) above its value
  /// at the far end of the range: otherwise the curve is flat there (a plateau) and its "best"
  /// point is noise, not a maximiser.
  private static func risesAboveRounding(_ top: Double, over end: Double) -> Bool {
    top - end > 1e-12 * max(1, abs(top))
  }

  /// The maximiser of a unimodal `f` on [low, high] by Brent's method (`BrentMaximum`: each
  /// evaluation is a best-of-n or a quantile, so the parabolic steps pay), to a bracket of
  /// 1e-9 (2|x| + 1) (f's own rounding limits the maximiser to about the square root of its
  /// relative accuracy; the maximum itself to that accuracy).
  private func refinedMaximum(
    low: Double, high: Double, _ f: (Double) throws(SelectionError) -> Double
  ) throws(SelectionError) -> Double {
    try BrentMaximum.maximum(low: low, high: high, width: 1e-9, rounds: 200, f).point
  }
}

