extension JSONValue {
  /// The value as compact JSON text with sorted keys, spelled by `JSONText` (so parsing the
  /// text gives the same doubles back).
  var text: String {
    switch self {
    case .null: "null"
    case .bool(let value): value ? "true" : "false"
    case .number(let value): JSONText.number(value)
    case .string(let value): JSONText.quoted(value)
    case .array(let values): "[" + values.map(\.text).joined(separator: ",") + "]"
    case .object(let members):
      "{" + members.keys.sorted().map { JSONText.quoted($0) + ":" + members[$0]!.text }
        .joined(separator: ",") + "}"
    }
  }
}
