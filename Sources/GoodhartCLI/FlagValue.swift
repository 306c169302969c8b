import ArgumentParser

/// A kind of number the command line reads: one parser and one rule per kind, so that every flag
/// of a kind accepts the same spellings ("1000", "1e3" and "1_000" alike) and fails alike.
protocol NumberKind {
  /// The parsed value.
  associatedtype Value: Comparable
  /// What a value of this kind must be, for messages ("a finite number", ...).
  static var rule: String { get }
  /// The value of `text` (underscores already removed), or `nil` when it is not of this kind.
  static func parse(_ text: Substring) -> Value?
}

/// A finite real number ("nan", "inf" and overflowing literals such as 1e400 are not).
enum RealNumber: NumberKind {
  static let rule = "a finite number"
  static func parse(_ text: Substring) -> Double? {
    guard let value = Double(text), value.isFinite else { return nil }
    return value
  }
}

/// A whole number: digits, or scientific notation whose value is an integer ("1e3"; beyond 2^53
/// the nearest double, as written).
enum WholeNumber: NumberKind {
  static let rule = "an integer"
  static func parse(_ text: Substring) -> Int? {
    if let exact = Int(text) { return exact }
    guard let value = Double(text), value.isFinite, value == value.rounded(), abs(value) < 0x1p63
    else { return nil }
    return Int(value)
  }
}

/// A seed: a whole number in [0, 2^64 − 1], in digits.
enum SeedNumber: NumberKind {
  static let rule = "an integer in [0, 2^64 - 1]"
  static func parse(_ text: Substring) -> UInt64? { UInt64(text) }
}

/// A flag's number as typed, read by its kind when the command asks for it (so that the error
/// names the flag and the kind's rule, in the contract's one line).
struct FlagNumber<Kind: NumberKind>: ExpressibleByArgument {
  /// The text given on the command line.
  let text: String

  /// Keeps the argument's text (every text parses here; `value(flag:)` reads it).
  init(argument: String) { text = argument }

  /// A default value, written as on the command line.
  init(_ text: String) { self.text = text }

  /// How the help shows a default.
  var defaultValueDescription: String { text }

  /// The value, spaces, tabs and underscores ignored.
  ///
  /// - Throws: `CommandFailure` naming `flag`: "must be <rule> (got "<text>")".
  func value(flag: String) throws(CommandFailure) -> Kind.Value {
    let cleaned = text.filter { $0 != "_" && $0 != " " && $0 != "\t" }
    guard let value = Kind.parse(cleaned[...]) else {
      throw CommandFailure(flag: flag, "must be \(Kind.rule) (got \"\(text)\")")
    }
    return value
  }

  /// The value, checked to lie in `range`.
  ///
  /// - Throws: `CommandFailure` naming `flag`: "must be <rule> in <rangeText> (got "<text>")".
  func value(flag: String, in range: ClosedRange<Kind.Value>, rangeText: String) throws(CommandFailure)
    -> Kind.Value
  {
    let value = try value(flag: flag)
    guard range.contains(value) else {
      throw CommandFailure(flag: flag, "must be \(Kind.rule) with \(rangeText) (got \"\(text)\")")
    }
    return value
  }
}

/// A finite real flag.
typealias RealFlag = FlagNumber<RealNumber>
/// A whole-number flag.
typealias WholeFlag = FlagNumber<WholeNumber>
/// A seed flag.
typealias SeedFlag = FlagNumber<SeedNumber>

extension Array {
  /// Each flag value of a repeated flag, in order.
  ///
  /// - Throws: `CommandFailure` naming `flag` for the first bad value.
  func values<Kind: NumberKind>(flag: String) throws(CommandFailure) -> [Kind.Value]
  where Element == FlagNumber<Kind> {
    var values: [Kind.Value] = []
    for element in self { values.append(try element.value(flag: flag)) }
    return values
  }
}
