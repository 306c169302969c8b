import Foundation

extension Model {
  /// The maximiser of J(w) = E_w[P] − β · penalty(w) over `domain`, with a = (p_i m_i):
  ///
  /// - `weight-kl` (simplex only): J is strictly concave and w ∝ w0 e^{a/β} (w_i = 0 where
  ///   w0_i = 0); `global`.
  /// - `weight-decay`: J = a·w − β|w − w0|² is strictly concave; its maximiser is the Euclidean
  ///   projection of w0 + a/(2β) onto the domain (the sorted-threshold projection onto the
  ///   simplex, max(0, ·) onto the orthant, itself on the real line); `global`.
  /// - `output-kl` and `persuasion-kl` on a Gaussian sum-reading model, on any domain: J is not
  ///   concave; the multi-start search (`WeightFamily.optimum(beta:)`, on the simplex) or an
  ///   ascent from w0 gives a first point, and `BranchAndBound` certifies it or finds and
  ///   certifies a better one (`global`, with a rigorous `upperBound`; `local` beyond
  ///   `certifiedSubmoduleLimit` submodules or `certifiedNodeBudget` boxes).
  /// - `output-kl` in the mixture reading: `MixtureWeights` (concave: `global`).
  /// - β = 0 on the simplex: the vertex `rewardMaximiser` (`global`: E_w[P] is linear).
  ///
  /// - Throws: `OptimisationError` naming `beta` (not finite and >= 0), `domain` (a pairing with
  ///   no finite optimum, weight-kl off the simplex, a domain the mixture reading cannot have, or
  ///   a J flat along a combination of weights off the simplex), `model` (a KL regulariser with
  ///   no closed form: non-normal submodules in the sum reading, persuasion-kl in the mixture
  ///   reading), `weights` (a degenerate base law), or what the routes throw.
  public func regularisedOptimum(beta: Double, regulariser: Regulariser, domain: WeightDomain)
    throws(OptimisationError) -> RegularisedOptimum
  {
    try regularisedOptimum(
      beta: beta, regulariser: regulariser, domain: domain, nodeBudget: Model.certifiedNodeBudget)
  }

  /// `regularisedOptimum(beta:regulariser:domain:)` with the branch and bound stopped after
  /// `nodeBudget` boxes (then `local`, the ascent's point): sweeps that draw many optima (the
  /// frontier's families) spend less on the ones that are slow to certify.
  func regularisedOptimum(
    beta: Double, regulariser: Regulariser, domain: WeightDomain, nodeBudget: Int
  ) throws(OptimisationError) -> RegularisedOptimum {
    guard beta.isFinite, beta >= 0 else {
      throw OptimisationError(field: .beta, rule: "must be finite and >= 0 (got \(beta))")
    }
    if composition == .mixture, domain != .simplex {
      throw OptimisationError(
        field: .domain, rule: "the mixture reading's weights are probabilities: simplex only (got \(domain.rawValue))")
    }
    let rewards = submodules.map { $0.persuasion * $0.distribution.centre }
    if beta == 0 {
      guard domain == .simplex else {
        throw OptimisationError(
          field: .domain,
          rule: "beta = 0 has no finite optimum off the simplex (E_w[P] is linear and unbounded there)")
      }
      return try finish(rewardMaximiser.weights, beta: 0, regulariser, domain, .global, kkt: nil)
    }
    switch regulariser {
    case .weightKL:
      guard domain == .simplex else {
        throw OptimisationError(field: .domain, rule: "weight-kl needs the simplex (got \(domain.rawValue))")
      }
      let logs = zip(weights, rewards).map { w0, a in w0 > 0 ? log(w0) + a / beta : -Double.infinity }
      let top = logs.max() ?? 0
      let raw = logs.map { exp($0 - top) }
      let total = raw.reduce(0, +)
      return try finish(raw.map { $0 / total }, beta: beta, regulariser, domain, .global, kkt: nil)
    case .weightDecay:
      let target = zip(weights, rewards).map { $0 + $1 / (2 * beta) }
      let w: [Double] =
        switch domain {
        case .simplex:
          WeightBox(
            lower: target.map { _ in 0 }, upper: target.map { _ in 1 }, onSimplex: true
          ).projection(of: target)
        case .nonnegative: target.map { max(0, $0) }
        case .real: target
        }
      return try finish(w, beta: beta, regulariser, domain, .global, kkt: nil)
    case .outputKL where composition == .mixture:
      let optimum = try MixtureWeights(model: self).optimum(beta: beta)
      return try finish(
        optimum.outcome.weights, beta: beta, regulariser, domain, .global, kkt: optimum.kktResidual)
    case .outputKL, .persuasionKL:
      let objective = try penalisedObjective(beta: beta, regulariser: regulariser)
      // The multi-start search's point, when it has one, is a good first incumbent.
      let start =
        regulariser == .outputKL && domain == .simplex
        ? (try? WeightFamily(model: self).optimum(beta: beta))?.outcome.weights : nil
      let found = try certifiedOptimum(objective, domain: domain, start: start, nodeBudget: nodeBudget)
      return try finish(
        found.weights, beta: beta, regulariser, domain, found.certificate, kkt: nil,
        upperBound: found.upperBound, whyLocal: found.whyLocal)
    }
  }

  /// penalty(w) of `regulariser` against the model's weights (+∞ where undefined).
  public func penalty(of regulariser: Regulariser, at w: [Double]) -> Double {
    switch regulariser {
    case .weightKL:
      var total = 0.0
      for (wi, w0) in zip(w, weights) where wi > 0 {
        guard w0 > 0 else { return .infinity }
        total += wi * log(wi / w0)
      }
      return max(0, total)
    case .weightDecay:
      return zip(w, weights).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    case .outputKL:
      return outputKL(at: w)
    case .persuasionKL:
      return persuasionKL(at: w)
    }
  }

  /// KL(law_w(T, P) || law_w0(T, P)) of the output laws (+∞ where no route computes it).
  func outputKL(at w: [Double]) -> Double {
    switch composition {
    case .mixture: (try? MixtureWeights(model: self))?.kl(at: w) ?? .infinity
    case .sum: (try? WeightFamily(model: self))?.kl(at: w) ?? .infinity
    }
  }

  /// KL between the laws of P alone under w and under w0, for a Gaussian sum-reading model
  /// (+∞ where no closed form exists or Var_w P = 0).
  func persuasionKL(at w: [Double]) -> Double {
    guard composition == .sum, let family = try? WeightFamily(model: self) else { return .infinity }
    let law = family.normal(at: w)
    let (mean, variance) = (law.meanPersuasiveness, law.pp)
    let (baseMean, baseVariance) = (family.base.meanPersuasiveness, family.base.pp)
    guard variance > 0, baseVariance > 0 else {
      return variance == baseVariance && mean == baseMean ? 0 : .infinity
    }
    let ratio = variance / baseVariance
    let shift = mean - baseMean
    return max(0, 0.5 * (ratio + shift * shift / baseVariance - 1 - log(ratio)))
  }

  /// The optimum's numbers, all from the weights.
  private func finish(
    _ w: [Double], beta: Double, _ regulariser: Regulariser, _ domain: WeightDomain,
    _ certificate: Certificate, kkt: Double?, upperBound: Double? = nil, whyLocal: String? = nil
  ) throws(OptimisationError) -> RegularisedOptimum {
    let meanPersuasiveness = zip(w, submodules).reduce(0) { $0 + $1.0 * $1.1.persuasion * $1.1.distribution.centre }
    let meanTruth = zip(w, submodules).reduce(0) { $0 + $1.0 * $1.1.truth * $1.1.distribution.centre }
    let penalty = penalty(of: regulariser, at: w)
    let objective = WeightFamily.objective(reward: meanPersuasiveness, kl: penalty, beta: beta)
    return RegularisedOptimum(
      outcome: WeightOutcome(
        beta: beta, weights: w, meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness,
        kl: outputKL(at: w), objective: objective),
      regulariser: regulariser, domain: domain, penalty: penalty, certificate: certificate,
      kktResidual: kkt, upperBound: upperBound, whyLocal: whyLocal)
  }
}
