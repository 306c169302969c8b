/// The setting of a simulation that an error is about (`SimulationError.field`).
public enum SimulationField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// The number of (T, P) draws.
  case samples
  /// The number of threads.
  case threads
  /// The number of best-of-n trials.
  case trials
  /// A best-of-n count.
  case n
  /// A threshold.
  case tau
  /// A persuasiveness window.
  case window
  /// A tilt temperature.
  case beta

  /// The field's name as the library's messages and the JSON spell it.
  public var description: String { rawValue }
}
