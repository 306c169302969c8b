import Foundation

/// A polynomial interpolant on [lower, upper] through the values at the K Chebyshev points of the
/// first kind, x_k = m + h cos θ_k with θ_k = π (k + ½)/K, m the midpoint and h the half-width.
///
/// p(x) = Σ_{j<K} c_j T_j(t), t = (x − m)/h, with c_j = (2/K) Σ_k f(x_k) cos(j θ_k) (c_0 halved),
/// evaluated by Clenshaw's recurrence. For a function analytic near the interval the error falls
/// geometrically with K; `PersuasionTable` checks it against direct values, never assumes it.
struct ChebyshevPiece: Sendable {
  /// The interval's ends.
  let lower: Double
  let upper: Double
  /// c_0 ... c_{K−1}.
  let coefficients: [Double]

  /// The K interpolation points of [lower, upper].
  static func nodes(count: Int, lower: Double, upper: Double) -> [Double] {
    let (middle, half) = (0.5 * (lower + upper), 0.5 * (upper - lower))
    return (0..<count).map { k in middle + half * cos(Double.pi * (Double(k) + 0.5) / Double(count)) }
  }

  /// Points where the interpolation error peaks: halfway (in θ) between the two outermost nodes
  /// at each end and between the two middle ones.
  static func checkPoints(count: Int, lower: Double, upper: Double) -> [Double] {
    let (middle, half) = (0.5 * (lower + upper), 0.5 * (upper - lower))
    let k = Double(count)
    return [1, 0.5 * k, k - 1].map { theta in middle + half * cos(Double.pi * theta / k) }
  }

  /// The interpolant through `values` taken at `nodes(count: values.count, ...)`.
  init(lower: Double, upper: Double, values: [Double]) {
    self.lower = lower
    self.upper = upper
    let count = values.count
    coefficients = (0..<count).map { j in
      let sum = values.enumerated().reduce(0.0) { total, node in
        total + node.element * cos(Double.pi * Double(j) * (Double(node.offset) + 0.5) / Double(count))
      }
      return (j == 0 ? 1 : 2) * sum / Double(count)
    }
  }

  /// p(x) for x in [lower, upper] (a polynomial extrapolation outside).
  func callAsFunction(_ x: Double) -> Double {
    let t = (2 * x - lower - upper) / (upper - lower)
    var (next, afterNext) = (0.0, 0.0)
    for c in coefficients.dropFirst().reversed() {
      (next, afterNext) = (2 * t * next - afterNext + c, next)
    }
    return t * next - afterNext + coefficients[0]
  }
}
