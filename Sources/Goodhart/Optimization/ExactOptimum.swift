import Foundation

/// The exact maximiser of J(w) = E_w[P] − β KL(law_w || law_w0) over the simplex, with the
/// evidence that it is one.
public struct ExactOptimum: Hashable, Sendable {
  /// The weights and what they give (all computed from the weights).
  public let outcome: WeightOutcome
  /// The submodules with positive weight, in file order.
  public let support: [Int]
  /// The KKT multiplier λ: the common value of ∂J/∂w_i on the support.
  public let multiplier: Double
  /// The KKT residual, relative to the size of the terms summed in ∂J/∂w_i (at least 1):
  /// max( max_{i in support} |∂J/∂w_i − λ|, max_{j off support} (∂J/∂w_j − λ)⁺ ).
  public let kktResidual: Double

  /// The largest KKT residual accepted as verified.
  public static let kktTolerance = 1e-8
  /// How many times the search over neighbouring faces may move to a better KKT point.
  static let faceSearchRounds = 8
  /// The polish stops on a face once the relative KKT residual is below this (rounding in the
  /// gradient leaves ~1e-13).
  static let stationarityTolerance = 1e-12
}

extension WeightFamily {
  /// The maximiser of J(w) = E_w[P] − β KL(law_w(T, P) || law_w0(T, P)) over the simplex.
  ///
  /// β = 0: E_w[P] is linear, so the maximiser is the vertex `Model.rewardMaximiser` (exactly).
  /// β > 0: GSL's BFGS on softmax logits with the analytic gradient, from several starts (w0,
  /// the uniform weights, and points leaning towards the most persuasive submodules); each end
  /// point is then polished by an active-set Newton method on the simplex (the analytic Hessian
  /// on the support, with Σ w = 1 as a constraint), which reaches faces (w_i = 0 exactly) that
  /// softmax only approaches. The best polished point must satisfy the KKT conditions of the
  /// simplex: ∂J/∂w_i equal to λ on the support, and <= λ off it. Since J is not concave, the
  /// neighbouring faces of the best KKT point are then searched (add an unweighted submodule,
  /// drop a weighted one, polish) for as long as that improves J.
  ///
  /// - Parameter beta: β >= 0, finite.
  /// - Throws: `OptimisationError` naming `beta` (not finite or negative, or an optimum whose KKT
  ///   conditions could not be verified) or `weights` (β > 0 with a degenerate base law).
  /// - Complexity: O(starts · iterations · n) plus O(k³) per Newton step on a support of size k.
  public func optimum(beta: Double) throws(OptimisationError) -> ExactOptimum {
    guard beta.isFinite, beta >= 0 else {
      throw OptimisationError(field: .beta, rule: "must be finite and >= 0 (got \(beta))")
    }
    if beta == 0 { return vertexOptimum() }
    guard !base.isSingular else { throw OptimisationError.degenerateBase }
    return try multiStartSearch(beta: beta).optimum(beta: beta)
  }

  /// Steps 1–4 of `optimum(beta:)` at β > 0 (base law not singular): BFGS from every start,
  /// polish, verify, search the neighbouring faces of the best.
  func multiStartSearch(beta: Double) -> LocalOptima {
    var polished: [[Double]] = []
    for start in starts() {
      let end = descend(from: start, beta: beta)
      // Starts that reach the same point need one polish only.
      if polished.contains(where: { LocalOptima.distance($0, end) < 1e-9 }) { continue }
      polished.append(polish(end, beta: beta))
    }
    return faceSearch(from: polished, beta: beta)
  }

  /// Steps 3–4 of `optimum(beta:)` from polished points: verify each and keep the best, then,
  /// since J is not concave (−ln det Σ_w is not convex in w) and a KKT point can be a local
  /// optimum on the wrong face, search the neighbouring faces: from the best point, add each
  /// unweighted submodule (at 10 % and 30 %) or drop each weighted one, polish, and move while J
  /// improves.
  func faceSearch(from polished: [[Double]], beta: Double) -> LocalOptima {
    var found = LocalOptima()
    for weights in polished { found.consider(verified(weights, beta: beta)) }
    for _ in 0..<ExactOptimum.faceSearchRounds {
      guard let current = found.best else { break }
      var improved = false
      for neighbour in neighbours(of: current.outcome.weights) {
        if found.consider(verified(polish(neighbour, beta: beta), beta: beta)) { improved = true }
      }
      if !improved { break }
    }
    return found
  }

  /// `weights` as a KKT point with its residual; `candidate` is nil unless the residual is at
  /// most `ExactOptimum.kktTolerance` (near an optimum J is flat to rounding, so an unverified
  /// point could tie and is never taken).
  func verified(_ weights: [Double], beta: Double)
    -> (candidate: ExactOptimum?, residual: Double)
  {
    let candidate = outcome(at: weights, beta: beta)
    guard candidate.objective.isFinite,
      let gradient = objectiveGradient(at: weights, beta: beta)
    else { return (nil, .infinity) }
    let scale = gradientScale(at: weights, law: normal(at: weights), beta: beta)
    let (multiplier, residual) = kkt(weights: weights, gradient: gradient, scale: scale)
    guard residual <= ExactOptimum.kktTolerance else { return (nil, residual) }
    return (
      ExactOptimum(
        outcome: candidate, support: weights.indices.filter { weights[$0] > 0 },
        multiplier: multiplier, kktResidual: residual),
      residual
    )
  }

  /// Starting points on the faces next to `weights`: each unweighted submodule mixed in at 10 %
  /// and 30 %, and each weighted one removed (when at least two remain).
  private func neighbours(of weights: [Double]) -> [[Double]] {
    var points: [[Double]] = []
    let support = weights.indices.filter { weights[$0] > 0 }
    for j in weights.indices where weights[j] == 0 {
      for share in [0.1, 0.3] {
        var point = weights.map { $0 * (1 - share) }
        point[j] = share
        points.append(point)
      }
    }
    if support.count > 2 {
      for i in support {
        var point = weights
        point[i] = 0
        let total = point.reduce(0, +)
        points.append(point.map { $0 / total })
      }
    }
    return points
  }

  /// ∇_w J = (p_i m_i) − β ∇_w KL, or `nil` where the KL is not differentiable.
  ///
  /// - Complexity: O(n) (O(n²) for n <= 64).
  public func objectiveGradient(at weights: [Double], beta: Double) -> [Double]? {
    if beta == 0 { return persuasivenessGradient }
    guard let kl = klGradient(at: weights) else { return nil }
    return zip(persuasivenessGradient, kl).map { $0 - beta * $1 }
  }

  func vertexOptimum() -> ExactOptimum {
    let vertex = model.rewardMaximiser
    let (multiplier, residual) = kkt(
      weights: vertex.weights, gradient: persuasivenessGradient,
      scale: persuasivenessGradient.reduce(1) { max($0, abs($1)) })
    return ExactOptimum(
      outcome: outcome(at: vertex.weights, beta: 0), support: [vertex.submoduleIndex],
      multiplier: multiplier, kktResidual: residual)
  }

  /// λ and the KKT residual at `weights`, relative to `scale`.
  func kkt(weights: [Double], gradient: [Double], scale: Double)
    -> (multiplier: Double, residual: Double)
  {
    let support = weights.indices.filter { weights[$0] > 0 }
    guard !support.isEmpty, gradient.count == weights.count else { return (.nan, .infinity) }
    let multiplier = support.reduce(0) { $0 + gradient[$1] } / Double(support.count)
    var residual = 0.0
    for i in weights.indices {
      let excess = gradient[i] - multiplier
      residual = max(residual, weights[i] > 0 ? abs(excess) : max(0, excess))
    }
    return (multiplier, residual / scale)
  }

  /// The starting weights: w0, uniform, and for each of the (up to) three most persuasive
  /// submodules a point with 0.8 on it and the rest spread evenly.
  private func starts() -> [[Double]] {
    let n = count
    var starts = [baseWeights, [Double](repeating: 1 / Double(n), count: n)]
    guard n > 1 else { return starts }
    let reward = persuasivenessGradient
    let leaders = reward.indices.sorted { reward[$0] > reward[$1] }.prefix(3)
    for leader in leaders {
      var start = [Double](repeating: 0.2 / Double(n - 1), count: n)
      start[leader] = 0.8
      starts.append(start)
    }
    return starts
  }

  /// BFGS on the softmax logits of −J; the start itself if GSL fails.
  private func descend(from start: [Double], beta: Double) -> [Double] {
    let minimizer = Minimizer(
      gradientTolerance: 1e-12, maximumIterations: 300, initialStep: 0.5,
      lineSearchTolerance: 0.1, operation: "BFGS on the softmax logits")
    // Scratch weights reused by every evaluation (a `let` buffer: no allocation and no dynamic
    // exclusivity check per call; BFGS calls the objective hundreds of times per start).
    let weights = UnsafeMutableBufferPointer<Double>.allocate(capacity: start.count)
    weights.initialize(repeating: 0)
    defer { weights.deallocate() }
    let reward = persuasivenessGradient
    let result = try? minimizer.minimize(
      { logits, gradient in
        var scratch = weights
        Softmax.fill(&scratch, from: logits)
        let law = self.normal(at: weights)
        let kl = self.kl(of: law, at: weights)
        var gradient = gradient
        guard kl.isFinite, !law.isSingular else {
          for i in gradient.indices { gradient[i] = 0 }
          return .infinity
        }
        // ∇(−J) = −∇E_w[P] + β ∇KL, pulled back to the logits.
        self.klGradient(into: &gradient, at: weights, law: law)
        for i in gradient.indices { gradient[i] = -reward[i] + beta * gradient[i] }
        Softmax.pullBack(&gradient, weights: weights)
        return -(law.meanPersuasiveness - beta * kl)
      }, from: Softmax.logits(start))
    return result.map { Softmax.weights($0.point) } ?? start
  }

  /// Active-set Newton ascent of J on the simplex from `start` (see `optimum(beta:)`;
  /// `ActiveSetAscent` on `FamilyObjective`).
  func polish(_ start: [Double], beta: Double) -> [Double] {
    ActiveSetAscent(objective: FamilyObjective(family: self, beta: beta), domain: .simplex)
      .climb(from: start)
  }
}
