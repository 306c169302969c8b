/// How an `OutputLaw` computes its policies.
public enum LawRoute: String, CaseIterable, Hashable, Sendable {
  /// Closed forms on the bivariate normal law of (T, P) (`JointLaw`).
  case closedForm = "closed_form"
  /// Adaptive quadrature on the law of P for independent non-normal submodules
  /// (`PersuasionLaw`).
  case quadrature
  /// The mixture reading: closed forms and one-dimensional quadrature per component
  /// (`MixtureLaw`).
  case mixture
}
