/// Where E[T] under best-of-n goes as n → ∞, decided from the tails of the laws (a theorem),
/// not from the largest n computed. Names: Docs/HeavyTails.md, "The asymptote".
public enum Asymptote: String, Hashable, Sendable {
  /// E[T] → +∞.
  case unbounded
  /// E[T] → a finite limit above the base E[T].
  case plateau
  /// E[T] → the base E[T] (catastrophic Goodhart in Kwa et al.'s sense when P is heavy-tailed).
  case base
  /// E[T] → a finite limit below the base, or → −∞ (then the limit is `nil`).
  case belowBase = "below_base"
  /// No theorem here covers the model.
  case undetermined
}
