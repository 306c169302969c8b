/// How the package spells numbers and strings in JSON: the model files `Model.json` writes and the
/// command line's JSON output share it, so one value always prints one way.
public enum JSONText {
  /// A finite double in Swift's shortest round-trip form (parsing it gives the same double back),
  /// whole numbers without a fraction ("3", not "3.0"), and -0 as "0".
  public static func number(_ value: Double) -> String {
    if value == value.rounded(.towardZero), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// `text` as a JSON string: quoted, with quotes, backslashes and control characters escaped
  /// (RFC 8259); every other character as it is.
  public static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
