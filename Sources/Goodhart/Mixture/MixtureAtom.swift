/// The submodules of a mixture with persuasion 0: together an atom at P = 0, on which T is the
/// mixture of the laws of t_i X_i.
struct MixtureAtom: Sendable {
  /// Σ w_i over the submodules with p_i = 0 (> 0).
  let mass: Double
  /// E[T | atom] = Σ w_i t_i E[X_i] / mass, `nil` when a submodule with t_i ≠ 0 has no mean.
  let meanTruth: Double?
  /// Var[T | atom] by the law of total variance, `nil` when it does not exist.
  let varianceTruth: Double?

  /// The atom as a piece of a selected law carrying probability `mass`.
  func piece(mass: Double) -> MomentPiece {
    MomentPiece(
      mass: mass, meanPersuasiveness: 0, variancePersuasiveness: 0, meanTruth: meanTruth,
      varianceTruth: varianceTruth)
  }
}
