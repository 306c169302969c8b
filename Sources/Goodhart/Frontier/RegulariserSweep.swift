import Foundation

/// The weights' optimum under a regulariser other than the output-law KL, swept over β and
/// placed on the frontier by the output-law KL of the weights it picks, so that every
/// regulariser's family is read on the same axis as the filters.
///
/// β runs log-evenly from 10^4 down to 10^−4 (`points` values, the base weights first at β = ∞);
/// each optimum is `Model.regularisedOptimum` on the simplex: a closed form for weight-kl and
/// weight decay; for the KL on P certified global where the branch and bound settles within
/// `nodeBudget` boxes, else the ascent's local optimum from the base weights;
/// points whose output-law KL exceeds the grid's largest budget, or is infinite, are left out.
struct RegulariserSweep {
  /// The boxes the branch and bound may spend on one β before the sweep takes the ascent's
  /// local optimum (the KL on P alone is slow to certify at large β, near the base weights).
  static let nodeBudget = 2_000

  /// The largest and smallest β of the sweep.
  static let betaRange: ClosedRange<Double> = 1e-4...1e4

  let model: Model
  let family: WeightFamily
  let regulariser: Regulariser

  /// The frontier points, with their gaps to `reference`, in order of falling β.
  ///
  /// - Throws: `FrontierError` naming `weight_family` when an optimum cannot be computed.
  func points(count: Int, maximumKL: Double, on reference: FilteringReference)
    throws(FrontierError) -> [FrontierPoint]
  {
    let policy = FrontierPolicy.weightFamily(under: regulariser)
    var points: [FrontierPoint] = []
    if let base = reference.point(
      policy, parameter: .infinity, weights: family.outcome(at: family.baseWeights, beta: 0))
    {
      points.append(base)
    }
    let (low, high) = (log(RegulariserSweep.betaRange.lowerBound), log(RegulariserSweep.betaRange.upperBound))
    for index in 0..<max(1, count - 1) {
      let fraction = count > 2 ? Double(index) / Double(count - 2) : 0
      let beta = exp(high - fraction * (high - low))
      let optimum: RegularisedOptimum
      do {
        optimum = try model.regularisedOptimum(
          beta: beta, regulariser: regulariser, domain: .simplex, nodeBudget: RegulariserSweep.nodeBudget)
      } catch {
        throw FrontierError(field: .weightFamily, rule: "\(regulariser.rawValue): \(error.description)")
      }
      let outcome = family.outcome(at: optimum.outcome.weights, beta: beta)
      guard outcome.kl.isFinite, outcome.kl <= maximumKL * (1 + 1e-12) else { continue }
      if let point = reference.point(policy, parameter: beta, weights: outcome) { points.append(point) }
    }
    return points
  }
}
