import Foundation

/// How a sampling optimiser pays its regulariser.
///
/// The output-law KL enters the sampled reward, RLHF-style: r = P − β ln(π_w(y)/π_0(y)), so that
/// its gradient is estimated with the reward's. Every other regulariser is a closed form in the
/// weights, so its gradient −β ∇penalty(w) is added exactly, as weight decay is in practice; only
/// ∇E_w[P] is then sampled.
struct SamplingPenalty {
  private enum Form {
    /// The output-law KL, in the sampled reward (nothing to add).
    case inTheReward
    /// No penalty (β = 0).
    case none
    /// persuasion-kl or weight-decay: −β ∇penalty = ∇J − g of the split objective.
    case split(PenalisedObjective)
    /// weight-kl: −β (ln(w_i / w0_i) + 1).
    case weightKL(base: [Double], beta: Double)
  }

  private let form: Form

  /// β for the sampled reward: β for the output-law KL, 0 for the others.
  let rewardBeta: Double

  /// The penalty of `regulariser` at strength `beta` on `model`.
  ///
  /// - Throws: `OptimisationError` naming `weights` for weight-kl with a zero base weight (its
  ///   penalty is infinite wherever that weight moves off zero, and the softmax keeps every
  ///   weight positive; `--method exact` handles it) or a degenerate base law of P
  ///   (persuasion-kl).
  init(model: Model, regulariser: Regulariser, beta: Double) throws(OptimisationError) {
    rewardBeta = regulariser == .outputKL ? beta : 0
    switch regulariser {
    case .outputKL:
      form = .inTheReward
    case _ where beta == 0:
      form = .none
    case .weightKL:
      guard model.weights.allSatisfy({ $0 > 0 }) else {
        throw OptimisationError(
          field: .weights,
          rule: "weight-kl by sampling needs every base weight > 0 (the softmax keeps every weight "
            + "positive, where the penalty is infinite); the exact optimum handles zeros")
      }
      form = .weightKL(base: model.weights, beta: beta)
    case .persuasionKL, .weightDecay:
      form = .split(try model.penalisedObjective(beta: beta, regulariser: regulariser))
    }
  }

  /// Adds −β ∇penalty(w) to `gradient`.
  ///
  /// - Returns: false where the penalty has no gradient (Var_w P = 0 under persuasion-kl).
  func add(to gradient: inout [Double], at w: [Double]) -> Bool {
    switch form {
    case .inTheReward, .none:
      return true
    case .weightKL(let base, let beta):
      for i in w.indices { gradient[i] -= beta * (log(w[i] / base[i]) + 1) }
      return true
    case .split(let objective):
      if objective.logWeight > 0, !(objective.determinant(w) > 0) { return false }
      let full = objective.gradient(w)
      for i in w.indices { gradient[i] += full[i] - objective.linear[i] }
      return true
    }
  }
}
