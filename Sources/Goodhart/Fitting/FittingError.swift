/// A fit of an overoptimisation form could not be made from the data given.
public struct FittingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The input at fault (`distances`, `gains`, or `fit` when the solver failed).
  public let field: String
  /// What is wrong, in words.
  public let rule: String

  /// Creates an error for `field` breaking `rule`.
  public init(field: String, rule: String) {
    self.field = field
    self.rule = rule
  }

  /// `"<field>: <rule>"`.
  public var description: String { "\(field): \(rule)" }
}
