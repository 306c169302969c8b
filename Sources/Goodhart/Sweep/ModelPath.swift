/// A path to one number in a model document, written as in error messages:
/// `submodules[2].mean`, `submodules[0].distribution.scale`, `weights[1]`.
public struct ModelPath: Hashable, Sendable, CustomStringConvertible {
  /// One step of the path: an object key or an array index.
  enum Step: Hashable, Sendable {
    case key(String)
    case index(Int)
  }

  let steps: [Step]

  /// The path as written.
  public let description: String

  /// Parses `key(.key | [index])*`.
  ///
  /// - Parameters:
  ///   - text: the path, e.g. `submodules[2].mean`.
  ///   - field: the spec field that holds it, for errors.
  /// - Throws: `SweepError` naming `field` when the text is not such a path.
  public init(_ text: String, field: String) throws(SweepError) {
    let failure = SweepError(
      field: field,
      rule: "must be a path such as submodules[2].mean or weights[0] (got \"\(text)\")")
    var steps: [Step] = []
    for segment in text.split(separator: ".", omittingEmptySubsequences: false) {
      let bracket = segment.firstIndex(of: "[") ?? segment.endIndex
      let key = segment[..<bracket]
      guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "_") }) else {
        throw failure
      }
      steps.append(.key(String(key)))
      var rest = segment[bracket...]
      while !rest.isEmpty {
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { throw failure }
        let digits = rest[rest.index(after: rest.startIndex)..<close]
        guard digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
          let index = Int(digits)
        else { throw failure }
        steps.append(.index(index))
        rest = rest[rest.index(after: close)...]
      }
    }
    self.steps = steps
    self.description = text
  }

  /// `i` when the path is `weights[i]`.
  var weightIndex: Int? {
    guard steps.count == 2, steps[0] == .key("weights"), case .index(let index) = steps[1] else {
      return nil
    }
    return index
  }

  /// The document with the number at this path replaced by `value`.
  ///
  /// - Throws: `SweepError` naming `field` when the path does not lead to a number in `document`.
  func setting(_ value: Double, in document: JSONValue, field: String) throws(SweepError)
    -> JSONValue
  {
    try Self.setting(value, at: steps[...], in: document, field: field, path: description)
  }

  private static func setting(
    _ value: Double, at steps: ArraySlice<Step>, in node: JSONValue, field: String, path: String
  ) throws(SweepError) -> JSONValue {
    guard let step = steps.first else {
      guard case .number = node else {
        throw SweepError(
          field: field, rule: "\(path) holds \(node.typeName) in the model, not a number")
      }
      return .number(value)
    }
    let rest = steps.dropFirst()
    switch (step, node) {
    case (.key(let key), .object(var object)):
      guard let child = object[key] else {
        throw SweepError(field: field, rule: "the model has no \"\(key)\" on the path \(path)")
      }
      object[key] = try setting(value, at: rest, in: child, field: field, path: path)
      return .object(object)
    case (.index(let index), .array(var array)):
      guard array.indices.contains(index) else {
        throw SweepError(
          field: field,
          rule: "index \(index) on the path \(path) is out of range (the array has \(array.count))")
      }
      array[index] = try setting(value, at: rest, in: array[index], field: field, path: path)
      return .array(array)
    default:
      throw SweepError(
        field: field, rule: "the path \(path) does not match the model (found \(node.typeName))")
    }
  }
}
