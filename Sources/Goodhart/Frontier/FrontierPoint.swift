/// One point of a policy's frontier: its parameter, KL from the base law, mean truth and mean
/// persuasiveness, and the Goodhart gap at its persuasiveness.
public struct FrontierPoint: Hashable, Sendable {
  /// The policy.
  public let policy: FrontierPolicy
  /// The policy's parameter (`policy.parameterName`): q, n, or β (β = ∞ at KL = 0 for the tilt,
  /// β = 0 for the reward maximiser).
  public let parameter: Double
  /// KL(policy's law || base law) in nats; +∞ where the policy's law is singular to the base
  /// law (the reward maximiser at a degenerate vertex).
  public let kl: Double
  /// E[T] under the policy.
  public let meanTruth: Double
  /// E[P] under the policy.
  public let meanPersuasiveness: Double
  /// The Goodhart gap: the mean truth that filtering on P reaches at this same mean
  /// persuasiveness, minus this point's mean truth (0 for the filtering policies themselves;
  /// positive where the policy buys persuasiveness with truth; `nil` where the reference curve
  /// does not reach this E[P], see `Frontier.filteringTruth(atPersuasiveness:)`).
  public let goodhartGap: Double?

  /// Creates a point.
  public init(
    policy: FrontierPolicy, parameter: Double, kl: Double, meanTruth: Double,
    meanPersuasiveness: Double, goodhartGap: Double?
  ) {
    self.policy = policy
    self.parameter = parameter
    self.kl = kl
    self.meanTruth = meanTruth
    self.meanPersuasiveness = meanPersuasiveness
    self.goodhartGap = goodhartGap
  }

  /// d = sqrt(KL), the distance the Gao–Schulman–Hilton forms use.
  public var distance: Double { kl.squareRoot() }
}
