/// The parameter of a selection that an error is about (`SelectionError.field`).
public enum SelectionField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// The threshold τ.
  case tau
  /// The kept fraction q.
  case q
  /// The best-of-n count n.
  case n
  /// A KL budget in nats.
  case kl
  /// A tilt temperature β.
  case beta
  /// The conditioning value p.
  case persuasiveness
  /// A target mean persuasiveness.
  case target
  /// A target shift in standard units of P.
  case shift
  /// The number of points of a curve over n.
  case points
  /// The largest n of a curve over n.
  case maxN = "max_n"
  /// The model itself (no route covers it, or P is constant).
  case model

  /// The field's name as the library's messages and the JSON spell it.
  public var description: String { rawValue }
}
