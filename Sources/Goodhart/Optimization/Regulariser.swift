/// The penalty RL on the weights pays for moving away from the base weights w0: the comment's
/// "is there weight decay?". The objective is J(w) = E_w[P] − β · penalty(w).
public enum Regulariser: String, CaseIterable, Hashable, Sendable {
  /// KL(law_w(T, P) || law_w0(T, P)) between the output laws (the default).
  case outputKL = "output-kl"
  /// KL between the laws of P alone.
  case persuasionKL = "persuasion-kl"
  /// Σ_i w_i ln(w_i / w0_i), a KL on the weights themselves (simplex only).
  case weightKL = "weight-kl"
  /// Σ_i (w_i − w0_i)², weight decay towards w0.
  case weightDecay = "weight-decay"
}
