/// Where the weights may go.
public enum WeightDomain: String, CaseIterable, Hashable, Sendable {
  /// w_i >= 0 and Σ w_i = 1 (the default).
  case simplex
  /// w_i >= 0, no sum constraint.
  case nonnegative
  /// No constraint at all: the comment's weights "without additional constraints".
  case real
}
