import Foundation

/// The global maximum of a `PenalisedObjective` over a `WeightBox` region, by branch and bound
/// with rigorous bounds (Docs/Optimization.md, "The certified optimum"). First, and again at each
/// better point found, the Lagrangian bound over the whole region
/// (`PenalisedObjective.lagrangianBound(at:over:)`) may settle the question with no box at all.
/// On each box, the smallest of:
///
/// - the monotone bound: φ is concave, so φ(w) <= φ(x) + ∇φ(x)·(w − x), and D grows with every
///   |w_i|, so ln D(w) <= ln D(max |w|);
/// - the secant bound: J <= R on the box, with R the concave secant relaxation
///   (`PenalisedObjective.secantRelaxation`), so J <= R(x) + max_w ∇R(x)·(w − x);
/// - the αBB bound (Adjiman et al. 1998), where D > 0 on the whole box: an interval enclosure of
///   ∇²J gives shifts α_i >= 0 (`concavityShifts(of:centre:)`) that make
///   F(w) = J(w) + Σ α_i (u_i − w_i)(w_i − l_i) concave on the box; F >= J there, so
///   J <= F(x) + max_w ∇F(x)·(w − x). Where J is concave on the box (α = 0), or curves upwards
///   only across a face the box touches, the tangent plane at the incumbent closes the box at
///   once: this is what ends the search around the maximiser.
///
/// Each is taken at the box's centre and at the incumbent's projection onto the box, and carries
/// a margin for rounding (1e-12 of the size of the terms summed). A box is discarded when its
/// bound is within the tolerance of the best value found; the rest are halved across the
/// coordinate with the largest secant gap (`PenalisedObjective.largestSecantGap`), or the longest
/// edge. When every box is discarded, no point of the region beats the incumbent by
/// more than `relativeTolerance · max(1, |J|)` plus that margin.
struct BranchAndBound: Sendable {
  /// The objective.
  let objective: PenalisedObjective
  /// The whole region.
  let root: WeightBox
  /// The most boxes bounded before giving up (then no certificate).
  let nodeBudget: Int

  /// A box is closed when its bound is at most the incumbent plus this times max(1, |J|): a
  /// quarter of the promise `Certificate.global` makes.
  static let relativeTolerance = 2.5e-10

  /// The largest bound that closes a box (or settles the search) when the best J found is
  /// `value`: value + `relativeTolerance` · max(1, |value|).
  static func closingThreshold(above value: Double) -> Double {
    value + relativeTolerance * max(1, abs(value))
  }

  /// The certified maximum, starting from `incumbent` (a point of the region) and improving
  /// it with `polish`; `nil` when `nodeBudget` boxes did not settle the question.
  func maximise(from incumbent: [Double], polish: ([Double]) -> [Double]) -> GlobalMaximum? {
    var best = incumbent
    var bestValue = objective.value(incumbent)
    var largestClosedBound = -Double.infinity
    var stack = [root].compactMap { $0.tightened() }
    var nodes = 0
    if let settled = settledAtOnce(best, value: bestValue, nodes: nodes) { return settled }
    while let box = stack.popLast() {
      nodes += 1
      if nodes > nodeBudget { return nil }
      let centre = box.centre
      let value = objective.value(centre)
      if value > bestValue {
        let polished = polish(centre)
        let polishedValue = objective.value(polished)
        (best, bestValue) = polishedValue > value ? (polished, polishedValue) : (centre, value)
        if let settled = settledAtOnce(best, value: bestValue, nodes: nodes) { return settled }
      }
      let threshold = BranchAndBound.closingThreshold(above: bestValue)
      let (bound, axis) = upperBound(of: box, centre: centre, incumbent: best, threshold: threshold)
      if bound <= threshold {
        largestClosedBound = max(largestClosedBound, bound)
        continue
      }
      let (left, right) = box.halves(across: axis)
      for half in [left, right] {
        if let region = half.tightened() { stack.append(region) }
      }
    }
    return GlobalMaximum(
      weights: best, value: bestValue, upperBound: max(bestValue, largestClosedBound), nodes: nodes)
  }

  /// The maximum certified from the incumbent alone by the Lagrangian bound over the whole
  /// region (`PenalisedObjective.lagrangianBound(at:over:)`), or `nil` when that bound is above
  /// the closing threshold and boxes are needed.
  private func settledAtOnce(_ incumbent: [Double], value: Double, nodes: Int) -> GlobalMaximum? {
    let threshold = BranchAndBound.closingThreshold(above: value)
    guard let bound = objective.lagrangianBound(at: incumbent, over: root), bound <= threshold else { return nil }
    return GlobalMaximum(weights: incumbent, value: value, upperBound: max(value, bound), nodes: nodes)
  }

  /// An upper bound of J over `box` (rounding margin included), and the coordinate whose secant
  /// gap is largest at the relaxation's maximiser (where to split, if the box stays open); it
  /// stops refining once the bound is at most `threshold`.
  func upperBound(of box: WeightBox, centre: [Double], incumbent: [Double], threshold: Double)
    -> (Double, Int?)
  {
    let largest = box.largestMagnitudes
    var bound = Double.infinity
    func consider(_ value: Double, at point: [Double], gradient g: [Double]) {
      let tangent = box.linearMaximum(g) - zip(g, point).reduce(0) { $0 + $1.0 * $1.1 }
      let linear = zip(g, largest).reduce(0) { $0 + abs($1.0) * $1.1 }
      bound = min(bound, value + tangent + 1e-12 * (objective.magnitude(point) + 2 * linear))
    }
    if objective.logWeight > 0 {
      let ceiling = objective.determinant(largest)
      guard ceiling > 0 else { return (-.infinity, nil) }
      consider(
        objective.quadratic(centre) + objective.logWeight * log(ceiling), at: centre,
        gradient: objective.quadraticGradient(centre))
      if bound <= threshold { return (bound, nil) }
    }
    let projected = box.projection(of: incumbent)
    var axis: Int?
    if let (value, g, point) = relaxationAscent(in: box, from: [centre, projected]) {
      consider(value, at: point, gradient: g)
      if bound <= threshold { return (bound, nil) }
      axis = objective.largestSecantGap(at: point, lower: box.lower, upper: box.upper)
    }
    for shifts in concavityShifts(of: box, centre: centre) {
      for point in [projected, centre] {
        var f = objective.value(point)
        guard f.isFinite else { continue }
        var g = objective.gradient(point)
        for (i, alpha) in shifts.enumerated() where alpha > 0 {
          f += alpha * (box.upper[i] - point[i]) * (point[i] - box.lower[i])
          g[i] += alpha * (box.upper[i] + box.lower[i] - 2 * point[i])
        }
        consider(f, at: point, gradient: g)
        if bound <= threshold { return (bound, nil) }
      }
    }
    return (bound, axis)
  }

  /// The secant relaxation R (concave) climbed by projected gradient ascent with backtracking
  /// (`relaxationSteps` steps) from the better of `starts`: the tangent plane at a point near
  /// the maximiser of R over the box bounds J far more tightly than the one at the centre.
  /// Returns R, ∇R and the point (`nil` where R is −∞ at every start).
  func relaxationAscent(in box: WeightBox, from starts: [[Double]]) -> (Double, [Double], [Double])? {
    func relaxation(_ w: [Double]) -> (Double, [Double])? {
      objective.secantRelaxation(at: w, lower: box.lower, upper: box.upper)
    }
    var current: (Double, [Double], [Double])?
    for start in starts {
      if let (value, g) = relaxation(start), value > current?.0 ?? -.infinity { current = (value, g, start) }
    }
    guard var (value, g, point) = current else { return nil }
    var step = 1 / max(1e-300, objective.stiffness)
    for _ in 0..<BranchAndBound.relaxationSteps {
      var moved = false
      for _ in 0..<20 {
        let next = box.projection(of: zip(point, g).map { $0 + step * $1 })
        if let (nextValue, nextG) = relaxation(next), nextValue > value {
          (value, g, point) = (nextValue, nextG, next)
          step *= 2
          moved = true
          break
        }
        step /= 4
      }
      if !moved { break }
    }
    return (value, g, point)
  }

  /// How many projected-gradient steps the relaxation bound takes.
  static let relaxationSteps = 12

  /// Shifts α_i >= 0 with ∇²J − 2 diag(α) ⪯ 0 over the box, on the region's plane, so that
  /// F(w) = J(w) + Σ α_i (u_i − w_i)(w_i − l_i) is concave there. Every symmetric matrix in the
  /// Hessian's interval enclosure is M + E with M the midpoint matrix and |E_ij| <= the radii,
  /// so M + E ⪯ M + ρ I with ρ the largest row sum of the radii (Gershgorin). Two choices:
  ///
  /// - uniform: α_i = ½ max(0, λmax(M) + ρ);
  /// - on the faces the box touches (S = {i : l_i = 0}), zero elsewhere (C): valid when
  ///   M_CC + ρI ≺ 0, with α_S = ½ max(0, λmax of the Schur complement
  ///   M_SS + ρI − M_SC (M_CC + ρI)⁻¹ M_CS). At a maximiser on a face, J may curve upwards
  ///   across the face; this shift costs nothing on the face itself.
  ///
  /// On the simplex the plane is parametrised by every coordinate but r, the largest at the
  /// centre (w_r = 1 − Σ_{i≠r} w_i), so the reduced Hessian is H_ij − H_ir − H_rj + H_rr and
  /// α_r = 0. Empty where D can vanish on the box. Margins for rounding are added.
  func concavityShifts(of box: WeightBox, centre: [Double]) -> [[Double]] {
    guard let h = objective.hessianEnclosure(lower: box.lower, upper: box.upper) else { return [] }
    let n = h.count
    let size = h.flatMap { $0 }.reduce(0) { max($0, $1.magnitude) }
    let r = box.onSimplex && n > 1 ? centre.indices.max { centre[$0] < centre[$1] } : nil
    let kept = (0..<n).filter { $0 != r }
    let enclosure: [[Interval]] =
      if let r {
        kept.map { i in
          kept.map { j in
            i == j ? h[i][i] - 2 * h[i][r] + h[r][r] : h[i][j] - h[i][r] - h[r][j] + h[r][r]
          }
        }
      } else { h }
    let midpoint = enclosure.map { row in row.map { 0.5 * ($0.lo + $0.hi) } }
    let spread = (enclosure.map { row in row.reduce(0) { $0 + 0.5 * ($1.hi - $1.lo) } }.max() ?? 0)
      + 4e-12 * size
    func spreadOut(_ alphas: [Double]) -> [Double] {
      var shifts = [Double](repeating: 0, count: n)
      for (index, i) in kept.enumerated() { shifts[i] = alphas[index] }
      return shifts
    }
    let uniform = 0.5 * max(0, (symmetricEigenvalues(midpoint).last ?? 0) + spread)
    var candidates = [spreadOut(kept.map { _ in uniform })]
    guard uniform > 0 else { return candidates }
    let faces = kept.indices.filter { box.lower[kept[$0]] == 0 }
    let inside = kept.indices.filter { box.lower[kept[$0]] != 0 }
    guard !faces.isEmpty else { return candidates }
    let interior = inside.map { i in inside.map { j in midpoint[i][j] + (i == j ? spread : 0) } }
    guard inside.isEmpty || (symmetricEigenvalues(interior).last ?? 0) < 0 else { return candidates }
    var schur = faces.map { i in faces.map { j in midpoint[i][j] + (i == j ? spread : 0) } }
    if !inside.isEmpty {
      for (b, j) in faces.enumerated() {
        guard let column = solveLinearSystem(interior, inside.map { midpoint[$0][j] }) else { return candidates }
        for (a, i) in faces.enumerated() {
          schur[a][b] -= zip(inside, column).reduce(0) { $0 + midpoint[i][$1.0] * $1.1 }
        }
      }
      for a in faces.indices { for b in 0..<a { schur[a][b] = 0.5 * (schur[a][b] + schur[b][a]); schur[b][a] = schur[a][b] } }
    }
    let faceShift = 0.5 * max(0, (symmetricEigenvalues(schur).last ?? 0) * (1 + 1e-9) + 1e-12 * size)
    var alphas = kept.map { _ in 0.0 }
    for a in faces { alphas[a] = faceShift }
    candidates.append(spreadOut(alphas))
    return candidates
  }
}
