/// Active-set Newton ascent of an `AscentObjective` within a weight domain, with some
/// coordinates held where they are.
///
/// Newton steps on the free coordinates (with Σ Δ = 0 on the simplex, as a bordered system), the
/// projected gradient where the Hessian gives no ascent or a step would push a zero weight
/// below 0, backtracking that never lowers J (beyond the objective's slack), coordinates that
/// reach 0 fixed there, and a fixed coordinate freed again when its derivative beats the
/// multiplier. Ends at a KKT point of the domain, or where rounding stops progress; it proves
/// nothing by itself (`BranchAndBound` and the KKT check of `ExactOptimum` do).
struct ActiveSetAscent<Objective: AscentObjective> {
  /// J.
  let objective: Objective
  /// Where the weights live.
  let domain: WeightDomain

  /// The end point of the ascent from `start`, with the coordinates in `held` unchanged.
  func climb(from start: [Double], held: Set<Int> = []) -> [Double] {
    var w = start
    let bounded = domain != .real
    let simplex = domain == .simplex
    let movable = w.indices.filter { !held.contains($0) }
    var free = movable.filter { !bounded || w[$0] > 0 }
    for _ in 0..<200 {
      guard !free.isEmpty, let point = objective.iterate(at: w) else { break }
      let current = objective.value(at: point)
      guard current.isFinite else { break }
      let g = objective.gradient(point)
      let scale = objective.stationarityScale(point, gradient: g)
      let tolerance = objective.stationarityTolerance * scale
      let onFree = free.map { g[$0] }
      let multiplier = simplex ? onFree.reduce(0, +) / Double(free.count) : 0
      let residual = onFree.reduce(0) { max($0, abs($1 - multiplier)) }
      if residual <= tolerance {
        // Stationary on this face: free the most attractive held-at-zero coordinate, if any.
        let outside = movable.filter { !free.contains($0) }
        guard let entering = outside.max(by: { g[$0] < g[$1] }), g[entering] > multiplier + tolerance
        else { break }
        free.append(entering)
        free.sort()
        continue
      }
      var direction = newtonStep(point, gradient: onFree, free: free, simplex: simplex)
      if let step = direction, bounded, zip(free, step).contains(where: { w[$0.0] == 0 && $0.1 < 0 }) {
        direction = nil
      }
      let step = direction ?? onFree.map { $0 - multiplier }
      let trusted = direction != nil && residual <= 1e-6 * scale
      guard
        let next = lineSearch(w, value: current, free: free, step: step, trustFullStep: trusted)
          ?? droppingNegligible(w, gradient: g, multiplier: multiplier, free: free)
      else { break }
      w = next
      free = free.filter { !bounded || w[$0] > 0 }
    }
    return w
  }

  /// The Newton step on the coordinates `free`: −H Δ = g, or on the simplex
  /// [−H 1; 1ᵀ 0] [Δ; ν] = [g; 0], with Σ Δ = 0 kept exactly. The ascent is measured with the
  /// projected gradient (g − mean g on the simplex), since near the optimum g·Δ is smaller than
  /// its own rounding. `nil` when the system is singular or the step is not an ascent.
  private func newtonStep(
    _ point: Objective.Iterate, gradient: [Double], free: [Int], simplex: Bool
  ) -> [Double]? {
    let k = free.count
    let size = simplex ? k + 1 : k
    var matrix = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
    objective.writeNegatedHessian(point, on: free, into: &matrix)
    if simplex {
      for a in 0..<k {
        matrix[a][k] = 1
        matrix[k][a] = 1
      }
    }
    guard let solution = solveLinearSystem(matrix, simplex ? gradient + [0] : gradient) else {
      return nil
    }
    var step = Array(solution.prefix(k))
    var mean = 0.0
    if simplex {
      let drift = step.reduce(0, +) / Double(k)
      step = step.map { $0 - drift }
      mean = gradient.reduce(0, +) / Double(k)
    }
    let ascent = zip(step, gradient).reduce(0) { $0 + $1.0 * ($1.1 - mean) }
    return ascent > 0 ? step : nil
  }

  /// `w` with every free weight of at most 1e-12 of the largest set to 0 when its derivative is
  /// below the multiplier (so that J rises, to first order, as it leaves), on the simplex
  /// renormalised; `nil` when there is none or the domain is `real`. A start from a smooth
  /// optimiser (softmax BFGS) carries such weights of 1e-14 or so: J's gain from removing one
  /// is below J's own rounding, so the line search cannot see it, and the KKT check downstream
  /// would fail on a point that is an optimum but for them. A weight dropped wrongly comes back
  /// through the entering rule.
  private func droppingNegligible(
    _ w: [Double], gradient g: [Double], multiplier: Double, free: [Int]
  ) -> [Double]? {
    guard domain != .real else { return nil }
    let largest = w.reduce(0) { max($0, abs($1)) }
    let negligible = free.filter { w[$0] <= 1e-12 * largest && g[$0] < multiplier }
    guard !negligible.isEmpty, negligible.count < free.count else { return nil }
    var next = w
    for i in negligible { next[i] = 0 }
    if domain == .simplex {
      let total = next.reduce(0, +)
      next = next.map { $0 / total }
    }
    return next
  }

  /// A backtracking step along `step` (on `free`) that stays in the domain and does not lower J
  /// by more than the objective's slack; coordinates that reach the boundary are set to exactly 0
  /// (and the simplex's sum is restored). With `trustFullStep` (a Newton step close to a
  /// stationary point, where the gain in J is below the rounding of J) the full step is taken
  /// whenever it stays in the domain. `nil` when no step moves.
  private func lineSearch(
    _ w: [Double], value current: Double, free: [Int], step: [Double], trustFullStep: Bool
  ) -> [Double]? {
    let bounded = domain != .real
    var limit = Double.infinity
    if bounded {
      for (i, change) in zip(free, step) where change < 0 { limit = min(limit, w[i] / -change) }
    }
    var alpha = min(1, limit)
    let floor = current - objective.acceptanceSlack * abs(current)
    for _ in 0..<60 {
      var next = w
      for (i, change) in zip(free, step) {
        next[i] = w[i] + alpha * change
        if bounded, next[i] <= 0 || (alpha == limit && change < 0 && next[i] <= 1e-15 * w[i]) {
          next[i] = 0
        }
      }
      if domain == .simplex {
        let total = next.reduce(0, +)
        next = next.map { $0 / total }
      }
      let candidate = objective.value(next)
      if candidate.isFinite, (trustFullStep && alpha == 1) || candidate >= floor, next != w {
        return next
      }
      alpha /= 2
    }
    return nil
  }
}
