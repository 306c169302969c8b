/// A strict JSON parser (RFC 8259) over UTF-8 bytes whose errors name the JSON path and the
/// position where the document went wrong.
///
/// Limits: nesting deeper than `maximumDepth` is an error (no recursion can overflow the stack),
/// numbers must fit a double (`1e400` is an error at its path, `1e-400` rounds to 0 as any
/// parser does), object keys must be unique, and nothing may follow the document.
struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let maximumDepth = 64

  private let bytes: [UInt8]
  private var position = 0

  /// Parses a whole document.
  ///
  /// - Throws: `ModelError` with field `model` for syntax errors (with line and column), or the
  ///   JSON path of a number out of range or a duplicated key.
  static func parse(_ bytes: [UInt8]) throws(ModelError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    guard parser.position < bytes.count else {
      throw ModelError(field: "model", rule: "is empty (expected a JSON object)")
    }
    let value = try parser.value(at: "", depth: 0)
    parser.skipWhitespace()
    guard parser.position == bytes.count else {
      throw parser.syntaxError("unexpected content after the document")
    }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private mutating func value(at path: String, depth: Int) throws(ModelError) -> JSONValue {
    guard depth <= JSONParser.maximumDepth else {
      throw ModelError(
        field: "model", rule: "nests arrays and objects deeper than \(JSONParser.maximumDepth) levels")
    }
    guard let byte = peek() else { throw syntaxError("unexpected end of input") }
    switch byte {
    case UInt8(ascii: "{"): return try object(at: path, depth: depth + 1)
    case UInt8(ascii: "["): return try array(at: path, depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number(at: path))
    default: throw syntaxError("unexpected character '\(UnicodeScalar(byte))'")
    }
  }

  private mutating func object(at path: String, depth: Int) throws(ModelError) -> JSONValue {
    position += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw syntaxError("expected a key in quotes") }
      let key = try string()
      let memberPath = path.isEmpty ? key : "\(path).\(key)"
      guard members[key] == nil else {
        throw ModelError(field: memberPath, rule: "appears twice in the same object")
      }
      skipWhitespace()
      guard peek() == UInt8(ascii: ":") else { throw syntaxError("expected ':' after a key") }
      position += 1
      skipWhitespace()
      members[key] = try value(at: memberPath, depth: depth)
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"): position += 1; return .object(members)
      default: throw syntaxError("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func array(at path: String, depth: Int) throws(ModelError) -> JSONValue {
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try value(at: "\(path)[\(elements.count)]", depth: depth))
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"): position += 1; return .array(elements)
      default: throw syntaxError("expected ',' or ']' in an array")
      }
    }
  }

  private mutating func number(at path: String) throws(ModelError) -> Double {
    let start = position
    if peek() == UInt8(ascii: "-") { position += 1 }
    guard let first = peek(), isDigit(first) else { throw syntaxError("expected a digit") }
    if first == UInt8(ascii: "0") {
      position += 1
    } else {
      skipDigits()
    }
    if peek() == UInt8(ascii: ".") {
      position += 1
      guard let next = peek(), isDigit(next) else {
        throw syntaxError("expected a digit after '.'")
      }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      guard let next = peek(), isDigit(next) else {
        throw syntaxError("expected a digit in the exponent")
      }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw ModelError(
        field: path.isEmpty ? "model" : path,
        rule: "the number \(text) is out of the range of a double")
    }
    return value
  }

  private mutating func string() throws(ModelError) -> String {
    position += 1
    var scalars = String.UnicodeScalarView()
    var runStart = position
    func flush(_ end: Int, into scalars: inout String.UnicodeScalarView) {
      scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars)
    }
    while true {
      guard let byte = peek() else { throw syntaxError("unterminated string") }
      switch byte {
      case UInt8(ascii: "\""):
        flush(position, into: &scalars)
        position += 1
        return String(scalars)
      case UInt8(ascii: "\\"):
        flush(position, into: &scalars)
        position += 1
        scalars.append(try escape())
        runStart = position
      case 0..<0x20:
        throw syntaxError("control character in a string")
      default:
        position += 1
      }
    }
  }

  private mutating func escape() throws(ModelError) -> Unicode.Scalar {
    guard let byte = peek() else { throw syntaxError("unterminated escape") }
    position += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try hexQuad()
      if (0xD800..<0xDC00).contains(high) {
        guard peek() == UInt8(ascii: "\\") else { throw syntaxError("unpaired surrogate") }
        position += 1
        guard peek() == UInt8(ascii: "u") else { throw syntaxError("unpaired surrogate") }
        position += 1
        let low = try hexQuad()
        guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("unpaired surrogate") }
        let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        guard let scalar = Unicode.Scalar(combined) else { throw syntaxError("invalid escape") }
        return scalar
      }
      guard let scalar = Unicode.Scalar(high) else { throw syntaxError("unpaired surrogate") }
      return scalar
    default:
      throw syntaxError("invalid escape '\\\(UnicodeScalar(byte))'")
    }
  }

  private mutating func hexQuad() throws(ModelError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek(), let digit = hexDigit(byte) else {
        throw syntaxError("expected four hexadecimal digits after \\u")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  private mutating func literal(_ word: String) throws(ModelError) {
    let expected = Array(word.utf8)
    guard position + expected.count <= bytes.count,
      bytes[position..<position + expected.count].elementsEqual(expected)
    else {
      throw syntaxError("invalid literal (expected \(word))")
    }
    position += expected.count
  }

  private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while let byte = peek(),
      byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    {
      position += 1
    }
  }

  private mutating func skipDigits() {
    while let byte = peek(), isDigit(byte) { position += 1 }
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// "model: is not valid JSON at line L, column C: <what>".
  private func syntaxError(_ what: String) -> ModelError {
    var line = 1
    var column = 1
    for byte in bytes[..<min(position, bytes.count)] {
      if byte == 0x0A {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return ModelError(
      field: "model", rule: "is not valid JSON at line \(line), column \(column): \(what)")
  }
}
