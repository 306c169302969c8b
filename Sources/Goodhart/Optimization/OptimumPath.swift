import Foundation
import Synchronization

/// The search for the exact optimum along a sequence of β, each step continued from the local
/// optima of the previous one.
///
/// `WeightFamily.optimum(beta:)` runs BFGS from five fixed starts at every β (nine tenths of its
/// cost). Along a sweep the local optima of J move continuously with β, so a path instead
/// polishes (active-set Newton, a few steps) each local optimum it holds from the previous β,
/// verifies the KKT conditions of every end point, and searches the neighbouring faces of the
/// best, as steps 2–4 of `optimum(beta:)` do. J is not concave and the global optimum can jump
/// to another branch, so the full multi-start search also runs, and the better answer is kept,
/// wherever such a jump could otherwise go unseen:
/// - at the first β (and after a β where nothing verified);
/// - when the best point's support differs from the previous best's (a change of face, where
///   branches are born and die).
struct OptimumPath {
  /// The family whose optima are followed.
  let family: WeightFamily
  /// The local optima at the last β (the best ones, best first): the next β's starting points.
  private var localOptima: [[Double]] = []
  /// The support of the last best point.
  private var support: [Int] = []

  /// The most local optima followed from one β to the next.
  static let followedOptima = 6

  init(family: WeightFamily) { self.family = family }

  /// The verified local optima at β, continued from the previous β's.
  ///
  /// - Parameter beta: β > 0, finite, for a family whose base law is not singular.
  mutating func search(beta: Double) -> LocalOptima {
    var found = LocalOptima()
    if !localOptima.isEmpty {
      for weights in localOptima {
        found.consider(family.verified(family.polish(weights, beta: beta), beta: beta))
      }
    }
    if found.best == nil || found.best?.support != support {
      var full = family.multiStartSearch(beta: beta)
      full.merge(found)
      found = full
    }
    localOptima = found.all.sorted { $0.outcome.objective > $1.outcome.objective }
      .prefix(OptimumPath.followedOptima).map(\.outcome.weights)
    support = found.best?.support ?? []
    return found
  }
}

extension WeightFamily {
  /// The exact maximisers of J(w) = E_w[P] − β KL(law_w || law_w0) at each of `betas`: what
  /// `optimum(beta:)` finds at each, at a fraction of the cost.
  ///
  /// Two paths (see `OptimumPath`) sweep the betas, one in the order given and one in reverse, on
  /// two threads, and the multi-start search of `optimum(beta:)` runs at every β as well (on all
  /// cores); each β's answer is the best of their verified points, so never worse than
  /// `optimum(beta:)`. Along a path a
  /// β whose optimum stays on the same face costs a few Newton polishes, and the multi-start
  /// search of `optimum(beta:)` runs at the path's first β and wherever the optimum changes face.
  /// Sweeping both ways sees a branch of local optima that is born partway through the sweep
  /// (it exists at one end). Every optimum passes the same KKT verification as `optimum(beta:)`.
  /// Order the betas monotonically, so that neighbours are close.
  ///
  /// - Parameter betas: each β >= 0, finite (β = 0 gives the vertex, as in `optimum(beta:)`).
  /// - Returns: one verified optimum per β, in the order given.
  /// - Throws: `OptimisationError` as `optimum(beta:)`: naming `beta` (the first β that is not
  ///   finite and >= 0, or whose optimum cannot be verified) or `weights` (β > 0 with a degenerate
  ///   base law).
  /// - Complexity: O(polishes · iterations · (n² + k³)) per β on a support of size k, plus one
  ///   multi-start search per path start and per change of face.
  public func optima(betas: [Double]) throws(OptimisationError) -> [ExactOptimum] {
    for beta in betas where !(beta.isFinite && beta >= 0) {
      throw OptimisationError(field: .beta, rule: "must be finite and >= 0 (got \(beta))")
    }
    if betas.contains(where: { $0 > 0 }), base.isSingular { throw OptimisationError.degenerateBase }
    let positive = betas.indices.filter { betas[$0] > 0 }
    let sweeps = Mutex([[LocalOptima]](repeating: [], count: 2))
    DispatchQueue.concurrentPerform(iterations: positive.count > 1 ? 2 : 1) { direction in
      var path = OptimumPath(family: self)
      let order = direction == 0 ? positive : positive.reversed()
      var found = order.map { path.search(beta: betas[$0]) }
      if direction == 1 { found.reverse() }
      sweeps.withLock { $0[direction] = found }
    }
    // The paths can miss a branch that is born mid-sweep and never meets a face change on
    // either path (seen on random models), so every β also gets the full multi-start search of
    // `optimum(beta:)`, on all cores: the sweep is never worse than `optimum(beta:)`, and better
    // where a path holds an optimum the multi-start search misses.
    let searches = Mutex([LocalOptima](repeating: LocalOptima(), count: positive.count))
    let workers = max(1, min(positive.count, ProcessInfo.processInfo.activeProcessorCount))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: positive.count, by: workers) {
        let found = multiStartSearch(beta: betas[positive[index]])
        searches.withLock { $0[index] = found }
      }
    }
    let full = searches.withLock { $0 }
    let (forward, backward) = sweeps.withLock { ($0[0], $0[1]) }
    var optima = [ExactOptimum]()
    optima.reserveCapacity(betas.count)
    var next = 0
    for beta in betas {
      guard beta > 0 else {
        optima.append(vertexOptimum())
        continue
      }
      var found = full[next]
      found.merge(forward[next])
      if !backward.isEmpty { found.merge(backward[next]) }
      next += 1
      optima.append(try found.optimum(beta: beta))
    }
    return optima
  }
}
