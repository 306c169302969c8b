extension PenalisedObjective {
  /// Active-set Newton ascent of J from `start` within `domain`, with the coordinates in `held`
  /// kept where they are: Newton steps on the free coordinates (with Σ Δ = 0 on the simplex),
  /// the projected gradient where the Hessian gives no ascent, backtracking that never lowers J,
  /// coordinates that reach 0 fixed there, and a fixed coordinate freed again when its
  /// derivative beats the multiplier. Ends at a KKT point of the domain (or where rounding stops
  /// progress); it proves nothing by itself (`BranchAndBound` does).
  func ascend(from start: [Double], domain: WeightDomain, held: Set<Int> = []) -> [Double] {
    var w = start
    let bounded = domain != .real
    let movable = w.indices.filter { !held.contains($0) }
    var free = movable.filter { !bounded || w[$0] > 0 }
    for _ in 0..<200 {
      let current = value(w)
      guard current.isFinite, !free.isEmpty else { break }
      let g = gradient(w)
      let scale = 1 + g.reduce(0) { max($0, abs($1)) }
      let multiplier = domain == .simplex ? free.reduce(0) { $0 + g[$1] } / Double(free.count) : 0
      let residual = free.reduce(0) { max($0, abs(g[$1] - multiplier)) }
      if residual <= 1e-13 * scale {
        let outside = movable.filter { !free.contains($0) }
        guard let entering = outside.max(by: { g[$0] < g[$1] }),
          g[entering] > multiplier + 1e-13 * scale
        else { break }
        free.append(entering)
        free.sort()
        continue
      }
      let projected = free.map { g[$0] - multiplier }
      var direction = newtonStep(at: w, gradient: projected, free: free, simplex: domain == .simplex)
      if let step = direction, bounded, zip(free, step).contains(where: { w[$0.0] == 0 && $0.1 < 0 }) {
        direction = nil
      }
      let step = direction ?? projected
      var limit = Double.infinity
      if bounded {
        for (i, change) in zip(free, step) where change < 0 { limit = min(limit, w[i] / -change) }
      }
      var alpha = min(1, limit)
      var moved = false
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
        let trusted = direction != nil && alpha == 1 && residual <= 1e-6 * scale
        let candidate = value(next)
        if candidate.isFinite, trusted || candidate >= current, next != w {
          w = next
          moved = true
          break
        }
        alpha /= 2
      }
      guard moved else { break }
      free = free.filter { !bounded || w[$0] > 0 }
    }
    return w
  }

  /// The Newton step on the coordinates `free` (Σ Δ = 0 when `simplex`), or `nil` when the
  /// system is singular or the step is not an ascent.
  private func newtonStep(at w: [Double], gradient: [Double], free: [Int], simplex: Bool) -> [Double]? {
    let full = hessian(w)
    let k = free.count
    let size = simplex ? k + 1 : k
    var matrix = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
    for (a, i) in free.enumerated() {
      for (b, j) in free.enumerated() { matrix[a][b] = -full[i][j] }
      if simplex {
        matrix[a][k] = 1
        matrix[k][a] = 1
      }
    }
    guard let solution = solveLinearSystem(matrix, simplex ? gradient + [0] : gradient) else { return nil }
    var step = Array(solution.prefix(k))
    if simplex {
      let drift = step.reduce(0, +) / Double(k)
      step = step.map { $0 - drift }
    }
    let ascent = zip(step, gradient).reduce(0) { $0 + $1.0 * $1.1 }
    return ascent > 0 ? step : nil
  }
}
