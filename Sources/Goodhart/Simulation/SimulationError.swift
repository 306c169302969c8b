/// A simulation asked for something the engine cannot do (a sample count out of range, a
/// non-finite threshold, ...).
public typealias SimulationError = FieldError<SimulationConcern>

/// Marks errors of this concern (see `FieldError`).
public enum SimulationConcern: ErrorConcern {
  /// See `SimulationField`.
  public typealias Field = SimulationField
}
