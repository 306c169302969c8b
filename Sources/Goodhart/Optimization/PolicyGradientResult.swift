/// One point of an optimiser's trajectory: the step and what the weights then give (exact).
public struct TrajectoryPoint: Hashable, Sendable {
  /// The number of Adam steps taken so far (0 is the start).
  public let step: Int
  /// The weights after `step` steps and their exact truth, persuasiveness, KL and objective.
  public let outcome: WeightOutcome
}

/// Where a sampling optimiser ended, how, and the path it took.
public struct PolicyGradientResult: Hashable, Sendable {
  /// Why the optimiser stopped.
  public enum Stop: String, Hashable, Sendable {
    /// All the requested steps were taken.
    case steps
    /// A weight exceeded 1 − `PolicyGradient.vertexTolerance`: the logits were running off to
    /// infinity towards a vertex (the β = 0 optimum), so there was nothing left to learn.
    case vertex
  }

  /// The result's weights (the average of the iterates from `averagedFromStep` on, or the last
  /// iterate) and their exact numbers.
  public let outcome: WeightOutcome
  /// The steps taken.
  public let steps: Int
  /// Why it stopped.
  public let stop: Stop
  /// The step after which iterates were averaged into `outcome` (`nil`: the last iterate).
  public let averagedFromStep: Int?
  /// Points every `logEvery` steps, the first (step 0) and the last included.
  public let trajectory: [TrajectoryPoint]
}
