import Foundation

extension Model {
  /// The most submodules for which the branch and bound is tried; beyond, a local search only.
  static let certifiedSubmoduleLimit = 8
  /// The most boxes the branch and bound may bound.
  static let certifiedNodeBudget = 500_000

  /// The maximiser of a split objective over `domain`: the ascent from `start` (or from w0),
  /// then the branch and bound that certifies it (or finds a better point and certifies that).
  ///
  /// Off the simplex the region is unbounded, so the search box is a ball outside which J is
  /// provably below the incumbent: with r = |w|, J(w) <= K + G r − ½ μ r² + λ ln(S₂ r² + S₄ r⁴)
  /// (K = constant − ½ cᵀHc, G = |g + Hc|, μ the least eigenvalue of H + diag h, S₂ = Σ α_i,
  /// S₄ = Σ_{i<j} c_ij). Weights J does not depend on at all are held at w0 (gradient ascent from
  /// w0 never moves them).
  ///
  /// With more free weights than J has statistics (`PenalisedObjective.statistics`), J is
  /// constant along a manifold of weights through every maximiser, which boxes cannot close. For
  /// the KL on P (statistics E_w[P] and Var_w P) `PersuasionKLReduction` certifies the maximum in
  /// the one variable E_w[P], on every domain; otherwise the search is not tried and the ascent's
  /// end point is returned as `local` (its J is the maximum when the ascent found the right
  /// branch, but nothing proves it).
  ///
  /// - Returns: the weights, their certificate, the rigorous upper bound of J when global, and
  ///   why not when local.
  /// - Throws: `OptimisationError` naming `domain` when J is flat along a combination of weights
  ///   off the simplex (no unique optimum).
  func certifiedOptimum(
    _ objective: PenalisedObjective, domain: WeightDomain, start: [Double]?,
    nodeBudget: Int = Model.certifiedNodeBudget
  ) throws(OptimisationError)
    -> (weights: [Double], certificate: Certificate, upperBound: Double?, whyLocal: String?)
  {
    let onSimplex = domain == .simplex
    let held = Set(onSimplex ? [] : weights.indices.filter { objective.isFlat($0) })
    let free = weights.indices.filter { !held.contains($0) }
    let incumbent = objective.ascend(from: start ?? weights, domain: domain, held: held)
    guard weights.count <= Model.certifiedSubmoduleLimit else {
      return (
        incumbent, .local, nil,
        "more than \(Model.certifiedSubmoduleLimit) submodules: the branch and bound is not tried"
      )
    }
    // More free weights than statistics: the maximisers form a continuum the boxes cannot close.
    // For the KL on P the problem reduces to one variable, E_w[P].
    let dimension = free.count - (onSimplex ? 1 : 0)
    if let statistics = objective.statistics, dimension > statistics {
      if onSimplex, let reduction = PersuasionKLReduction(objective) {
        guard let maximum = reduction.maximise(from: incumbent) else {
          return (
            incumbent, .local, nil,
            "the search over E_w[P] did not settle within \(PersuasionKLReduction.intervalBudget) intervals"
          )
        }
        return (maximum.weights, .global, maximum.upperBound, nil)
      }
      if !onSimplex, let reduction = PersuasionKLReduction(objective),
        let maximum = reduction.maximiseOffSimplex(domain: domain, from: incumbent)
      {
        return (maximum.weights, .global, maximum.upperBound, nil)
      }
      return (
        incumbent, .local, nil,
        "J depends on the \(dimension) free weights only through \(statistics) statistics, so its maximisers "
          + "form a continuum (with different E[T]); the ascent from w0 picked one"
      )
    }
    var root = WeightBox(
      lower: onSimplex ? weights.map { _ in 0 } : weights, upper: onSimplex ? weights.map { _ in 1 } : weights,
      onSimplex: onSimplex)
    if !onSimplex {
      let curvature = objective.guaranteedCurvature(free: free)
      guard curvature > 0 else {
        throw OptimisationError(
          field: .domain,
          rule: "J is flat along a combination of weights on the \(domain.rawValue) domain, so its optimum is not unique (use simplex)")
      }
      let radius = searchRadius(objective, curvature: curvature, below: objective.value(incumbent))
      for i in free {
        root.lower[i] = domain == .real ? -radius : 0
        root.upper[i] = radius
      }
    }
    let search = BranchAndBound(
      objective: objective, root: root, nodeBudget: nodeBudget)
    guard
      let maximum = search.maximise(
        from: incumbent, polish: { objective.ascend(from: $0, domain: domain, held: held) })
    else {
      return (
        incumbent, .local, nil,
        "the branch and bound did not settle within \(nodeBudget) boxes"
      )
    }
    return (maximum.weights, .global, maximum.upperBound, nil)
  }

  /// A radius beyond which J is provably below `value` (see `certifiedOptimum`).
  private func searchRadius(_ objective: PenalisedObjective, curvature: Double, below value: Double) -> Double {
    let n = objective.count
    var shifted = objective.linear
    var centreForm = 0.0
    for i in 0..<n {
      for j in 0..<n {
        shifted[i] += objective.coupling[i][j] * objective.centre[j]
        centreForm += objective.centre[i] * objective.coupling[i][j] * objective.centre[j]
      }
    }
    let k = objective.constant - 0.5 * centreForm
    let g = shifted.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let s2 = objective.squares.reduce(0, +)
    let s4 = objective.pairs.flatMap { $0 }.reduce(0, +) / 2
    let lambda = objective.logWeight
    func ceiling(_ r: Double) -> Double {
      let logTerm = lambda > 0 ? lambda * log(s2 * r * r + s4 * r * r * r * r) : 0
      return k + g * r - 0.5 * curvature * r * r + logTerm
    }
    var r = 1.0
    while r < 1e150, ceiling(r) >= value || g - curvature * r + 4 * lambda / r >= 0 { r *= 2 }
    return r
  }
}
