/// What one pass of fixed rules (`KernelQuadrature`) gives of the law of S = P − μ at a point
/// s >= 0: Q_S(s) and f_S(s) together, and the truth numerator N(s) = E[T_S · 1{S ∈ ds}]/ds
/// where the same nodes vouch for it too.
struct PassValues: Sendable {
  /// Q_S(s).
  let tail: Double
  /// f_S(s).
  let density: Double
  /// N(s), or `nil` where its own bounds or error estimate fail at the pass's cut (then
  /// `CentredSum.truthNumerator` computes it on its own).
  let truthNumerator: Double?
  /// The sums from which the truth square numerator about any t follows, or `nil` where the
  /// bound beyond the cut is infinite.
  let truthMoments: KernelTruthMoments?
}
