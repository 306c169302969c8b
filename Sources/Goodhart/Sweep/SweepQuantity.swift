/// A quantity a sweep records at each grid point (a column of its CSV).
///
/// Each is defined as in `goodhart compare` and `goodhart regime` for the model at that point.
/// Where a quantity is undefined at a point (no filter reaches the target, no route covers the
/// model, a penalised optimum outside the exact routes), its cell is empty.
public enum SweepQuantity: String, CaseIterable, Hashable, Sendable {
  /// Filtering truth − RL truth at the reward maximiser's E[P] (compare's `goodhart_gap`;
  /// > 0: RL Goodharts).
  case goodhartGap = "goodhart_gap"
  /// The mean truth of filtering at the reward maximiser's E[P] (compare's
  /// `filtering_mean_truth`).
  case filteringMeanTruth = "filtering_mean_truth"
  /// The reward maximiser's E[P], the persuasiveness every policy is matched to.
  case targetPersuasion = "target_persuasion"
  /// The name of the submodule unpenalised RL on the weights lands on (text).
  case rewardMaximiser = "reward_maximiser"
  /// The reward maximiser's E[T].
  case rewardMaximiserMeanTruth = "reward_maximiser_mean_truth"
  /// E[T] under the model's own weights.
  case baseMeanTruth = "base_mean_truth"
  /// E[P] under the model's own weights.
  case baseMeanPersuasion = "base_mean_persuasion"
  /// corr(T, P) under the model's own weights.
  case correlation
  /// E[T] of the best of n outputs by P, at the spec's `n`.
  case bestOfNMeanTruth = "best_of_n_mean_truth"
  /// E[P] of the best of n outputs by P, at the spec's `n`.
  case bestOfNMeanPersuasion = "best_of_n_mean_persuasion"
  /// E[T] of the output-KL-penalised optimum of the weights on the simplex, at the spec's `beta`.
  case penalisedMeanTruth = "penalised_mean_truth"
  /// E[P] of that penalised optimum.
  case penalisedMeanPersuasion = "penalised_mean_persuasion"
  /// The ideal tilt's truth at the penalised optimum's E[P] minus the optimum's truth.
  case penalisedGoodhartGap = "penalised_goodhart_gap"
  /// `global` or `local`: the penalised optimum's certificate (text).
  case penalisedCertificate = "penalised_certificate"
  /// Where best-of-n truth goes as n → ∞, decided from the tails (regime's `asymptote`; text).
  case asymptote
  /// That limit (empty when unbounded or undetermined).
  case limitMeanTruth = "limit_mean_truth"

  /// Whether the quantity depends on the spec's `beta` (the penalised optimum).
  public var isPenalised: Bool {
    [.penalisedMeanTruth, .penalisedMeanPersuasion, .penalisedGoodhartGap, .penalisedCertificate]
      .contains(self)
  }

  /// Whether the quantity depends on the spec's `n` (best-of-n).
  public var isBestOfN: Bool { self == .bestOfNMeanTruth || self == .bestOfNMeanPersuasion }

  /// Whether the quantity is text rather than a number (text cannot be drawn as a heatmap).
  public var isText: Bool {
    self == .rewardMaximiser || self == .penalisedCertificate || self == .asymptote
  }
}
