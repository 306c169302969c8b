/// Draws (T, P) centred on a fixed shift: the engine accumulates t = T − shift.truth and
/// p = P − shift.persuasiveness, which keeps the power sums free of cancellation.
protocol PairSampler: Sendable {
  /// The centre subtracted from every draw (the law's location; its mean when it has one).
  var shift: (truth: Double, persuasiveness: Double) { get }

  /// One centred draw (t, p).
  func draw(using source: inout RandomSource) -> (truth: Double, persuasiveness: Double)

  /// The centred (t, p) of the candidate with the largest p among n independent draws (ties go to
  /// the first).
  func bestOf(_ n: Int, using source: inout RandomSource) -> (truth: Double, persuasiveness: Double)

  /// Writes `count` centred draws: the truths to `truth`, the persuasiveness values to
  /// `persuasiveness` (the engine's main draws, a block at a time).
  func fill(
    truth: UnsafeMutablePointer<Double>, persuasiveness: UnsafeMutablePointer<Double>, count: Int,
    using source: inout RandomSource)
}

extension PairSampler {
  /// The plain streaming argmax: draw n candidates, keep the first with the largest p.
  @inline(__always)
  func bestOf(_ n: Int, using source: inout RandomSource) -> (
    truth: Double, persuasiveness: Double
  ) {
    var best = draw(using: &source)
    var remaining = n - 1
    while remaining > 0 {
      let candidate = draw(using: &source)
      if candidate.persuasiveness > best.persuasiveness { best = candidate }
      remaining -= 1
    }
    return best
  }

  /// One `draw` per element, in order.
  func fill(
    truth: UnsafeMutablePointer<Double>, persuasiveness: UnsafeMutablePointer<Double>, count: Int,
    using source: inout RandomSource
  ) {
    for index in 0..<count {
      (truth[index], persuasiveness[index]) = draw(using: &source)
    }
  }
}
