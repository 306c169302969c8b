/// The members of a JSON object's top level, each value kept as its exact bytes.
///
/// The explorer hands the `model` member to the CLI byte for byte, so the CLI's strict parser
/// (duplicate keys, numbers out of range) judges exactly what the client sent; this scan checks
/// the top level only and cuts it up.
struct BodyMembers {
  /// The members in order: key and the byte range of its value.
  let members: [(key: String, value: Range<Int>)]

  /// Cuts `bytes` into the members of its top-level object; nil when the bytes are not one JSON
  /// object at the top level (missing quotes, colons or commas, anything after the closing
  /// brace). Values are only delimited here; whoever reads one judges its syntax.
  init?(_ bytes: [UInt8]) {
    var index = BodyMembers.skipSpace(bytes, 0)
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
    index = BodyMembers.skipSpace(bytes, index + 1)
    var members: [(key: String, value: Range<Int>)] = []
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
    } else {
      while true {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let keyEnd = BodyMembers.endOfString(bytes, index)
        guard keyEnd <= bytes.count else { return nil }
        let key = String(decoding: bytes[(index + 1)..<(keyEnd - 1)], as: UTF8.self)
        index = BodyMembers.skipSpace(bytes, keyEnd)
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        let start = BodyMembers.skipSpace(bytes, index + 1)
        let end = BodyMembers.endOfValue(bytes, start)
        guard end > start, end <= bytes.count else { return nil }
        members.append((key, start..<end))
        index = BodyMembers.skipSpace(bytes, end)
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "}") {
          index += 1
          break
        }
        guard bytes[index] == UInt8(ascii: ",") else { return nil }
        index = BodyMembers.skipSpace(bytes, index + 1)
      }
    }
    guard BodyMembers.skipSpace(bytes, index) == bytes.count else { return nil }
    self.members = members
  }

  private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
    var index = start
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    return index
  }

  /// The index just past the string that starts at `start` (a quote).
  private static func endOfString(_ bytes: [UInt8], _ start: Int) -> Int {
    var index = start + 1
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\\"): index += 2
      case UInt8(ascii: "\""): return index + 1
      default: index += 1
      }
    }
    return bytes.count + 1
  }

  /// The index just past the value that starts at `start`.
  private static func endOfValue(_ bytes: [UInt8], _ start: Int) -> Int {
    var index = start
    var depth = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        index = endOfString(bytes, index)
        if depth == 0 { return index }
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if depth == 0 { return index }
        depth -= 1
        if depth == 0 { return index + 1 }
      case UInt8(ascii: ","):
        if depth == 0 { return index }
      case 0x20, 0x09, 0x0A, 0x0D:
        if depth == 0 { return index }
      default:
        break
      }
      index += 1
    }
    return index
  }
}
