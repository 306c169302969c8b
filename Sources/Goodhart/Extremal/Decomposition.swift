/// A model split into what moves persuasiveness and what does not (see `PersuasionLaw`).
///
/// P = μ + Σ_k W_k over the submodules with b_k ≠ 0, T = c + Σ_k r_k W_k + (centred truth-only
/// terms), with W_k centred at their medians (`PersuasionComponent`), μ = Σ (b_k L_k + σ_k m_k),
/// r_k = a_k / b_k and c = Σ_{b_i=0} a_i E[X_i] + Σ_{b_k≠0} (a_k L_k + r_k σ_k m_k) (m_k = 0 for
/// the symmetric families).
struct Decomposition: Sendable {
  /// One component per submodule with b_k ≠ 0, in file order (normals not merged).
  var components: [PersuasionComponent] = []
  /// μ = Σ (b_k L_k + σ_k m_k).
  var location = 0.0
  /// c, or `nil` when a truth-only submodule with a_i ≠ 0 has no mean.
  var truthOffset: Double? = 0
  /// Σ_{b_i=0} a_i² Var X_i, or `nil` when one of those variances does not exist.
  var outsideTruthVariance: Double? = 0
  /// Whether every submodule with a_i ≠ 0 has a mean.
  var meanTruthExists = true
  /// Whether every submodule with b_i ≠ 0 has a mean.
  var meanPersuasivenessExists = true

  /// Splits `model` under its weights.
  init(model: Model) {
    for (submodule, weight) in zip(model.submodules, model.weights) {
      let a = weight * submodule.truth
      let b = weight * submodule.persuasion
      let law = submodule.distribution
      if a != 0, !law.hasMean { meanTruthExists = false }
      guard b != 0 else {
        guard a != 0 else { continue }
        truthOffset = law.mean.flatMap { mean in truthOffset.map { $0 + a * mean } }
        outsideTruthVariance = law.variance.flatMap { v in outsideTruthVariance.map { $0 + a * a * v } }
        continue
      }
      if !law.hasMean { meanPersuasivenessExists = false }
      var component = PersuasionComponent(
        law: b < 0 ? law.standardLaw.mirror : law.standardLaw, scale: abs(b) * law.scale,
        truthRatio: a / b, hasMean: law.hasMean, names: [submodule.name])
      if !component.isSymmetric { component.centre = component.law.lowerQuantile(0.5) }
      let shift = component.scale * component.centre
      location += b * law.location + shift
      truthOffset = truthOffset.map { $0 + a * law.location + component.truthRatio * shift }
      components.append(component)
    }
    if truthOffset == nil { meanTruthExists = false }
  }
}
