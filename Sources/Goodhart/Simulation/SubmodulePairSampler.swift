/// Sampling of any model's (T, P) submodule by submodule, for laws (heavy-tailed families) where
/// (T, P) has no closed form.
///
/// With a_i = w_i t_i, b_i = w_i p_i and X_i = L_i + S_i Z_i, the centred draw is
/// t = Σ a_i S_i Z_i, p = Σ b_i S_i Z_i, around the shift (Σ a_i L_i, Σ b_i L_i). Submodules with
/// a_i = b_i = 0 contribute nothing and are skipped.
struct SubmodulePairSampler: PairSampler {
  /// One contributing submodule.
  private struct Term: Sendable {
    let family: Distribution.Family
    let truthScale: Double
    let persuasivenessScale: Double
  }

  let shift: (truth: Double, persuasiveness: Double)
  private let terms: [Term]

  init(model: Model) {
    var shiftTruth = 0.0
    var shiftPersuasiveness = 0.0
    var terms: [Term] = []
    for (submodule, weight) in zip(model.submodules, model.weights) {
      let a = weight * submodule.truth
      let b = weight * submodule.persuasion
      guard a != 0 || b != 0 else { continue }
      let law = submodule.distribution
      shiftTruth += a * law.location
      shiftPersuasiveness += b * law.location
      terms.append(
        Term(
          family: law.family,
          truthScale: a * law.scale, persuasivenessScale: b * law.scale))
    }
    shift = (shiftTruth, shiftPersuasiveness)
    self.terms = terms
  }

  func draw(using source: inout RandomSource) -> (truth: Double, persuasiveness: Double) {
    var truth = 0.0
    var persuasiveness = 0.0
    for term in terms {
      let z = term.family.standardDraw(using: &source)
      truth += term.truthScale * z
      persuasiveness += term.persuasivenessScale * z
    }
    return (truth, persuasiveness)
  }
}
