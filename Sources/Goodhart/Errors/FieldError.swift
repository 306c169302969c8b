/// The concern an error belongs to: the model, a selection, an optimisation, a simulation, a
/// frontier or a fit. A marker, so that each concern has an error type of its own
/// (`ModelError`, `SelectionError`, ...) with one shared implementation.
public protocol ErrorConcern: Sendable {}

/// A value that breaks a rule, naming the field and the rule: the shape of every error Goodhart
/// throws above its numerical engine.
///
/// `field` is the offending input as a path (`submodules[2].sd`, `weights`, `n`, `beta`);
/// `rule` says what the value must be and, where useful, what it was
/// (`must be finite and > 0 (got -1.0)`). The command line prints `"<field>: <rule>"` after
/// `error:`.
public struct FieldError<Concern: ErrorConcern>: Error, Hashable, Sendable, CustomStringConvertible {
  /// The offending field or parameter.
  public let field: String
  /// The rule that was broken, in words.
  public let rule: String

  /// Creates an error for `field` breaking `rule`.
  ///
  /// - Parameters:
  ///   - field: the offending field, as a path.
  ///   - rule: what the value must be, and what it was.
  public init(field: String, rule: String) {
    self.field = field
    self.rule = rule
  }

  /// `"<field>: <rule>"`.
  public var description: String { "\(field): \(rule)" }
}
