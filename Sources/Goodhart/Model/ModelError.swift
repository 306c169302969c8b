/// A model that breaks one of the contract's rules, naming the field and the rule.
///
/// `field` is a JSON path such as `submodules[2].sd` or `weights`; `rule` says what the value
/// must be and what it was, e.g. `must be finite and > 0 (got -1.0)`.
public typealias ModelError = FieldError<ModelConcern>

/// Marks errors of this concern (see `FieldError`).
public enum ModelConcern: ErrorConcern {
  /// The JSON path of the offending value.
  public typealias Field = String
}
