/// What one selection policy delivers: the law of the selected outputs summarised by their mean
/// truth, mean persuasiveness, and KL(selected law || base law) in nats.
public struct SelectionOutcome: Hashable, Sendable {
  /// E[T] under the selected law.
  public let meanTruth: Double
  /// E[P] under the selected law.
  public let meanPersuasiveness: Double
  /// KL(selected || base) in nats, >= 0.
  public let kl: Double

  /// Creates an outcome.
  public init(meanTruth: Double, meanPersuasiveness: Double, kl: Double) {
    self.meanTruth = meanTruth
    self.meanPersuasiveness = meanPersuasiveness
    self.kl = kl
  }
}
