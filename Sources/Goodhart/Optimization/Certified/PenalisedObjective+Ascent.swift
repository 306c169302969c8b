extension PenalisedObjective: AscentObjective {
  /// The iterate is the point itself: the derivatives share nothing worth keeping.
  func iterate(at w: [Double]) -> [Double]? { w }

  /// J(w).
  func value(at w: [Double]) -> Double { value(w) }

  /// 1 + max |∂J/∂w_i|.
  func stationarityScale(_ w: [Double], gradient: [Double]) -> Double {
    1 + gradient.reduce(0) { max($0, abs($1)) }
  }

  /// −∇²J on `free`.
  func writeNegatedHessian(_ w: [Double], on free: [Int], into matrix: inout [[Double]]) {
    let full = hessian(w)
    for (a, i) in free.enumerated() {
      for (b, j) in free.enumerated() { matrix[a][b] = -full[i][j] }
    }
  }

  /// Rounding in the gradient leaves about 1e-14 of the scale.
  var stationarityTolerance: Double { 1e-13 }

  /// Every step raises J.
  var acceptanceSlack: Double { 0 }

  /// Active-set Newton ascent of J from `start` within `domain`, with the coordinates in `held`
  /// kept where they are (`ActiveSetAscent`). Ends at a KKT point of the domain (or where
  /// rounding stops progress); it proves nothing by itself (`BranchAndBound` does).
  func ascend(from start: [Double], domain: WeightDomain, held: Set<Int> = []) -> [Double] {
    ActiveSetAscent(objective: self, domain: domain).climb(from: start, held: held)
  }
}
