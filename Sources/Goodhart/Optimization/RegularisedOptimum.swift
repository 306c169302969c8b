/// The maximiser of J(w) = E_w[P] − β · penalty(w) for one regulariser and domain, with what
/// its maximality rests on.
public struct RegularisedOptimum: Hashable, Sendable {
  /// The weights and what they give; `outcome.kl` is the output-law KL for every regulariser,
  /// `outcome.objective` is J under this regulariser.
  public let outcome: WeightOutcome
  /// The regulariser.
  public let regulariser: Regulariser
  /// The domain.
  public let domain: WeightDomain
  /// penalty(w) at the optimum.
  public let penalty: Double
  /// Global (a proof) or local (a verified KKT point of a search).
  public let certificate: Certificate
  /// The KKT residual of the search that found it (`nil` for closed forms).
  public let kktResidual: Double?
  /// A rigorous upper bound of J over the whole domain from the branch and bound (`nil` for
  /// closed forms and for local optima): J <= upperBound everywhere, and J at the optimum is
  /// within 1e-9 · max(1, |J|) of it.
  public let upperBound: Double?
  /// Why the certificate is `local` (`nil` when global): what no proof here covers.
  public let whyLocal: String?
}
