/// How a model's submodules make one output.
///
/// - `sum`: every submodule draws, and the weights add the draws up:
///   T = Σ_i w_i t_i X_i, P = Σ_i w_i p_i X_i (the comment's toy model as written).
/// - `mixture`: one submodule writes each output ("capabilities competing for the steering
///   wheel"): submodule i is chosen with probability w_i and reports T = t_i X_i, P = p_i X_i.
public enum Composition: String, CaseIterable, Hashable, Sendable {
  /// A weighted sum of every submodule's draw.
  case sum
  /// One submodule, chosen with probability w_i, writes each output.
  case mixture
}
