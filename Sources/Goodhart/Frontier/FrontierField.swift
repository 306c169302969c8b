/// The request or input of a frontier that an error is about (`FrontierError.field`).
public enum FrontierField: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// The number of KL budgets.
  case points
  /// The largest KL budget.
  case maxKL = "max_kl"
  /// The number of β values of the weight family.
  case familyPoints = "family_points"
  /// The weight family's optima.
  case weightFamily = "weight_family"
  /// The regularisers whose weight families are drawn.
  case regulariser
  /// The model itself.
  case model

  /// The field's name as the library's messages and the JSON spell it.
  public var description: String { rawValue }
}
