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
  /// The true maximiser of E[T] over real n in [1, maximum n] (Brent's method on ln n around
  /// the grid's best point), or `nil` when E[T] has no interior maximum there (its
  /// largest value is at an end of the range, or the curve is flat to rounding beyond it).
  public internal(set) var truePeak: Point? = nil
  /// The quantilizer whose E[T] is largest over q in (0, 1] (`nil` when E[T] keeps rising as
  /// q → 0 within the range searched, 1e-6 <= q <= 1, or is flat there to rounding).
  public internal(set) var bestQuantilizer: QuantilizerPoint? = nil

  /// The best quantilizer: its kept fraction and what it gives.
  public struct QuantilizerPoint: Hashable, Sendable {
    /// The kept fraction q.
    public let q: Double
    /// E[T] of the top q.
    public let meanTruth: Double
    /// E[P] of the top q (`nil` when it does not exist).
    public let meanPersuasiveness: Double?
    /// KL = −ln q (smaller where a cut falls on an atom).
    public let kl: Double
  }

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
      // The maximiser when it is known; a grid point is not called n*.
      let top = truePeak.map { "\(f($0.meanTruth)) at n* = \(f($0.n))" }
        ?? "\(f(peak.meanTruth)) at n = \(f(peak.n)) (the best point computed)"
      return "E[T] rises from \(f(baseMeanTruth)) to \(top), "
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

