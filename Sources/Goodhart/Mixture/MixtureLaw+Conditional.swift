import Foundation

extension MixtureLaw {
  /// The law of T given P = p.
  ///
  /// At p = 0 with an atom, the atom alone (it carries positive probability, the parts none).
  /// Elsewhere the parts' posterior weights π_i ∝ w_i f_i(p) (from log densities, so they stay
  /// defined far in the tails) give E[T | P = p] = p Σ π_i r_i and
  /// Var[T | P = p] = p² Σ π_i (r_i − r̄)².
  public func conditionalTruth(givenPersuasiveness p: Double) throws(SelectionError)
    -> ConditionalTruth
  {
    guard p.isFinite else {
      throw SelectionError(field: .persuasiveness, rule: "must be finite (got \(p))")
    }
    try requireVariation(.persuasiveness)
    if p == 0, let atom {
      return ConditionalTruth(persuasiveness: p, mean: atom.meanTruth, variance: atom.varianceTruth)
    }
    let logs = parts.map { $0.logWeightedDensity(p) }
    guard let top = logs.max(), top.isFinite else {
      throw SelectionError(
        field: .persuasiveness,
        rule: "the density of persuasiveness is 0 at \(p), so E[T | P = p] is undefined")
    }
    let raw = logs.map { exp($0 - top) }
    let total = raw.reduce(0, +)
    let posterior = raw.map { $0 / total }
    let ratio = zip(parts, posterior).reduce(0) { $0 + $1.1 * $1.0.truthRatio }
    let spread = zip(parts, posterior).reduce(0) { sum, pair in
      let offset = pair.0.truthRatio - ratio
      return sum + pair.1 * offset * offset
    }
    return ConditionalTruth(persuasiveness: p, mean: p * ratio, variance: p * p * spread)
  }
}
