import Foundation

/// A checked interpolation table of the law of a sum S of two or more components
/// (`CentredSum`), shared by the best-of-n evaluations of one curve over n
/// (`PersuasionLaw.bestOfNMeans(at:)`: the regime's 60 values of n reuse it), and, extended, by
/// every evaluation of a partial sum inside a larger one (`PartialSum`). It covers s >= 0 from S
/// and, when S is not symmetric, s < 0 from the mirrored sum −S at −s (a symmetric S is read at
/// |s|).
///
/// In the variable x = ln(1 + s/σ) (σ = Σ σ_k), which turns polynomial tails into straight
/// lines and spreads the bulk over [0, 2], it interpolates ln Q_S(s) and the ratio
/// N(s)/Q_S(s) (N = Σ_k r_k E[W_k | S = s] f_S(s), the truth numerator), and when extended also
/// ln f_S(s) and V(s) = Var[Σ_k r_k W_k | S = s], by Chebyshev polynomials on
/// fixed segments of x in [0, 64] (widths 1/2 up to x = 4, then doubling every 4), built on first
/// use. Every piece is checked against direct quadrature at three further points where the
/// interpolation error peaks; a segment that fails is halved (twice at most), and a piece that
/// still fails, or where Q_S underflows or a quadrature fails, is left to direct quadrature
/// (`values(at:)` returns `nil`): the table never trades accuracy for speed.
///
/// Accepted pieces agree with direct quadrature to |Δ ln Q| <= 10^−11 (1 + 10^−3 |ln Q|) (the
/// relative error of Q) and |Δ(N/Q)| <= 10^−11 (|N/Q| + Σ_k|r_k|σ_k f_lower(s)/Q(s)), i.e. E[T | S = s]
/// to 10^−11 relative or 10^−11 of the truth scale, with f_lower <= f_S the bound that floors
/// the direct quadrature of N too; extended pieces also |Δ ln f| <= 10^−11 (1 + 10^−3 |ln f|) and
/// |ΔV| <= 10^−10 (V + 10^−2 (Σ_k|r_k|σ_k)²) + (10^−9 (s/σ) Σ_k|r_k|σ_k)².
final class PersuasionTable: @unchecked Sendable {
  /// A segment's state.
  private indirect enum Entry {
    /// Interpolants of ln Q and N/Q (then ln f and V when extended).
    case interpolated([ChebyshevPiece])
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
  /// The same for an extended table (a partial sum inside a larger one, evaluated at every node
  /// of the larger one's quadratures): halving down to width 2^−9 confines a point where the
  /// density is not analytic (where two supports' ends meet) to a sliver of direct quadrature.
  static let maximumExtendedSplits = 8
  /// Segment ends in x: width 1/2 on [0, 4], then four segments per doubling (width 1 on [4, 8],
  /// 2 on [8, 16], 4 on [16, 32], 8 on [32, 64]).
  static let boundaries: [Double] =
    stride(from: 0.0, to: 4, by: 0.5).map { $0 }
    + [4.0, 8, 16, 32].flatMap { start in (0..<4).map { start + Double($0) * start / 4 } } + [64]

  /// S, then −S when S is not symmetric.
  private let sums: [any CentredSum]
  private let scale: Double
  private let tolerance: Double
  /// Whether ln f and V are tabulated too.
  private let extended: Bool
  private let lock = NSLock()
  /// The segments of each entry of `sums`.
  private var segments: [[Entry?]]
  /// Per entry of `sums`, the least x at which its tail was seen to underflow to 0 (∞ if none):
  /// the tail decreases in |s|, so an extended table gives zeros from there on.
  private var underflowFrom: [Double]

  /// An empty table for `sum`, with `mirrored` (−S) for s < 0 when S is not symmetric.
  ///
  /// - Parameters:
  ///   - tolerance: the check tolerance (tests pass 0 to force direct quadrature).
  ///   - extended: whether ln f and V are tabulated too (`summandValues(at:)`).
  init(
    _ sum: any CentredSum, mirrored: (any CentredSum)? = nil,
    tolerance: Double = PersuasionTable.defaultTolerance, extended: Bool = false
  ) {
    sums = [sum] + [mirrored].compactMap { $0 }
    scale = sum.scale
    self.tolerance = tolerance
    self.extended = extended
    segments = Array(
      repeating: Array(repeating: nil, count: PersuasionTable.boundaries.count - 1), count: sums.count)
    underflowFrom = Array(repeating: .infinity, count: sums.count)
  }

  /// Records that the tail of S (s >= 0) or −S (s < 0) underflows to 0 at s: an extended table
  /// then gives zeros at every point further out on that side.
  func noteUnderflow(at s: Double) {
    noteUnderflow(side: side(of: s), x: log1p(abs(s) / scale))
  }

  private func noteUnderflow(side: Int, x: Double) {
    lock.lock()
    underflowFrom[side] = min(underflowFrom[side], x)
    lock.unlock()
  }

  /// The entry of `sums` that s reads: 1 (−S) for s < 0 when S is not symmetric, 0 otherwise.
  private func side(of s: Double) -> Int { s < 0 && sums.count > 1 ? 1 : 0 }

  /// The tail beyond s on its side of 0 and N(s) from the table (`PointValues`), or `nil` where
  /// direct quadrature must be used. A symmetric S is read at |s| (callers pass s >= 0).
  ///
  /// - Complexity: O(K) once the segment is built; building one costs K + 3 direct evaluations
  ///   per piece tried.
  func values(at s: Double) -> PointValues? {
    guard let (side, x, pieces) = pieces(at: s) else { return nil }
    let tail = exp(pieces[0](x))
    let numerator = pieces[1](x) * tail
    return PointValues(tail: tail, truthNumerator: side == 0 ? numerator : -numerator)
  }

  /// The tail beyond s on its side of 0, N(s), f_S(s) and V(s) from an extended table, or `nil`
  /// where direct quadrature must be used (as `values(at:)`).
  func summandValues(at s: Double) -> SummandValues? {
    guard extended else { return nil }
    let side = side(of: s)
    lock.lock()
    let underflow = underflowFrom[side]
    lock.unlock()
    if log1p(abs(s) / scale) >= underflow {
      return SummandValues(tail: 0, truthNumerator: 0, density: 0, truthVariance: 0)
    }
    guard let (side, x, pieces) = pieces(at: s) else { return nil }
    let tail = exp(pieces[0](x))
    let numerator = pieces[1](x) * tail
    return SummandValues(
      tail: tail, truthNumerator: side == 0 ? numerator : -numerator, density: exp(pieces[2](x)),
      truthVariance: max(0, pieces[3](x)))
  }

  /// The side (0: S, 1: −S), the point x and the interpolants there, building the segment on
  /// first use; `nil` where the table leaves s to direct quadrature.
  private func pieces(at s: Double) -> (side: Int, x: Double, pieces: [ChebyshevPiece])? {
    let side = side(of: s)
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
      entry = build(side, ends[index], ends[index + 1], splits: extended ? PersuasionTable.maximumExtendedSplits : PersuasionTable.maximumSplits)
      lock.lock()
      if segments[side][index] == nil { segments[side][index] = entry }
      lock.unlock()
    }
    guard let pieces = PersuasionTable.pieces(of: entry, at: x) else { return nil }
    return (side, x, pieces)
  }

  private static func pieces(of entry: Entry, at x: Double) -> [ChebyshevPiece]? {
    switch entry {
    case .direct:
      return nil
    case .split(let middle, let low, let high):
      return pieces(of: x < middle ? low : high, at: x)
    case .interpolated(let pieces):
      return pieces
    }
  }

  /// ln Q and N/Q of `sum` at x from direct quadrature (then ln f and V when extended), or `nil`
  /// when Q or f underflows or a quadrature fails.
  private func direct(_ side: Int, _ x: Double) -> [Double]? {
    let s = scale * expm1(x)
    let sum = sums[side]
    // One pass where it gives them together (`CentredSum.tailAndDensity`), not one for each.
    let both = sum.tailAndDensity(s)
    let tail = both?.tail ?? (try? sum.tail(s))
    if tail == 0 { noteUnderflow(side: side, x: x) }
    guard let tail, tail > 0, tail.isFinite,
      let numerator = both?.truthNumerator ?? (try? sum.truthNumerator(s)), numerator.isFinite
    else { return nil }
    guard extended else { return [log(tail), numerator / tail] }
    guard let density = both?.density ?? (try? sum.density(s)), density > 0, density.isFinite,
      let variance =
        sum.hasTruthVariance
        ? both?.truthMoments?.spreadVariance() ?? (try? sum.truthSpreadVariance(s, density: density))
        : 0,
      variance.isFinite
    else { return nil }
    return [log(tail), numerator / tail, log(density), variance]
  }

  private func build(_ side: Int, _ lower: Double, _ upper: Double, splits: Int) -> Entry {
    let entry = interpolate(side, lower, upper)
    if case .direct = entry, splits > 0 {
      let middle = 0.5 * (lower + upper)
      return .split(
        middle: middle, build(side, lower, middle, splits: splits - 1),
        build(side, middle, upper, splits: splits - 1))
    }
    return entry
  }

  /// Σ|r_k|σ_k · f_lower(s)/Q_S(s): the ratio error that moves E[T | S = s] = c + N/f_S by one
  /// unit of the truth scale Σ|r_k|σ_k (f_lower <= f_S is the bound that also floors the direct
  /// quadrature of N, which in the far tail is accurate only to that absolute level).
  private func ratioFloor(_ sum: any CentredSum, at x: Double, logTail: Double) -> Double {
    sum.truthScale * sum.densityLowerBound(scale * expm1(x)) / exp(logTail)
  }

  /// (10^−9 (s/σ) Σ|r_k|σ_k)²: the cancellation in Var[T | S = s] far out, where E[T | S = s] and
  /// the truth it is centred on are both of order s and known to 10^−10 relative.
  private func varianceFloor(_ sum: any CentredSum, at x: Double) -> Double {
    let far = 1e-9 * expm1(x) * sum.truthScale
    return far * far
  }

  /// A checked piece of `sums[side]` on [lower, upper], or `.direct`.
  private func interpolate(_ side: Int, _ lower: Double, _ upper: Double) -> Entry {
    let count = PersuasionTable.nodeCount
    let sum = sums[side]
    var columns: [[Double]] = []
    for x in ChebyshevPiece.nodes(count: count, lower: lower, upper: upper) {
      guard let value = direct(side, x) else { return .direct }
      if columns.isEmpty { columns = value.map { _ in [] } }
      for (channel, v) in value.enumerated() { columns[channel].append(v) }
    }
    let pieces = columns.map { ChebyshevPiece(lower: lower, upper: upper, values: $0) }
    let truthScale = sum.truthScale
    for x in ChebyshevPiece.checkPoints(count: count, lower: lower, upper: upper) {
      guard let value = direct(side, x) else { return .direct }
      func close(_ channel: Int, _ allowed: Double) -> Bool { abs(pieces[channel](x) - value[channel]) <= allowed }
      guard close(0, tolerance * (1 + 1e-3 * abs(value[0]))),
        close(1, tolerance * (abs(value[1]) + ratioFloor(sum, at: x, logTail: value[0])))
      else { return .direct }
      if extended {
        guard close(2, tolerance * (1 + 1e-3 * abs(value[2]))),
          close(3, 10 * tolerance * (value[3] + 1e-2 * truthScale * truthScale) + varianceFloor(sum, at: x))
        else { return .direct }
      }
    }
    return .interpolated(pieces)
  }
}
