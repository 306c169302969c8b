/// The winners of a best-of-n experiment: the mean truth and persuasiveness of the selected
/// candidate over the trials, each with SE s/√trials.
public struct SimulatedBestOfN: Hashable, Sendable {
  /// The experiment.
  public let experiment: BestOfNTrials
  /// E[T of the winner].
  public let meanTruth: Estimate?
  /// E[P of the winner] = E[max of n persuasiveness draws].
  public let meanPersuasiveness: Estimate?
}
