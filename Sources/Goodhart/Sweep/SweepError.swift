/// A sweep spec that breaks a rule, naming the spec field (`axes[1].steps`, `record[0]`,
/// `model.submodules[2].sd`) and the rule.
public typealias SweepError = FieldError<SweepConcern>

/// Marks errors of a sweep spec (see `FieldError`).
public enum SweepConcern: ErrorConcern {
  /// The JSON path of the offending value in the spec.
  public typealias Field = String
}
