/// The input of a fit that an error is about (`FittingError.field`).
public enum FittingField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// The fit as a whole (the solver).
  case fit
  /// The distances d = sqrt(KL).
  case distances
  /// The truth gains.
  case gains

  /// The field's name as the library's messages and the JSON spell it.
  public var description: String { rawValue }
}
