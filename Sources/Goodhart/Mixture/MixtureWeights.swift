import Foundation

/// RL on the weights of the mixture reading: the output law of every weight vector, its KL from
/// the model's, and the exact maximiser of J(w) = E_w[P] − β KL(law_w(T, P) || law_w0(T, P)).
///
/// Submodule i puts its outputs on the line through the origin spanned by (t_i, p_i). Submodules
/// whose vectors are parallel share a line (a *group*; all those with (t_i, p_i) = (0, 0) share the
/// point 0); different groups live on sets that meet in at most one point, so their pieces of the
/// output law are mutually singular. Writing W_G = Σ_{i∈G} w_i and u = w_G / W_G,
///
///     KL(w) = Σ_G [W_G ln(W_G / W0_G) + W_G KL(f_u || f_u0)],
///
/// where f_u = Σ_{i∈G} u_i g_i is the law on the group's line (g_i the law of c_i X_i, with
/// (t_i, p_i) = c_i times the group's direction): a singleton's inner KL is 0, so with no two
/// vectors parallel KL = Σ_i w_i ln(w_i / w0_i) (the contract's formula). KL is convex in w (the
/// law is linear in w), so J is concave and every KKT point is the global maximum. J separates:
/// with V_G = max_u [Σ u_i a_i − β KL(f_u || f_u0)] (a_i = p_i E[X_i]), the optimum puts
/// W_G ∝ W0_G exp(V_G / β) on each group, and J* = β ln Σ_G W0_G exp(V_G / β). Singletons need no
/// inner search (V = a_i: w_i ∝ w0_i exp(a_i / β) in closed form); larger groups solve their
/// concave inner problem by mirror ascent to a verified KKT point.
public struct MixtureWeights: Sendable {
  /// The submodules sharing one line through the origin.
  struct Group: Sendable {
    /// Indices into the model's submodules, in file order.
    let members: [Int]
    /// c_i: (t_i, p_i) = c_i · direction (0 for the point group).
    let scales: [Double]
  }

  /// The model whose weights are the base w0.
  public let model: Model
  /// The groups, in the order of their first members.
  let groups: [Group]
  /// a_i = p_i E[X_i] (0 where p_i = 0).
  let rewards: [Double]

  /// The weight family of `model` in the mixture reading.
  ///
  /// Skewed and empirical laws may share a line: the inner KL's quadrature is cut at every
  /// member's location (a skewed law's support ends there) and knots, and f_u ln(f_u / f_u0) is
  /// 0 where f_u is (f_u0 > 0 wherever f_u > 0, as every member has base weight).
  ///
  /// - Throws: `OptimisationError` naming `model` when a submodule that carries persuasion has
  ///   no mean (E_w[P] is then undefined).
  public init(model: Model) throws(OptimisationError) {
    var rewards: [Double] = []
    for (index, submodule) in model.submodules.enumerated() {
      guard submodule.persuasion == 0 || submodule.distribution.hasMean else {
        throw OptimisationError(
          field: .model,
          rule: "submodules[\(index)] carries persuasion but has no mean, so E_w[P] is undefined")
      }
      rewards.append(submodule.persuasion == 0 ? 0 : submodule.persuasion * submodule.distribution.mean!)
    }
    let groups = MixtureWeights.groups(of: model)
    self.model = model
    self.rewards = rewards
    self.groups = groups
  }

  /// Submodules grouped by the line their (t_i, p_i) spans (cross product 0 to 1e-14 relative).
  static func groups(of model: Model) -> [Group] {
    var groups: [(direction: (Double, Double), members: [Int], scales: [Double])] = []
    for (index, submodule) in model.submodules.enumerated() {
      let vector = (submodule.truth, submodule.persuasion)
      let length = (vector.0 * vector.0 + vector.1 * vector.1).squareRoot()
      var placed = false
      for g in groups.indices {
        let d = groups[g].direction
        let dLength = (d.0 * d.0 + d.1 * d.1).squareRoot()
        let parallel =
          (length == 0 && dLength == 0)
          || (length > 0 && dLength > 0 && abs(vector.0 * d.1 - vector.1 * d.0) <= 1e-14 * length * dLength)
        guard parallel else { continue }
        groups[g].members.append(index)
        groups[g].scales.append(dLength == 0 ? 0 : (vector.0 * d.0 + vector.1 * d.1) / (dLength * dLength))
        placed = true
        break
      }
      if !placed { groups.append((vector, [index], [length == 0 ? 0 : 1])) }
    }
    return groups.map { Group(members: $0.members, scales: $0.scales) }
  }

  // MARK: - The KL

  /// KL(law_w(T, P) || law_w0(T, P)) in nats; +∞ when w puts weight on a group w0 does not.
  ///
  /// - Complexity: O(submodules), plus one quadrature per group of two or more members with
  ///   weight.
  public func kl(at weights: [Double]) -> Double {
    var total = 0.0
    for group in groups {
      let mass = group.members.reduce(0) { $0 + weights[$1] }
      let base = group.members.reduce(0) { $0 + model.weights[$1] }
      guard mass > 0 else { continue }
      guard base > 0 else { return .infinity }
      total += mass * log(mass / base)
      if group.members.count > 1 {
        total += mass * innerDivergence(group, weights.map { $0 / mass }, model.weights.map { $0 / base })
      }
    }
    return max(0, total)
  }

  /// KL(f_u || f_u0) on a group's line, by quadrature of f_u ln(f_u / f_u0) (`MixtureLine.logRatio`).
  func innerDivergence(_ group: Group, _ u: [Double], _ u0: [Double]) -> Double {
    guard group.scales.contains(where: { $0 != 0 }) else { return 0 }
    let line = lineLaw(group)
    let integral = line.integral
    let value =
      (try? integral.integrate { y in
        let logF = line.logDensity(y, u)
        guard logF > -.infinity else { return 0 }
        return exp(logF) * line.logRatio(y, u, u0)
      }) ?? .nan
    return max(0, value)
  }

  /// The laws g_i of c_i X_i on a group's line.
  func lineLaw(_ group: Group) -> MixtureLine {
    MixtureLine(
      members: group.members, laws: zip(group.members, group.scales).map { index, c in
        let law = model.submodules[index].distribution.scaled(by: c)
        return (law.standardLaw, law.location, law.scale)
      })
  }

  // MARK: - The objective

  /// E_w[P] − β KL and what w gives.
  public func outcome(at weights: [Double], beta: Double) -> WeightOutcome {
    var meanTruth = CompensatedSum()
    var meanPersuasiveness = CompensatedSum()
    for (index, submodule) in model.submodules.enumerated() where weights[index] > 0 {
      if submodule.truth != 0 { meanTruth.add(weights[index] * submodule.truth * submodule.distribution.centre) }
      meanPersuasiveness.add(weights[index] * rewards[index])
    }
    let kl = kl(at: weights)
    let objective = beta == 0 ? meanPersuasiveness.value : meanPersuasiveness.value - beta * kl
    return WeightOutcome(
      beta: beta, weights: weights, meanTruth: meanTruth.value,
      meanPersuasiveness: meanPersuasiveness.value, kl: kl, objective: objective)
  }
}
