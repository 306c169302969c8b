/// A fit of an overoptimisation form could not be made from the data given.
public typealias FittingError = FieldError<FittingConcern>

/// Marks errors of this concern (see `FieldError`).
public enum FittingConcern: ErrorConcern {
  /// See `FittingField`.
  public typealias Field = FittingField
}
