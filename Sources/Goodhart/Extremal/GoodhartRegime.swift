import Foundation

/// The curve of mean truth under best-of-n over n in [1, maximum n], and its verdict.
public struct GoodhartRegime: Hashable, Sendable {
  /// One point of the curve.
  public struct Point: Hashable, Sendable {
    /// n.
    public let n: Double
    /// E[T] of the best of n.
    public let meanTruth: Double
    /// E[P] of the best of n (`nil` when it does not exist).
    public let meanPersuasiveness: Double?
    /// ln n − (n − 1)/n.
    public let kl: Double
  }

  /// A fall from the peak by at least this fraction of the gain is strong Goodhart.
  public static let strongFallback = 0.1
  /// A rise over the last decade below this fraction of the gain is weak Goodhart.
  public static let weakLateRise = 0.01

  /// The curve, n log-spaced from 1 to the maximum.
  public let points: [Point]
  /// The point with the largest mean truth (the first one on ties): n* and E[T] there.
  public let peak: Point
  /// The point at the largest n.
  public let last: Point
  /// The point one decade before the last (the nearest on the grid).
  public let decadeBeforeLast: Point
  /// The verdict.
  public let verdict: GoodhartVerdict

  /// E[T] without selection (n = 1).
  public var baseMeanTruth: Double { points[0].meanTruth }
  /// peak − base: what selection can buy at best.
  public var gain: Double { peak.meanTruth - baseMeanTruth }
  /// (peak − last)/gain: how much of the gain is lost again by the largest n (0 when gain = 0).
  public var fallback: Double { gain > 0 ? (peak.meanTruth - last.meanTruth) / gain : 0 }
  /// (last − decade before)/gain: how much the last decade of n still adds (0 when gain = 0).
  public var lateRise: Double {
    gain > 0 ? (last.meanTruth - decadeBeforeLast.meanTruth) / gain : 0
  }

  /// The evidence for the verdict, in words with the numbers.
  public var evidence: String {
    let f = { (x: Double) in String(format: "%.6g", x) }
    switch verdict {
    case .noGain:
      return "E[T] never rises above its unselected value \(f(baseMeanTruth))"
    case .strongGoodhart:
      return "E[T] rises from \(f(baseMeanTruth)) to \(f(peak.meanTruth)) at n* = \(f(peak.n)), "
        + "then falls back to \(f(last.meanTruth)) at n = \(f(last.n)): \(f(100 * fallback))% of "
        + "the gain is lost"
    case .weakGoodhart:
      return "E[T] rises from \(f(baseMeanTruth)) and levels off near \(f(last.meanTruth)): the last "
        + "decade of n adds \(f(100 * lateRise))% of the gain"
    case .regressional:
      return "E[T] keeps rising, from \(f(baseMeanTruth)) to \(f(last.meanTruth)) at n = "
        + "\(f(last.n)); the last decade of n still adds \(f(100 * lateRise))% of the gain"
    }
  }

  /// Classifies a curve.
  ///
  /// Strong Goodhart when the curve falls back from its peak by at least 10% of the gain;
  /// otherwise weak Goodhart when the last decade of n adds under 1% of the gain; otherwise
  /// regressional; no gain when the peak does not exceed the base by more than 10^−9 of the scale
  /// of truth.
  ///
  /// - Parameters:
  ///   - points: at least two points, n increasing from 1.
  ///   - truthScale: a scale of T for the no-gain test.
  init(points: [Point], truthScale: Double) {
    self.points = points
    var peak = points[0]
    for point in points where point.meanTruth > peak.meanTruth { peak = point }
    self.peak = peak
    last = points[points.count - 1]
    let target = log(last.n) - M_LN10
    decadeBeforeLast = points.min { abs(log($0.n) - target) < abs(log($1.n) - target) } ?? points[0]
    let gain = peak.meanTruth - points[0].meanTruth
    let fallback = gain > 0 ? (peak.meanTruth - last.meanTruth) / gain : 0
    let lateRise = gain > 0 ? (last.meanTruth - decadeBeforeLast.meanTruth) / gain : 0
    if gain <= 1e-9 * max(truthScale, abs(points[0].meanTruth)) {
      verdict = .noGain
    } else if fallback >= GoodhartRegime.strongFallback {
      verdict = .strongGoodhart
    } else if lateRise < GoodhartRegime.weakLateRise {
      verdict = .weakGoodhart
    } else {
      verdict = .regressional
    }
  }
}

extension PersuasionLaw {
  /// The regime of best-of-n: E[T] at `count` log-spaced n in [1, maximumN], its peak, its value
  /// at maximumN and the verdict (see `GoodhartRegime`).
  ///
  /// - Parameters:
  ///   - count: number of points, 3...1000 (default 60).
  ///   - maximumN: the largest n, in (1, 10^15] (default 10^12).
  /// - Throws: `SelectionError` naming `points` or `max_n` out of range, `model` when E[T] does
  ///   not exist (a submodule with a_i ≠ 0 has no mean), or a quadrature failure (naming `n`).
  /// - Complexity: `count` best-of-n evaluations, spread over the available cores, all through
  ///   the law's one checked table (`PersuasionTable`) for two components.
  public func goodhartRegime(count: Int = 60, maximumN: Double = 1e12) throws(SelectionError)
    -> GoodhartRegime
  {
    guard (3...1000).contains(count) else {
      throw SelectionError(field: "points", rule: "must be an integer in 3...1000 (got \(count))")
    }
    guard maximumN.isFinite, maximumN > 1, maximumN <= 1e15 else {
      throw SelectionError(field: "max_n", rule: "must be in (1, 10^15] (got \(maximumN))")
    }
    guard meanTruthExists else {
      throw SelectionError(
        field: "model",
        rule: "E[T] does not exist (a submodule that carries truth has no mean: Cauchy, or Student-t with dof <= 1), so there is no curve of mean truth")
    }
    let grid = (0..<count).map { index in
      index == count - 1 ? maximumN : pow(10, log10(maximumN) * Double(index) / Double(count - 1))
    }
    // The points are independent: evaluate them on every core (each quadrature owns its
    // workspace), collecting results by index.
    let results = RegimeResults(count: count)
    let law = self
    DispatchQueue.concurrentPerform(iterations: count) { index in
      results.store(index, Result { () throws(SelectionError) in try law.bestOfN(grid[index], useTable: true, dispersion: false) })
    }
    var points: [GoodhartRegime.Point] = []
    for (n, result) in zip(grid, results.values) {
      let outcome = try result.get()
      points.append(
        GoodhartRegime.Point(
          n: n, meanTruth: outcome.meanTruth ?? .nan, meanPersuasiveness: outcome.meanPersuasiveness,
          kl: outcome.kl))
    }
    return GoodhartRegime(points: points, truthScale: truthScale)
  }
}

/// The regime curve's results, written by concurrent workers under a lock.
private final class RegimeResults: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Result<SelectionOutcome, SelectionError>]

  init(count: Int) {
    storage = Array(repeating: .failure(SelectionError(field: "n", rule: "was not computed")), count: count)
  }

  func store(_ index: Int, _ result: Result<SelectionOutcome, SelectionError>) {
    lock.lock()
    storage[index] = result
    lock.unlock()
  }

  var values: [Result<SelectionOutcome, SelectionError>] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
