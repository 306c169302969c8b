import Foundation

extension Model {
  /// J(w) = E_w[P] − β · penalty(w) split for the global optimiser, for the regularisers whose
  /// penalty has a closed form in w on a Gaussian sum-reading model:
  ///
  /// - `output-kl`: KL = ½ [Σ_i d_i w_i² + (w − w0)ᵀ M (w − w0) − 2 + ln det Σ_0 − ln det Σ_w]
  ///   with d_i = s_i² v_iᵀ Σ_0⁻¹ v_i, M_ij = m_i m_j v_iᵀ Σ_0⁻¹ v_j and det Σ_w = Σ_{i<j} s_i² s_j²
  ///   (t_i p_j − t_j p_i)² w_i² w_j² (Cauchy–Binet);
  /// - `persuasion-kl`: KL = ½ [Var_w P / σ_0² + (a·(w − w0))² / σ_0² − 1 + ln σ_0² − ln Var_w P]
  ///   with a_i = p_i m_i and Var_w P = Σ_i s_i² p_i² w_i²;
  /// - `weight-decay`: β |w − w0|², with no logarithm.
  ///
  /// - Throws: `OptimisationError` naming `model` (a non-normal submodule, or the mixture
  ///   reading, for the KL regularisers), `weights` (a degenerate base law), or `regulariser`
  ///   (weight-kl, which is not of this form: its optimum is a closed form).
  func penalisedObjective(beta: Double, regulariser: Regulariser) throws(OptimisationError)
    -> PenalisedObjective
  {
    let k = submodules.count
    let rewards = submodules.map { $0.persuasion * $0.distribution.centre }
    let zeros = [Double](repeating: 0, count: k)
    let noPairs = [[Double]](repeating: zeros, count: k)
    switch regulariser {
    case .weightDecay:
      let coupling = (0..<k).map { i in (0..<k).map { j in i == j ? 2 * beta : 0 } }
      return PenalisedObjective(
        linear: rewards, centre: weights, coupling: coupling, diagonal: zeros, constant: 0,
        logWeight: 0, squares: zeros, pairs: noPairs, statistics: nil)
    case .weightKL:
      throw OptimisationError(field: .regulariser, rule: "weight-kl has a closed-form optimum, not a split objective")
    case .outputKL, .persuasionKL:
      break
    }
    guard composition == .sum else {
      throw OptimisationError(
        field: .model,
        rule: "\(regulariser.rawValue) on the mixture reading has no closed form in the weights (use output-kl)")
    }
    let family = try WeightFamily(model: self)
    let means = family.means
    let variances = family.variances
    if regulariser == .persuasionKL {
      let squares = zip(variances, family.persuasions).map { $0 * $1 * $1 }
      let baseVariance = family.base.pp
      guard baseVariance > 0 else { throw OptimisationError.degenerateBase }
      return PenalisedObjective(
        linear: rewards, centre: weights,
        coupling: rewards.map { ai in rewards.map { beta * ai * $0 / baseVariance } },
        diagonal: squares.map { beta * $0 / baseVariance },
        constant: 0.5 * beta * (1 - log(baseVariance)), logWeight: 0.5 * beta, squares: squares,
        pairs: noPairs, statistics: 2)
    }
    guard !family.baseIsDegenerate else { throw OptimisationError.degenerateBase }
    let t = family.truths
    let p = family.persuasions
    let coupling = (0..<k).map { i in
      (0..<k).map { j in beta * means[i] * means[j] * family.basePrecisionForm(i, j) }
    }
    let pairs = (0..<k).map { i in
      (0..<k).map { j -> Double in
        guard i != j else { return 0 }
        let minor = t[i] * p[j] - t[j] * p[i]
        return variances[i] * variances[j] * minor * minor
      }
    }
    return PenalisedObjective(
      linear: rewards, centre: weights, coupling: coupling,
      diagonal: (0..<k).map { beta * variances[$0] * family.basePrecisionForm($0, $0) },
      constant: beta * (1 - 0.5 * family.base.logDeterminant), logWeight: 0.5 * beta,
      squares: zeros, pairs: pairs, statistics: 5)
  }
}
