/// Sampling of the mixture reading: one submodule, chosen with probability w_i, writes each
/// output (T, P) = (t_i X_i, p_i X_i).
///
/// The submodule is chosen by one uniform draw against the cumulative weights (binary search),
/// then X_i is drawn from its family. Draws are centred on (Σ w_i t_i L_i, Σ w_i p_i L_i).
struct MixturePairSampler: PairSampler {
  /// One submodule with positive weight.
  private struct Term: Sendable {
    let family: Distribution.Family
    let location: Double
    let scale: Double
    let truth: Double
    let persuasion: Double
  }

  let shift: (truth: Double, persuasiveness: Double)
  private let terms: [Term]
  /// Cumulative weights, the last one exactly 1.
  private let cumulative: [Double]

  init(model: Model) {
    var terms: [Term] = []
    var cumulative: [Double] = []
    var total = 0.0
    var shiftTruth = 0.0
    var shiftPersuasiveness = 0.0
    for (submodule, weight) in zip(model.submodules, model.weights) where weight > 0 {
      let law = submodule.distribution
      terms.append(
        Term(
          family: law.family, location: law.location,
          scale: law.scale, truth: submodule.truth, persuasion: submodule.persuasion))
      total += weight
      cumulative.append(total)
      shiftTruth += weight * submodule.truth * law.location
      shiftPersuasiveness += weight * submodule.persuasion * law.location
    }
    cumulative = cumulative.map { $0 / total }
    cumulative[cumulative.count - 1] = 1
    self.terms = terms
    self.cumulative = cumulative
    shift = (shiftTruth, shiftPersuasiveness)
  }

  func draw(using source: inout RandomSource) -> (truth: Double, persuasiveness: Double) {
    let u = source.uniform()
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let middle = (low + high) / 2
      if u < cumulative[middle] { high = middle } else { low = middle + 1 }
    }
    let term = terms[low]
    let x =
      term.location
      + term.scale * term.family.standardDraw(using: &source)
    return (term.truth * x - shift.truth, term.persuasion * x - shift.persuasiveness)
  }
}
