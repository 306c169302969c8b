/// One piece of a selected law, with the probability it carries and the means and variances of
/// truth and persuasiveness on it; pieces combine by the laws of total expectation and variance.
///
/// Routes that split a selected law (the kept part of each mixture component, the atom at P = 0)
/// summarise each part as a piece and add them up, so that no variance is formed as
/// E[X²] − E[X]² across parts (which cancels when the means are large).
struct MomentPiece: Sendable {
  /// The probability the piece carries (>= 0, not normalised).
  var mass: Double
  /// E[P] on the piece (`nil` when it does not exist).
  var meanPersuasiveness: Double?
  /// Var P on the piece.
  var variancePersuasiveness: Double?
  /// E[T] on the piece.
  var meanTruth: Double?
  /// Var T on the piece.
  var varianceTruth: Double?

  /// The law made of `pieces` (masses renormalised to 1), with KL `kl`.
  ///
  /// A mean exists when it exists on every piece of positive mass, a variance when the means and
  /// variances do. Var = Σ m_j (v_j + (μ_j − μ)²) / Σ m_j.
  static func combine(_ pieces: [MomentPiece], kl: Double) -> SelectionOutcome {
    let kept = pieces.filter { $0.mass > 0 }
    let total = kept.reduce(0) { $0 + $1.mass }
    func moments(_ mean: (MomentPiece) -> Double?, _ variance: (MomentPiece) -> Double?)
      -> (Double?, Double?)
    {
      guard total > 0 else { return (nil, nil) }
      var sum = CompensatedSum()
      for piece in kept {
        guard let value = mean(piece) else { return (nil, nil) }
        sum.add(piece.mass / total * value)
      }
      let average = sum.value
      var spread = CompensatedSum()
      for piece in kept {
        guard let value = variance(piece), let centre = mean(piece) else { return (average, nil) }
        let offset = centre - average
        spread.add(piece.mass / total * (value + offset * offset))
      }
      return (average, spread.value)
    }
    let truth = moments(\.meanTruth, \.varianceTruth)
    let persuasiveness = moments(\.meanPersuasiveness, \.variancePersuasiveness)
    return SelectionOutcome(
      meanTruth: truth.0, meanPersuasiveness: persuasiveness.0, varianceTruth: truth.1,
      variancePersuasiveness: persuasiveness.1, kl: kl)
  }
}
