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
        [point.policy.rawValue, CSVField.number(point.parameter), CSVField.number(point.kl),
         CSVField.number(point.meanTruth), CSVField.number(point.meanPersuasiveness)]
          .joined(separator: ","))
    }
    return lines.joined(separator: "\n")
  }
}
