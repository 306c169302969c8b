import Foundation

/// The number of samples best-of-n may draw for a KL budget: the real n >= 1 with
/// ln n − (n − 1)/n = K.
enum BestOfNBudget {
  /// The real n whose best-of-n KL is `kl`.
  ///
  /// With u = ln n the equation is u − 1 + e^{−u} = K, increasing in u >= 0, solved by Brent's
  /// method on [0, K + 1] (where the left side exceeds K). K = 0 gives n = 1.
  ///
  /// - Parameter kl: K >= 0 and finite, in nats.
  /// - Throws: `SelectionError` naming `kl` when K is negative or not finite, or when the root
  ///   cannot be found.
  /// - Complexity: O(Brent iterations), no quadrature.
  static func samples(forKL kl: Double) throws(SelectionError) -> Double {
    guard kl.isFinite, kl >= 0 else {
      throw SelectionError(field: "kl", rule: "must be finite and >= 0 (got \(kl))")
    }
    if kl == 0 { return 1 }
    // u + expm1(−u) loses digits for small u; its series is u²/2 − u³/6 + u⁴/24 − ...
    let budget: (Double) -> Double = { u in
      let klOfU = u < 1e-2
        ? u * u * (0.5 - u * (1.0 / 6 - u * (1.0 / 24 - u / 120)))
        : u + expm1(-u)
      return klOfU - kl
    }
    let finder = RootFinder(
      absoluteTolerance: 0, relativeTolerance: 1e-14, maximumIterations: 200,
      operation: "root of the best-of-n KL budget")
    do {
      return exp(try finder.root(of: budget, between: 0, and: kl + 1))
    } catch {
      throw SelectionError(field: "kl", rule: error.description)
    }
  }
}
