/// A selection policy asked for something the model cannot give.
public struct SelectionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The parameter or quantity at fault (`persuasiveness`, `q`, `n`, `kl`, `beta`, `tau`, ...).
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

  /// Every selection on P is undefined when P is constant.
  static func zeroVariance(_ field: String) -> SelectionError {
    SelectionError(
      field: field,
      rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")
  }
}
