/// A frontier could not be computed for the request or the model.
public struct FrontierError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The input at fault (`points`, `max_kl`, `model`, or a policy's parameter).
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
