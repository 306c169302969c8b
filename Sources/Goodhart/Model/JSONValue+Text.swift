extension JSONValue {
  /// The value as compact JSON text with sorted keys: numbers in Swift's shortest round-trip
  /// form (so parsing the text gives the same doubles back), strings escaped per RFC 8259.
  var text: String {
    switch self {
    case .null: "null"
    case .bool(let value): value ? "true" : "false"
    case .number(let value): JSONValue.numberText(value)
    case .string(let value): JSONValue.quoted(value)
    case .array(let values): "[" + values.map(\.text).joined(separator: ",") + "]"
    case .object(let members):
      "{" + members.keys.sorted().map { JSONValue.quoted($0) + ":" + members[$0]!.text }
        .joined(separator: ",") + "}"
    }
  }

  /// A finite double without a needless ".0" (whole numbers print as integers).
  private static func numberText(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  private static func quoted(_ string: String) -> String {
    var result = "\""
    for scalar in string.unicodeScalars {
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
