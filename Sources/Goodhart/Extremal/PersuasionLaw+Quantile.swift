import Foundation

extension PersuasionLaw {
  /// The p with P(P > p) = q, accurate for tiny q (q = 10^−12 for best-of-n at n = 10^12).
  ///
  /// One component: μ + σ Q⁻¹(q) in closed form. Two: Brent's method on ln Q_S(s) = ln q inside
  /// the bracket [max_k σ_k Q_k⁻¹(2q), 2 max_k σ_k Q_k⁻¹(q/2)] (Q_S(s) >= Q_U(s)/2 and
  /// Q_S(s) <= Q_U(s/2) + Q_V(s/2)); q > 1/2 by symmetry.
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
  func centredUpperQuantile(_ q: Double, evaluator: PointEvaluator) throws(SelectionError)
    -> Double
  {
    if q > 0.5 { return try -centredUpperQuantile(1 - q, evaluator: evaluator) }
    if q == 0.5 { return 0 }
    switch shape {
    case .single(let c):
      return c.scale * c.law.upperQuantile(q)
    case .pair(let convolution):
      let pair = [convolution.u, convolution.v]
      let low = max(0, pair.map { $0.scale * $0.law.upperQuantile(min(2 * q, 0.5)) }.max() ?? 0)
      let high = 2 * (pair.map { $0.scale * $0.law.upperQuantile(0.5 * q) }.max() ?? 0)
      let target = log(q)
      let finder = RootFinder(
        absoluteTolerance: 0, relativeTolerance: 1e-12, maximumIterations: 200,
        operation: "root of the upper quantile of persuasiveness")
      let root: Double
      do {
        root = try finder.root(of: { s in log(evaluator.tail(s)) - target }, between: low, and: high)
      } catch {
        try evaluator.rethrow(field: .q)
        throw SelectionError(field: .q, rule: "the quantile could not be found (\(error))")
      }
      try evaluator.rethrow(field: .q)
      return root
    }
  }
}
