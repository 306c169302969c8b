/// Parsing of numeric flag values with errors that name the flag and the rule.
enum FlagValue {
  /// Each value as a finite Double.
  static func finiteNumbers(_ values: [String], flag: String) throws(CommandFailure) -> [Double] {
    var numbers: [Double] = []
    for value in values { numbers.append(try finiteNumber(value, flag: flag)) }
    return numbers
  }

  /// One value as a finite Double ("nan", "inf" and overflowing literals such as 1e400 are
  /// rejected).
  static func finiteNumber(_ value: String, flag: String) throws(CommandFailure) -> Double {
    guard let number = Double(value.trimmingCharactersInWhitespace) else {
      throw CommandFailure(flag: flag, "must be a number (got \"\(value)\")")
    }
    guard number.isFinite else {
      throw CommandFailure(flag: flag, "must be finite (got \"\(value)\")")
    }
    return number
  }

  /// Each value as a sample count n: an integer with 1 <= n <= 10^15 ("1000" or "1e3").
  static func sampleCounts(_ values: [String], flag: String, maximum: Double = 1e15)
    throws(CommandFailure) -> [Double]
  {
    var counts: [Double] = []
    for value in values {
      let n = try finiteNumber(value, flag: flag)
      guard n == n.rounded(), n >= 1, n <= maximum else {
        throw CommandFailure(
          flag: flag, "must be an integer with 1 <= n <= \(maximum == 1e15 ? "10^15" : "\(Int(maximum))") (got \"\(value)\")")
      }
      counts.append(n)
    }
    return counts
  }
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  fileprivate var trimmingCharactersInWhitespace: Substring {
    let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
    let end = lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
    return self[start..<max(start, end)]
  }
}
