/// A frontier could not be computed for the request or the model.
public typealias FrontierError = FieldError<FrontierConcern>

/// Marks errors of this concern (see `FieldError`).
public enum FrontierConcern: ErrorConcern {
  /// See `FrontierField`.
  public typealias Field = FrontierField
}
