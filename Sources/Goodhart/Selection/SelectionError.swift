/// A selection policy asked for something the model cannot give.
public typealias SelectionError = FieldError<SelectionConcern>

/// Marks errors of this concern (see `FieldError`).
public enum SelectionConcern: ErrorConcern {
  /// See `SelectionField`.
  public typealias Field = SelectionField
}

extension SelectionError {
  /// Every selection on P is undefined when P is constant.
  static func zeroVariance(_ field: SelectionField) -> SelectionError {
    SelectionError(
      field: field,
      rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")
  }
}
