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

  /// The smallest whole m in [1, 10^15] with `reaches(m)`, starting from ⌈n⌉ and corrected by at
  /// most four steps either way (near 10^15 consecutive counts differ by less than their
  /// rounding, so the correction is capped).
  static func smallestInteger(
    from n: Double, reaches: (Double) throws(SelectionError) -> Bool
  ) throws(SelectionError) -> Double {
    var smallest = min(ExpectedMaximum.maximumN, max(1, n.rounded(.up)))
    for _ in 0..<4 where smallest < ExpectedMaximum.maximumN {
      guard try !reaches(smallest) else { break }
      smallest += 1
    }
    for _ in 0..<4 where smallest > 1 {
      guard try reaches(smallest - 1) else { break }
      smallest -= 1
    }
    return smallest
  }
}
