/// A simulation asked for something the engine cannot do (a sample count out of range, a
/// non-finite threshold, ...).
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The parameter at fault (`samples`, `threads`, `seed`, `n`, `trials`, `tau`, `window`, ...).
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
