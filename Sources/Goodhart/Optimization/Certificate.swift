/// What an optimum's maximality rests on.
public enum Certificate: String, Hashable, Sendable {
  /// No point of the domain has a larger J by more than 1e-9 · max(1, |J|): a proof (J concave,
  /// a closed form, the one-point Lagrangian bound, or a branch and bound with rigorous bounds),
  /// not the best of a search.
  case global
  /// A verified KKT point, the best of a multi-start search; another point may be better.
  case local
}
