/// How mean truth under best-of-n behaves as n grows (Goodhart's taxonomy for selection).
public enum GoodhartVerdict: String, Hashable, Sendable, CaseIterable {
  /// Truth keeps rising with n (the Gaussian picture: E[T] grows like sqrt(2 ln n)).
  case regressional
  /// Truth rises, then levels off: extra selection buys (almost) nothing, but costs nothing.
  case weakGoodhart = "weak_goodhart"
  /// Truth rises, peaks at a finite n*, then falls back toward the unselected mean: selecting
  /// harder eventually buys no truth at all (extremal Goodhart).
  case strongGoodhart = "strong_goodhart"
  /// Selecting on persuasiveness never raises truth (T does not increase with P).
  case noGain = "no_gain"
}
