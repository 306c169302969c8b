import Foundation

/// The β values at which the frontier evaluates the mixture reading's KL-penalised weights: for
/// each budget K of the grid below the vertex's KL, the β whose exact optimum
/// (`MixtureWeights.optimum(beta:)`) has KL = K, by Brent's method on ln β (the optimum's KL falls
/// as β grows); β = ∞ (the base weights) at K = 0.
struct MixtureWeightSweep {
  let family: MixtureWeights
  let grid: KLGrid
  /// KL at the vertex (β = 0): no budget above it is reachable.
  let vertexKL: Double

  /// The optima, one per reachable budget, β decreasing.
  ///
  /// - Throws: `FrontierError` naming `weight_family` when an optimum cannot be computed.
  func outcomes() throws(FrontierError) -> [WeightOutcome] {
    var outcomes: [WeightOutcome] = []
    for kl in grid.values where kl < vertexKL {
      if kl == 0 {
        outcomes.append(family.outcome(at: family.model.weights, beta: .infinity))
        continue
      }
      let beta = try beta(reaching: kl)
      do { outcomes.append(try family.optimum(beta: beta).outcome) } catch {
        throw FrontierError(field: .weightFamily, rule: error.description)
      }
    }
    return outcomes
  }

  /// β with KL(optimum(β)) = `kl`: the bracket grows by factors of 4 from β = 1 (at most to
  /// 1e-12 and 1e12, whose ends are returned when the KL lies beyond), then Brent on ln β.
  private func beta(reaching kl: Double) throws(FrontierError) -> Double {
    var failure: OptimisationError? = nil
    func excess(_ logBeta: Double) -> Double {
      guard failure == nil else { return 0 }
      do { return try family.optimum(beta: exp(logBeta)).outcome.kl - kl } catch {
        failure = error
        return 0
      }
    }
    var (low, high) = (0.0, 0.0)
    while excess(high) > 0, high < log(1e12) { high += log(4) }
    while excess(low) < 0, low > log(1e-12) { low -= log(4) }
    if let failure { throw FrontierError(field: .weightFamily, rule: failure.description) }
    if excess(low) <= 0 { return exp(low) }
    if excess(high) >= 0 { return exp(high) }
    let finder = RootFinder(
      absoluteTolerance: 1e-12, relativeTolerance: 1e-12, maximumIterations: 200,
      operation: "β of the mixture weights' KL")
    let root: Double
    do { root = try finder.root(of: excess, between: low, and: high) } catch {
      throw FrontierError(field: .weightFamily, rule: "\(error)")
    }
    if let failure { throw FrontierError(field: .weightFamily, rule: failure.description) }
    return exp(root)
  }
}
