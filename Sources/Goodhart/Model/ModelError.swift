/// A model that breaks one of the contract's rules, naming the field and the rule.
///
/// `field` is a JSON path such as `submodules[2].sd` or `weights`; `rule` says what the value
/// must be and what it was, e.g. `must be finite and > 0 (got -1.0)`.
public struct ModelError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The offending field, as a JSON path (`submodules[0].name`, `weights[2]`, `model`).
  public let field: String
  /// The rule that was broken, in words.
  public let rule: String

  /// Creates an error for `field` breaking `rule`.
  public init(field: String, rule: String) {
    self.field = field
    self.rule = rule
  }

  /// `"<field>: <rule>"`.
  public var description: String { "\(field): \(rule)" }
}
