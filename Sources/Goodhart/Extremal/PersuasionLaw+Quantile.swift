import Foundation

extension PersuasionLaw {
  /// The p with P(P > p) = q, accurate for tiny q (q = 10^−12 for best-of-n at n = 10^12).
  ///
  /// One component: μ + σ Q⁻¹(q) in closed form. Two: Brent's method on the log of the tail on
  /// the root's side of 0 (`centredUpperQuantile`).
  ///
  /// - Parameter q: in (0, 1).
  /// - Throws: `SelectionError` naming `q` outside (0, 1) or when the root is not found.
  /// - Complexity: about 10–40 inner quadratures (two components).
  public func upperQuantile(_ q: Double) throws(SelectionError) -> Double {
    guard q > 0, q < 1 else {
      throw SelectionError(field: .q, rule: "must be in (0, 1) (got \(q))")
    }
    return try location + centredUpperQuantile(q, evaluator: PointEvaluator(self))
  }

  /// Q_S⁻¹(q) for the centred sum S, q in (0, 1).
  ///
  /// For K >= 2 components the root lies on the side of 0 that Q_S(0) decides: s >= 0 when
  /// q <= Q_S(0) (1/2 for a symmetric S), where Brent's method solves ln Q_S(s) = ln q inside the
  /// bracket [low, K max_k σ_k Q_k⁻¹(q/K)] (Q_S(s) <= Σ_k Q_k(s/K)), with
  /// low = max_k σ_k Q_k⁻¹(min(2q, 1/2)) for two (Q_S(s) >= Q_U(s)/2, as V is centred at its
  /// median) and 0 for more; otherwise the mirrored sum −S at 1 − q, so F_S is never computed as
  /// 1 − Q_S.
  func centredUpperQuantile(_ q: Double, evaluator: PointEvaluator, field: SelectionField = .q)
    throws(SelectionError) -> Double
  {
    if isSymmetric {
      if q > 0.5 { return try -centredUpperQuantile(1 - q, evaluator: evaluator, field: field) }
      if q == 0.5 { return 0 }
    }
    switch shape {
    case .single(let c):
      return c.scale * (q > 0.5 ? c.lowerQuantile(1 - q) : c.upperQuantile(q))
    case .sum(let sum):
      if isSymmetric || q <= evaluator.tail(0) {
        return try PersuasionLaw.rootOnRightSide(of: sum, q, evaluator: evaluator, field: field) { s in
          evaluator.tail(s)
        }
      }
      // F_S(−x) for x >= 0 (the point 0 itself belongs to the right side).
      let mirror = mirroredSum ?? sum.mirrored
      return try -PersuasionLaw.rootOnRightSide(of: mirror, 1 - q, evaluator: evaluator, field: field) { x in
        x > 0 ? evaluator.tail(-x) : 1 - evaluator.tail(0)
      }
    }
  }

  /// The s >= 0 with `tail(s)` = q for the sum `sum` whose tail at s >= 0 `tail` evaluates, given
  /// that `tail(0)` >= q; errors name `field`.
  private static func rootOnRightSide(
    of sum: any CentredSum, _ q: Double, evaluator: PointEvaluator, field: SelectionField,
    tail: @escaping (Double) -> Double
  ) throws(SelectionError) -> Double {
    try evaluator.rethrow(field: field)
    let parts = sum.components
    let count = Double(parts.count)
    // Two components: Q_S(s) >= Q_U(s)/2 (V is centred at its median); more: 0 (tail(0) >= q).
    var low =
      parts.count == 2 ? max(0, parts.map { $0.scale * $0.upperQuantile(min(2 * q, 0.5)) }.max() ?? 0) : 0
    // Q_S(low) >= q holds with near equality where a support ends; rounding can break it, and
    // 0 (where the tail is >= q) brackets the root as well.
    if low > 0, tail(low) < q { low = 0 }
    // Q_S(s) <= Σ_k Q_k(s/K) for K components.
    let high = count * (parts.map { $0.scale * $0.upperQuantile(q / count) }.max() ?? 0)
    let target = log(q)
    let finder = RootFinder(
      absoluteTolerance: 0, relativeTolerance: 1e-12, maximumIterations: 200,
      operation: "root of the upper quantile of persuasiveness")
    let root: Double
    do {
      // The tail is 0 beyond the end of a bounded S: floored, so the bracket's ends stay finite.
      root = try finder.root(
        of: { s in log(max(tail(s), Double.leastNonzeroMagnitude)) - target }, between: low, and: high)
    } catch {
      try evaluator.rethrow(field: field)
      throw SelectionError(field: field, rule: "the quantile could not be found (\(error))")
    }
    try evaluator.rethrow(field: field)
    return root
  }
}
