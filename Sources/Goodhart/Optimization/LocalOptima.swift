/// The verified KKT points one search met at one β: the best of them (the reported optimum) and
/// the other local optima, which a sweep over β follows to the next β.
struct LocalOptima {
  /// The verified point with the largest J (the first of equals).
  private(set) var best: ExactOptimum? = nil
  /// Every verified point, one per local optimum (points closer than 1e-9 in L1 count once,
  /// the better kept), best first after `sorted`.
  private(set) var all: [ExactOptimum] = []
  /// The smallest KKT residual seen, verified or not (for the error message).
  private(set) var smallestResidual = Double.infinity

  /// Σ |a_i − b_i|.
  static func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) }
  }

  /// Records a checked point; true when it is verified and beats the best so far.
  @discardableResult
  mutating func consider(_ checked: (candidate: ExactOptimum?, residual: Double)) -> Bool {
    smallestResidual = min(smallestResidual, checked.residual)
    guard let candidate = checked.candidate else { return false }
    let weights = candidate.outcome.weights
    if let twin = all.firstIndex(where: { LocalOptima.distance($0.outcome.weights, weights) < 1e-9 }) {
      if candidate.outcome.objective > all[twin].outcome.objective { all[twin] = candidate }
    } else {
      all.append(candidate)
    }
    guard candidate.outcome.objective > best?.outcome.objective ?? -.infinity else { return false }
    best = candidate
    return true
  }

  /// Everything `other` found as well (its best replaces ours only if strictly better).
  mutating func merge(_ other: LocalOptima) {
    smallestResidual = min(smallestResidual, other.smallestResidual)
    for point in other.all { consider((point, point.kktResidual)) }
  }

  /// The best point, or the error of `optimum(beta:)` when none was verified.
  func optimum(beta: Double) throws(OptimisationError) -> ExactOptimum {
    guard let best else {
      throw OptimisationError(
        field: .beta,
        rule: "the optimum for beta \(beta) could not be verified (smallest KKT residual \(smallestResidual))")
    }
    return best
  }
}
