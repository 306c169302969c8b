/// What one selection policy delivers, whatever route computed it: the mean and variance of truth
/// and of persuasiveness under the selected law, and KL(selected law || base law) in nats.
///
/// A moment that does not exist is `nil`, never a number: a Cauchy submodule carrying
/// persuasion has no E[P] (the best of n >= 2 has E[P] = +∞), a Student-t with ν <= 2 no
/// variance. Selection cannot create a moment: every selected law here has a density at most a
/// constant times the base density (1/acceptance, n, ...), so a base moment that exists keeps
/// existing, and one that does not stays `nil`.
public struct SelectionOutcome: Hashable, Sendable {
  /// E[T] under the selected law, `nil` when it does not exist.
  public let meanTruth: Double?
  /// E[P] under the selected law, `nil` when it does not exist.
  public let meanPersuasiveness: Double?
  /// Var T under the selected law (>= 0), `nil` when it does not exist.
  public let varianceTruth: Double?
  /// Var P under the selected law (>= 0), `nil` when it does not exist.
  public let variancePersuasiveness: Double?
  /// KL(selected || base) of the law of (T, P), in nats, >= 0.
  public let kl: Double

  /// Creates an outcome.
  ///
  /// - Parameters:
  ///   - meanTruth: E[T], or `nil`.
  ///   - meanPersuasiveness: E[P], or `nil`.
  ///   - varianceTruth: Var T, or `nil`; a negative value (round-off) is stored as 0.
  ///   - variancePersuasiveness: Var P, or `nil`; a negative value is stored as 0.
  ///   - kl: the KL in nats.
  public init(
    meanTruth: Double?, meanPersuasiveness: Double?, varianceTruth: Double?,
    variancePersuasiveness: Double?, kl: Double
  ) {
    self.meanTruth = meanTruth
    self.meanPersuasiveness = meanPersuasiveness
    self.varianceTruth = varianceTruth.map { max(0, $0) }
    self.variancePersuasiveness = variancePersuasiveness.map { max(0, $0) }
    self.kl = kl
  }

  /// The same means and KL with the variances left out (`nil`: not computed), for callers that
  /// read only the means, such as curves over n.
  var meansOnly: SelectionOutcome {
    SelectionOutcome(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: nil,
      variancePersuasiveness: nil, kl: kl)
  }
}
