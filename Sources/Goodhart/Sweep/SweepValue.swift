/// One cell of a sweep: a number, a word, or nothing (undefined at that point).
public enum SweepValue: Hashable, Sendable {
  /// A number (finite or ±∞).
  case number(Double)
  /// A word, such as a submodule's name or an asymptote.
  case text(String)
  /// Undefined at this point.
  case missing

  /// The number, if the cell holds one.
  public var number: Double? {
    if case .number(let value) = self { value } else { nil }
  }
}
