/// A policy drawn on the frontier: how outputs are picked or the model is tuned against
/// persuasiveness P, at a given KL budget.
public enum FrontierPolicy: String, CaseIterable, Hashable, Sendable {
  /// Keep the top fraction q by P (threshold filtering at the matching tau); KL = −ln q.
  case quantilizer
  /// Draw n outputs, keep the most persuasive; KL = ln n − (n−1)/n, real n >= 1.
  case bestOfN = "best_of_n"
  /// The ideal KL-regularised law π0 · exp(P/β); KL = σ_P² / (2β²).
  case tilt
  /// The weights that maximise E_w[P] − β KL(law_w || law_w0) over the simplex, over a β sweep.
  case weightFamily = "weight_family"
  /// The weights' optimum under the KL on P alone (`Regulariser.persuasionKL`), over a β sweep.
  case weightFamilyPersuasionKL = "weight_family_persuasion_kl"
  /// The weights' optimum under the KL between weight vectors (`Regulariser.weightKL`).
  case weightFamilyWeightKL = "weight_family_weight_kl"
  /// The weights' optimum under weight decay (`Regulariser.weightDecay`).
  case weightFamilyWeightDecay = "weight_family_weight_decay"
  /// The simplex vertex that maximises E_w[P] (the weight family at β = 0), a single point.
  case rewardMaximiser = "reward_maximiser"

  /// The weight family optimised under `regulariser` (`weightFamily` for the output-law KL).
  public static func weightFamily(under regulariser: Regulariser) -> FrontierPolicy {
    switch regulariser {
    case .outputKL: .weightFamily
    case .persuasionKL: .weightFamilyPersuasionKL
    case .weightKL: .weightFamilyWeightKL
    case .weightDecay: .weightFamilyWeightDecay
    }
  }

  /// The name of the policy's parameter in the `parameter` column: q, n, or β.
  public var parameterName: String {
    switch self {
    case .quantilizer: "q"
    case .bestOfN: "n"
    case .tilt, .weightFamily, .weightFamilyPersuasionKL, .weightFamilyWeightKL,
      .weightFamilyWeightDecay, .rewardMaximiser:
      "beta"
    }
  }

  /// A short label for charts and tables.
  public var label: String {
    switch self {
    case .quantilizer: "quantilizer (top q)"
    case .bestOfN: "best-of-n"
    case .tilt: "ideal tilt π0·exp(P/β)"
    case .weightFamily: "KL-penalised weights"
    case .weightFamilyPersuasionKL: "weights, KL on P"
    case .weightFamilyWeightKL: "weights, KL on weights"
    case .weightFamilyWeightDecay: "weights, weight decay"
    case .rewardMaximiser: "reward maximiser"
    }
  }

  /// Whether the policy selects outputs on P from the base law (rather than changing weights).
  public var isFiltering: Bool {
    switch self {
    case .quantilizer, .bestOfN, .tilt: true
    case .weightFamily, .weightFamilyPersuasionKL, .weightFamilyWeightKL, .weightFamilyWeightDecay,
      .rewardMaximiser:
      false
    }
  }
}
