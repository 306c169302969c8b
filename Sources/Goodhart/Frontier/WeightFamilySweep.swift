import Foundation

/// The β values at which the frontier evaluates the KL-penalised weight family, chosen so that
/// its KLs spread over the grid's range.
///
/// KL(β) of the exact optimum falls as β grows (more penalty, less movement) and behaves like
/// c/β² for large β, so d = sqrt(KL) ≈ sqrt(c)/β there. The sweep finds β_K with KL(β_K) = K (the
/// grid's largest budget) by Brent's method on ln β, then uses β_i = β_K · d_max / d_i for the
/// grid's distances d_i > 0 (evenly spread in d where KL ≈ c/β², roughly so beyond), and β = ∞
/// (the base weights, KL = 0) for d_0 = 0.
struct WeightFamilySweep {
  let family: WeightFamily
  /// β for each grid point (∞ first).
  let betas: [Double]

  /// The sweep for `family` on `grid`, or nil when the base law is singular (the KL penalty is
  /// then undefined for β > 0).
  ///
  /// - Throws: `FrontierError` naming `weight_family` when an optimum cannot be computed.
  init?(family: WeightFamily, grid: KLGrid) throws(FrontierError) {
    guard !family.baseIsDegenerate else { return nil }
    self.family = family
    let top = try WeightFamilySweep.beta(reaching: grid.maximumKL, in: family)
    let largest = grid.maximumKL.squareRoot()
    betas = grid.values.map { kl in kl == 0 ? .infinity : top * largest / kl.squareRoot() }
  }

  /// The frontier points of the sweep, with their gaps to `reference`.
  ///
  /// The optima come from `WeightFamily.optima(betas:)`, which continues each from its
  /// neighbours' (two paths, one each way, on two threads); the result does not depend on the
  /// thread count.
  ///
  /// - Throws: `FrontierError` naming `weight_family` when an optimum cannot be computed.
  func points(on reference: FilteringReference) throws(FrontierError) -> [FrontierPoint] {
    let finite = betas.filter(\.isFinite)
    let optima: [ExactOptimum]
    do { optima = try family.optima(betas: finite) } catch {
      throw FrontierError(field: .weightFamily, rule: error.description)
    }
    var outcomes = optima.map(\.outcome)[...]
    return betas.compactMap { beta in
      let outcome =
        beta.isInfinite
        ? family.outcome(at: family.baseWeights, beta: 0) : outcomes.removeFirst()
      return reference.point(.weightFamily, parameter: beta, weights: outcome)
    }
  }

  /// β with KL(optimum(β)) = `kl`, or the smallest β tried (1e-60 of the start) if the KL stays
  /// below `kl` even there.
  static func beta(reaching kl: Double, in family: WeightFamily) throws(FrontierError) -> Double {
    let target = log(kl)
    // Each evaluation continues from the previous one's local optima (`OptimumPath`).
    var path = OptimumPath(family: family)
    func excess(_ logBeta: Double) throws(FrontierError) -> Double {
      let beta = exp(logBeta)
      let optimum: ExactOptimum
      do {
        optimum =
          beta.isFinite && beta > 0
          ? try path.search(beta: beta).optimum(beta: beta) : try family.optimum(beta: beta)
      } catch {
        throw FrontierError(field: .weightFamily, rule: error.description)
      }
      return log(max(optimum.outcome.kl, .leastNormalMagnitude)) - target
    }
    // Start at the ideal tilt's β for this KL, the natural scale: σ_P / sqrt(2K).
    let law = family.law(at: family.baseWeights)
    let start = log(law.standardDeviationPersuasiveness / (2 * kl).squareRoot())
    var low = start
    var high = start
    var steps = 0
    while try excess(low) < 0 {
      guard steps < 60 else { return exp(low) }
      high = low
      low -= M_LN10
      steps += 1
    }
    steps = 0
    while try excess(high) > 0 {
      guard steps < 60 else { return exp(high) }
      low = high
      high += M_LN10
      steps += 1
    }
    // Brent needs a non-throwing function: failures are carried out and rethrown.
    var failure: FrontierError? = nil
    let finder = RootFinder(
      absoluteTolerance: 0, relativeTolerance: 1e-8, maximumIterations: 100,
      operation: "root of the weight family's KL budget")
    let root: Double
    do throws(NumericalError) {
      root = try finder.root(
        of: { (logBeta: Double) -> Double in
          do throws(FrontierError) { return try excess(logBeta) } catch {
            failure = error
            return .nan
          }
        }, between: low, and: high)
    } catch {
      throw failure ?? FrontierError(field: .weightFamily, rule: error.description)
    }
    if let failure { throw failure }
    return exp(root)
  }
}
