import Foundation

/// A checked interpolation table of the law of S = U + V (two components), shared by the
/// best-of-n evaluations of one curve over n (`PersuasionLaw.bestOfNMeans(at:)`: the regime's
/// 60 values of n reuse it). It covers s >= 0 from S and, when S is not symmetric, s < 0 from the
/// mirrored sum −S at −s (a symmetric S is read at |s|).
///
/// In the variable x = ln(1 + s/σ) (σ = σ_U + σ_V), which turns polynomial tails into straight
/// lines and spreads the bulk over [0, 2], it interpolates ln Q_S(s) and the ratio
/// N(s)/Q_S(s) (N = Σ_k r_k E[W_k | S = s] f_S(s), the truth numerator) by Chebyshev polynomials on
/// fixed segments of x in [0, 64] (widths 1/2 up to x = 4, then doubling every 4), built on first
/// use. Every piece is checked against direct quadrature at three further points where the
/// interpolation error peaks; a segment that fails is halved (twice at most), and a piece that
/// still fails, or where Q_S underflows or a quadrature fails, is left to direct quadrature
/// (`values(at:)` returns `nil`): the table never trades accuracy for speed.
///
/// Accepted pieces agree with direct quadrature to |Δ ln Q| <= 10^−11 (1 + 10^−3 |ln Q|) (the
/// relative error of Q) and |Δ(N/Q)| <= 10^−11 (|N/Q| + Σ_k|r_k|σ_k f_lower(s)/Q(s)), i.e. E[T | S = s]
/// to 10^−11 relative or 10^−11 of the truth scale, with f_lower <= f_S the bound that floors
/// the direct quadrature of N too.
final class PersuasionTable: @unchecked Sendable {
  /// A segment's state.
  private indirect enum Entry {
    /// ln Q and N/Q interpolants.
    case interpolated(logTail: ChebyshevPiece, ratio: ChebyshevPiece)
    /// Two halves split at `middle`.
    case split(middle: Double, Entry, Entry)
    /// Left to direct quadrature.
    case direct
  }

  /// Chebyshev points per piece.
  static let nodeCount = 20
  /// The check tolerance (see the type's summary).
  static let defaultTolerance = 1e-11
  /// How many times a failing segment is halved before it is left to direct quadrature.
  static let maximumSplits = 2
  /// Segment ends in x: width 1/2 on [0, 4], then four segments per doubling (width 1 on [4, 8],
  /// 2 on [8, 16], 4 on [16, 32], 8 on [32, 64]).
  static let boundaries: [Double] =
    stride(from: 0.0, to: 4, by: 0.5).map { $0 }
    + [4.0, 8, 16, 32].flatMap { start in (0..<4).map { start + Double($0) * start / 4 } } + [64]

  /// S, then −S when S is not symmetric.
  private let sums: [Convolution]
  private let scale: Double
  private let tolerance: Double
  private let lock = NSLock()
  /// The segments of each entry of `sums`.
  private var segments: [[Entry?]]

  /// An empty table for `convolution`, with `mirrored` (−S) for s < 0 when S is not symmetric.
  ///
  /// - Parameter tolerance: the check tolerance (tests pass 0 to force direct quadrature).
  init(
    _ convolution: Convolution, mirrored: Convolution? = nil,
    tolerance: Double = PersuasionTable.defaultTolerance
  ) {
    sums = [convolution] + [mirrored].compactMap { $0 }
    scale = convolution.u.scale + convolution.v.scale
    self.tolerance = tolerance
    segments = Array(
      repeating: Array(repeating: nil, count: PersuasionTable.boundaries.count - 1), count: sums.count)
  }


  /// The tail beyond s on its side of 0 and N(s) from the table (`PointValues`), or `nil` where
  /// direct quadrature must be used. A symmetric S is read at |s| (callers pass s >= 0).
  ///
  /// - Complexity: O(K) once the segment is built; building one costs K + 3 direct evaluations
  ///   per piece tried.
  func values(at s: Double) -> PointValues? {
    let side = s < 0 && sums.count > 1 ? 1 : 0
    let x = log1p(abs(s) / scale)
    let ends = PersuasionTable.boundaries
    guard x.isFinite, x >= 0, x < ends[ends.count - 1] else { return nil }
    var index = 0
    while ends[index + 1] <= x { index += 1 }
    lock.lock()
    let known = segments[side][index]
    lock.unlock()
    let entry: Entry
    if let known {
      entry = known
    } else {
      // Built outside the lock, so that readers of other segments never wait; a segment is a
      // function of its ends alone, so two threads building it at once store the same entry.
      entry = build(sums[side], ends[index], ends[index + 1], splits: PersuasionTable.maximumSplits)
      lock.lock()
      if segments[side][index] == nil { segments[side][index] = entry }
      lock.unlock()
    }
    guard let values = PersuasionTable.evaluate(entry, at: x) else { return nil }
    return side == 0 ? values : PointValues(tail: values.tail, truthNumerator: -values.truthNumerator)
  }

  private static func evaluate(_ entry: Entry, at x: Double) -> PointValues? {
    switch entry {
    case .direct:
      return nil
    case .split(let middle, let low, let high):
      return evaluate(x < middle ? low : high, at: x)
    case .interpolated(let logTail, let ratio):
      let tail = exp(logTail(x))
      return PointValues(tail: tail, truthNumerator: ratio(x) * tail)
    }
  }

  /// ln Q and N/Q of `sum` at x from direct quadrature, or `nil` when Q underflows or a
  /// quadrature fails.
  private func direct(_ sum: Convolution, _ x: Double) -> (logTail: Double, ratio: Double)? {
    let s = scale * expm1(x)
    guard let tail = try? sum.tail(s), tail > 0, tail.isFinite,
      let numerator = try? sum.truthNumerator(s), numerator.isFinite
    else { return nil }
    return (log(tail), numerator / tail)
  }

  private func build(_ sum: Convolution, _ lower: Double, _ upper: Double, splits: Int) -> Entry {
    let entry = interpolate(sum, lower, upper)
    if case .direct = entry, splits > 0 {
      let middle = 0.5 * (lower + upper)
      return .split(
        middle: middle, build(sum, lower, middle, splits: splits - 1),
        build(sum, middle, upper, splits: splits - 1))
    }
    return entry
  }

  /// Σ|r_k|σ_k · f_lower(s)/Q_S(s): the ratio error that moves E[T | S = s] = c + N/f_S by one
  /// unit of the truth scale Σ|r_k|σ_k (f_lower <= f_S is the bound that also floors the direct
  /// quadrature of N, which in the far tail is accurate only to that absolute level).
  private func ratioFloor(_ sum: Convolution, at x: Double, logTail: Double) -> Double {
    let truthScale = abs(sum.u.truthRatio) * sum.u.scale + abs(sum.v.truthRatio) * sum.v.scale
    return truthScale * sum.densityLowerBound(scale * expm1(x)) / exp(logTail)
  }

  /// A checked piece of `sum` on [lower, upper], or `.direct`.
  private func interpolate(_ sum: Convolution, _ lower: Double, _ upper: Double) -> Entry {
    let count = PersuasionTable.nodeCount
    var logTails: [Double] = []
    var ratios: [Double] = []
    for x in ChebyshevPiece.nodes(count: count, lower: lower, upper: upper) {
      guard let value = direct(sum, x) else { return .direct }
      logTails.append(value.logTail)
      ratios.append(value.ratio)
    }
    let logTail = ChebyshevPiece(lower: lower, upper: upper, values: logTails)
    let ratio = ChebyshevPiece(lower: lower, upper: upper, values: ratios)
    for x in ChebyshevPiece.checkPoints(count: count, lower: lower, upper: upper) {
      guard let value = direct(sum, x) else { return .direct }
      let logError = abs(logTail(x) - value.logTail)
      let ratioError = abs(ratio(x) - value.ratio)
      guard logError <= tolerance * (1 + 1e-3 * abs(value.logTail)),
        ratioError <= tolerance * (abs(value.ratio) + ratioFloor(sum, at: x, logTail: value.logTail))
      else { return .direct }
    }
    return .interpolated(logTail: logTail, ratio: ratio)
  }
}
