import Goodhart

extension Frontier {
  /// The contract's CSV: the header `policy,parameter,kl,mean_truth,mean_persuasion`, then one
  /// row per point (curve by curve, the reward maximiser last), numbers at full double precision
  /// (Swift's shortest round-trip form), `inf` for an infinite value. No trailing newline.
  ///
  /// - Complexity: O(number of points).
  public var csv: String {
    var lines = ["policy,parameter,kl,mean_truth,mean_persuasion"]
    for point in points {
      lines.append(
        [point.policy.rawValue, Frontier.csvNumber(point.parameter), Frontier.csvNumber(point.kl),
         Frontier.csvNumber(point.meanTruth), Frontier.csvNumber(point.meanPersuasiveness)]
          .joined(separator: ","))
    }
    return lines.joined(separator: "\n")
  }

  private static func csvNumber(_ value: Double) -> String {
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return "\(value)"
  }
}
