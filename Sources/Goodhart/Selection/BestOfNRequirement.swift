/// How many draws best-of-n needs to reach a target mean persuasiveness.
public struct BestOfNRequirement: Hashable, Sendable {
  /// The target E[P] that was asked for.
  public let targetMeanPersuasiveness: Double
  /// The real n >= 1 at which best-of-n's E[P] equals the target exactly.
  public let n: Double
  /// The smallest whole number of draws whose best reaches at least the target: ⌈n⌉, checked
  /// against e_n itself so that rounding cannot make it off by one.
  public let smallestInteger: Int
  /// Means and KL of best-of-`n` at the real n (mean persuasiveness = the target).
  public let outcome: SelectionOutcome
  /// Means and KL of best-of-`smallestInteger` (mean persuasiveness >= the target).
  public let smallestIntegerOutcome: SelectionOutcome
}
