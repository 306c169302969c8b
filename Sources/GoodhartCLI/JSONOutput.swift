import Goodhart

/// A JSON value with ordered keys, written at full double precision (the contract's output).
///
/// Numbers print with Swift's shortest round-trip representation; infinities print as `null`
/// (the contract), and NaN also as `null` (no command should produce one).
indirect enum JSONOutput {
  case number(Double)
  case integer(Int)
  case unsigned(UInt64)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONOutput])
  case object([(String, JSONOutput)])

  /// An array of numbers.
  static func numbers(_ values: [Double]) -> JSONOutput { .array(values.map(JSONOutput.number)) }

  /// The document, indented by two spaces per level, ending without a newline.
  func rendered(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent + 1)
    let closing = String(repeating: "  ", count: indent)
    switch self {
    case .number(let value):
      return value.isFinite ? JSONText.number(value) : "null"
    case .integer(let value):
      return String(value)
    case .unsigned(let value):
      return String(value)
    case .string(let value):
      return JSONText.quoted(value)
    case .bool(let value):
      return value ? "true" : "false"
    case .null:
      return "null"
    case .array(let values):
      if values.isEmpty { return "[]" }
      if values.allSatisfy(\.isScalar) {
        return "[" + values.map { $0.rendered() }.joined(separator: ", ") + "]"
      }
      return "[\n" + values.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n")
        + "\n" + closing + "]"
    case .object(let members):
      if members.isEmpty { return "{}" }
      return "{\n"
        + members.map { pad + JSONText.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
        .joined(separator: ",\n") + "\n" + closing + "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }
}
