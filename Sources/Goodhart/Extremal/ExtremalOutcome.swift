/// What one selection delivers on a model of any family: mean truth and mean persuasiveness of
/// the selected outputs (`nil` where the mean does not exist) and KL(selected || base) in nats.
public struct ExtremalOutcome: Hashable, Sendable {
  /// E[T] under the selected law, `nil` when it does not exist.
  public let meanTruth: Double?
  /// E[P] under the selected law, `nil` when it does not exist (for example when a Cauchy
  /// submodule carries persuasion: the best of n >= 2 has E[P] = +∞).
  public let meanPersuasiveness: Double?
  /// KL(selected || base) in nats, >= 0.
  public let kl: Double

  /// Creates an outcome.
  public init(meanTruth: Double?, meanPersuasiveness: Double?, kl: Double) {
    self.meanTruth = meanTruth
    self.meanPersuasiveness = meanPersuasiveness
    self.kl = kl
  }
}
