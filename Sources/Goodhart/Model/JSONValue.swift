/// A parsed JSON document, used to validate model files field by field.
///
/// Parsed by `JSONParser` (strict RFC 8259, bounded depth), so every failure can name the field
/// it happened in: a number such as `1e400` that no double can hold is an error at its JSON path,
/// not a silent infinity, and a duplicated key is an error rather than "last one wins".
enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The JSON type's name, for error messages.
  var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  func object(at path: String) throws(ModelError) -> [String: JSONValue] {
    guard case .object(let value) = self else {
      throw ModelError(field: path, rule: "must be an object (got \(typeName))")
    }
    return value
  }

  func array(at path: String) throws(ModelError) -> [JSONValue] {
    guard case .array(let value) = self else {
      throw ModelError(field: path, rule: "must be an array (got \(typeName))")
    }
    return value
  }

  func number(at path: String) throws(ModelError) -> Double {
    guard case .number(let value) = self else {
      throw ModelError(field: path, rule: "must be a number (got \(typeName))")
    }
    guard value.isFinite else {
      throw ModelError(field: path, rule: "must be finite (got \(value))")
    }
    return value
  }

  func string(at path: String) throws(ModelError) -> String {
    guard case .string(let value) = self else {
      throw ModelError(field: path, rule: "must be a string (got \(typeName))")
    }
    return value
  }

  static func required(_ key: String, in object: [String: JSONValue], at path: String)
    throws(ModelError) -> JSONValue
  {
    guard let value = object[key] else {
      throw ModelError(field: path.isEmpty ? key : "\(path).\(key)", rule: "is required")
    }
    return value
  }

  static func rejectUnknownKeys(
    in object: [String: JSONValue], allowed: Set<String>, at path: String
  ) throws(ModelError) {
    if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
      let known = allowed.sorted().joined(separator: ", ")
      throw ModelError(
        field: path.isEmpty ? unknown : "\(path).\(unknown)",
        rule: "is not a known key (known: \(known))")
    }
  }
}
