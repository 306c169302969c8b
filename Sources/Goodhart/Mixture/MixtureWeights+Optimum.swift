import Foundation

extension MixtureWeights {
  /// The global maximiser of J(w) = E_w[P] − β KL(law_w || law_w0) over the simplex, mixture
  /// reading (J is concave: see `MixtureWeights`).
  ///
  /// β = 0: the vertex `Model.rewardMaximiser`. β > 0: each group's inner optimum (closed form
  /// for one member; for several, an active-set Newton method certified by its Frank–Wolfe gap,
  /// which bounds the distance to the inner maximum of a concave function), then
  /// W_G ∝ W0_G exp(V_G / β). Submodules of groups with no base
  /// weight keep weight 0 (any weight there makes the KL infinite).
  ///
  /// - Parameter beta: β >= 0, finite.
  /// - Throws: `OptimisationError` naming `beta` when it is not finite and >= 0, or when an inner
  ///   optimum could not be verified.
  /// - Complexity: O(submodules) with no two vectors parallel; otherwise a few hundred
  ///   quadratures per group of two or more.
  public func optimum(beta: Double) throws(OptimisationError) -> ExactOptimum {
    guard beta.isFinite, beta >= 0 else {
      throw OptimisationError(field: .beta, rule: "must be finite and >= 0 (got \(beta))")
    }
    let count = model.submodules.count
    if beta == 0 {
      let vertex = model.rewardMaximiser
      return certify(outcome(at: vertex.weights, beta: 0), beta: 0)
    }
    var values: [Double] = []
    var inner: [[Double]] = []
    var bases: [Double] = []
    for group in groups {
      let base = group.members.reduce(0) { $0 + model.weights[$1] }
      bases.append(base)
      guard base > 0 else {
        values.append(-.infinity)
        inner.append([])
        continue
      }
      let (u, value) = try innerOptimum(group, beta: beta, base: base)
      values.append(value)
      inner.append(u)
    }
    // W_G ∝ W0_G exp(V_G / β), by log-sum-exp.
    let logs = zip(bases, values).map { base, value in base > 0 ? log(base) + value / beta : -.infinity }
    let top = logs.max() ?? 0
    let total = logs.reduce(0) { $0 + exp($1 - top) }
    var weights = [Double](repeating: 0, count: count)
    for (g, group) in groups.enumerated() where bases[g] > 0 {
      let mass = exp(logs[g] - top) / total
      for (position, index) in group.members.enumerated() { weights[index] = mass * inner[g][position] }
    }
    return certify(outcome(at: weights, beta: beta), beta: beta)
  }

  /// The inner optimum of a group: u on the group's simplex maximising
  /// φ(u) = Σ u_i a_i − β KL(f_u || f_u0), and its value V_G.
  ///
  /// An active-set Newton method: on the support S, the step d maximises the quadratic model
  /// g·d − ½ dᵀ(βH)d with Σ d = 0, H_ij = ∫ g_i g_j / f_u (the Hessian of the KL), and a backtracking
  /// line search keeps u >= 0 (a coordinate that reaches 0 leaves S). Once the step is negligible,
  /// a coordinate off S whose gradient exceeds the support's re-enters. It stops when the
  /// Frank–Wolfe gap max_i g_i − Σ u_i g_i, which bounds V_G − φ(u) for a concave φ, is below
  /// 1e-11 of its scale.
  func innerOptimum(_ group: Group, beta: Double, base: Double) throws(OptimisationError)
    -> (u: [Double], value: Double)
  {
    let members = group.members
    let u0 = members.map { model.weights[$0] / base }
    let a = members.map { rewards[$0] }
    if members.count == 1 { return ([1], a[0]) }
    // Everything on one point (the (0, 0) group): the inner KL is 0 whatever u, and a = 0.
    guard group.scales.contains(where: { $0 != 0 }) else { return (u0, 0) }
    let line = lineLaw(group)
    let integral = line.integral
    let count = model.submodules.count
    func full(_ u: [Double]) -> [Double] {
      var weights = [Double](repeating: 0, count: count)
      for (position, index) in members.enumerated() { weights[index] = u[position] }
      return weights
    }
    let base0 = full(u0)
    func value(_ u: [Double]) -> Double {
      zip(u, a).reduce(0) { $0 + $1.0 * $1.1 } - beta * innerDivergence(group, full(u), base0)
    }
    func integrate(_ h: (Double) -> Double) -> Double { (try? integral.integrate(h)) ?? .nan }
    func gradient(_ u: [Double]) -> [Double] {
      let weights = full(u)
      return members.indices.map { position in
        let slope = integrate { y in
          let logF = line.logDensity(y, weights)
          guard logF > -.infinity else { return 0 }
          return exp(line.logMemberDensity(position, y)) * line.logRatio(y, weights, base0)
        }
        return a[position] - beta * slope
      }
    }
    func hessian(_ u: [Double], _ support: [Int]) -> [[Double]] {
      let weights = full(u)
      var h = [[Double]](repeating: [Double](repeating: 0, count: support.count), count: support.count)
      for (p, i) in support.enumerated() {
        for (q, j) in support.enumerated() where q >= p {
          let entry = integrate { y in
            let logF = line.logDensity(y, weights)
            guard logF > -.infinity else { return 0 }
            return exp(line.logMemberDensity(i, y) + line.logMemberDensity(j, y) - logF)
          }
          h[p][q] = beta * entry
          h[q][p] = beta * entry
        }
      }
      return h
    }
    var u = u0.map { max($0, 1e-9) }
    let total = u.reduce(0, +)
    u = u.map { $0 / total }
    var current = value(u)
    for _ in 0..<200 {
      let g = gradient(u)
      let support = u.indices.filter { u[$0] > 0 }
      let average = support.reduce(0) { $0 + u[$1] * g[$1] }
      let gap = (g.max() ?? average) - average
      if gap <= 1e-11 * max(1, abs(current)) { return (u, current) }
      // Newton on the support: d = A⁻¹(g − ν1), ν = 1ᵀA⁻¹g / 1ᵀA⁻¹1.
      let h = hessian(u, support)
      let ridge = 1e-12 * max(1, h.indices.map { h[$0][$0] }.max() ?? 1)
      let regular = h.indices.map { p in h[p].indices.map { q in h[p][q] + (p == q ? ridge : 0) } }
      let gs = support.map { g[$0] }
      guard let x = solveLinearSystem(regular, gs),
        let y = solveLinearSystem(regular, [Double](repeating: 1, count: support.count))
      else { break }
      let nu = x.reduce(0, +) / y.reduce(0, +)
      var direction = [Double](repeating: 0, count: u.count)
      for (p, i) in support.enumerated() { direction[i] = x[p] - nu * y[p] }
      // A coordinate off the support with the largest excess gradient re-enters when the
      // Newton step on the support is negligible.
      let stepSize = direction.map(abs).max() ?? 0
      if stepSize < 1e-14, let entering = u.indices.filter({ u[$0] == 0 }).max(by: { g[$0] < g[$1] }),
        g[entering] > average
      {
        direction = [Double](repeating: 0, count: u.count)
        direction[entering] = 1e-6
        for i in support { direction[i] = -1e-6 * u[i] }
      }
      // Longest feasible step, then backtracking until φ rises.
      var limit = 1.0
      for i in u.indices where direction[i] < 0 { limit = min(limit, -u[i] / direction[i]) }
      var t = limit
      var moved = false
      for _ in 0..<60 {
        var next = u.indices.map { u[$0] + t * direction[$0] }
        for i in next.indices where next[i] < 1e-15 * (t == limit ? 1 : 0) || next[i] < 0 { next[i] = 0 }
        let sum = next.reduce(0, +)
        next = next.map { $0 / sum }
        let candidate = value(next)
        // Near the optimum the gain of a Newton step (about gap²/curvature) falls below the
        // rounding of φ itself; a step that loses no more than that rounding is taken, since the
        // Frank–Wolfe gap, not φ, decides convergence.
        if candidate >= current - 4 * Double.ulpOfOne * max(1, abs(current)) {
          moved = next != u
          u = next
          current = max(current, candidate)
          break
        }
        t *= 0.5
      }
      if !moved { break }
    }
    let g = gradient(u)
    let average = u.indices.reduce(0) { $0 + u[$1] * g[$1] }
    let gap = (g.max() ?? average) - average
    guard gap <= 1e-9 * max(1, abs(current)) else {
      throw OptimisationError(
        field: .beta,
        rule: "the optimum within submodules \(members) could not be verified (Frank–Wolfe gap \(gap), β = \(beta))")
    }
    return (u, current)
  }

  /// The optimum with its KKT evidence: the gradient ∂J/∂w_i = a_i − β ∂KL/∂w_i, equal to λ on
  /// the support and at most λ off it (submodules of groups without base weight excluded).
  func certify(_ outcome: WeightOutcome, beta: Double) -> ExactOptimum {
    let support = outcome.weights.indices.filter { outcome.weights[$0] > 0 }
    let gradient = objectiveGradient(at: outcome.weights, beta: beta)
    let multiplier = support.reduce(0) { $0 + outcome.weights[$1] * gradient[$1] }
    let scale = max(1, gradient.filter(\.isFinite).map(abs).max() ?? 1)
    var residual = 0.0
    for index in gradient.indices where gradient[index].isFinite {
      let gap = gradient[index] - multiplier
      residual = max(residual, outcome.weights[index] > 0 ? abs(gap) : max(0, gap))
    }
    return ExactOptimum(
      outcome: outcome, support: support, multiplier: multiplier, kktResidual: residual / scale)
  }

  /// ∂J/∂w_i = a_i − β ∂KL/∂w_i: for a singleton group ∂KL/∂w_i = ln(w_i / w0_i) + 1, for a
  /// larger one ln(W_G / W0_G) + 1 + ∫ g_i ln(f_u / f_u0); −∞ for no base weight, +∞ where
  /// w_i = 0 < w0_i (β > 0). β = 0: a_i.
  public func objectiveGradient(at weights: [Double], beta: Double) -> [Double] {
    guard beta > 0 else { return rewards }
    var gradient = rewards
    for group in groups {
      let mass = group.members.reduce(0) { $0 + weights[$1] }
      let base = group.members.reduce(0) { $0 + model.weights[$1] }
      guard base > 0 else {
        for index in group.members { gradient[index] = -.infinity }
        continue
      }
      guard mass > 0 else {
        for index in group.members { gradient[index] = .infinity }
        continue
      }
      let outer = log(mass / base) + 1
      if group.members.count == 1 || !group.scales.contains(where: { $0 != 0 }) {
        for index in group.members { gradient[index] -= beta * outer }
        continue
      }
      let line = lineLaw(group)
      let u = weights.map { $0 / mass }
      let u0 = model.weights.map { $0 / base }
      let integral = line.integral
      for (position, index) in group.members.enumerated() {
        let slope =
          (try? integral.integrate { y in
            let logF = line.logDensity(y, u)
            guard logF > -.infinity else { return 0 }
            return exp(line.logMemberDensity(position, y)) * line.logRatio(y, u, u0)
          }) ?? .nan
        gradient[index] -= beta * (outer + slope)
      }
    }
    return gradient
  }
}
