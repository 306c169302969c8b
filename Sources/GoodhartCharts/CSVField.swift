import Foundation

/// How numbers and words are written in the package's CSV files.
enum CSVField {
  /// Swift's shortest round-trip form (full double precision); `inf`/`-inf` for infinities.
  static func number(_ value: Double) -> String {
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return "\(value)"
  }

  /// The text, quoted (RFC 4180) when it holds a comma, a quote or a line break.
  static func text(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
