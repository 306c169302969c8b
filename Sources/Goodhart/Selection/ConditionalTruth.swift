/// The law of truth given an exact persuasiveness score P = p: its mean and variance, `nil` where
/// they do not exist.
///
/// For a bivariate normal (T, P), E[T | P = p] is affine in p and Var[T | P = p] the same for
/// every p; for other laws both depend on p (see each route's `conditionalTruth`).
public struct ConditionalTruth: Hashable, Sendable {
  /// The conditioning value p.
  public let persuasiveness: Double
  /// E[T | P = p], or `nil` when it does not exist.
  public let mean: Double?
  /// Var[T | P = p] (>= 0), or `nil` when it does not exist.
  public let variance: Double?

  /// Creates the conditional law's summary.
  public init(persuasiveness: Double, mean: Double?, variance: Double?) {
    self.persuasiveness = persuasiveness
    self.mean = mean
    self.variance = variance.map { max(0, $0) }
  }
}
