/// The concern an error belongs to: the model, a selection, an optimisation, a simulation, a
/// frontier or a fit. Each concern names its fields with a type of its own (`SelectionField`,
/// `OptimisationField`, ...; a model's fields are JSON paths such as `submodules[2].sd`), so a
/// front end maps them to its own words (the CLI's flags) by value, never by spelling.
public protocol ErrorConcern: Sendable {
  /// The fields of this concern.
  associatedtype Field: Hashable, Sendable, CustomStringConvertible
}

/// A value that breaks a rule, naming the field and the rule: the shape of every error Goodhart
/// throws above its numerical engine.
///
/// `field` is the offending input (`SelectionField.n`, `FrontierField.maxKL`, or a model's JSON
/// path); `rule` says what the value must be and, where useful, what it was
/// (`must be finite and > 0 (got -1.0)`). `description` is `"<field>: <rule>"`.
public struct FieldError<Concern: ErrorConcern>: Error, Hashable, Sendable, CustomStringConvertible {
  /// The offending field or parameter.
  public let field: Concern.Field
  /// The rule that was broken, in words.
  public let rule: String

  /// Creates an error for `field` breaking `rule`.
  ///
  /// - Parameters:
  ///   - field: the offending field.
  ///   - rule: what the value must be, and what it was.
  public init(field: Concern.Field, rule: String) {
    self.field = field
    self.rule = rule
  }

  /// `"<field>: <rule>"`.
  public var description: String { "\(field): \(rule)" }
}
