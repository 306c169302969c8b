import Foundation

/// Linear least squares by Householder QR: the x minimising |A x − b| for an n × p matrix A of
/// full column rank (n >= p), accurate to about cond(A) · ε. (The normal equations AᵀA x = Aᵀb
/// lose cond(A)² · ε, and minimising the cost ½|r|² iteratively cannot place x better than about
/// sqrt(ε) along a direction where the cost is flat.)
enum LinearLeastSquares {
  /// The minimiser of |Σ_j x_j columns[j] − targets|.
  ///
  /// - Parameters:
  ///   - columns: the p columns of A, each of length n.
  ///   - targets: b, of length n >= p.
  /// - Returns: x, or `nil` when A is rank-deficient to rounding (a column lies within
  ///   n · ε · |A| of the span of the ones before it) or has a non-finite entry.
  /// - Complexity: O(n p²).
  static func solve(columns: [[Double]], targets: [Double]) -> [Double]? {
    let p = columns.count
    let n = targets.count
    guard p > 0, n >= p, columns.allSatisfy({ $0.count == n }) else { return nil }
    guard columns.joined().allSatisfy(\.isFinite), targets.allSatisfy(\.isFinite) else {
      return nil
    }
    var a = columns
    var b = targets
    var diagonal = [Double](repeating: 0, count: p)
    let size = a.map(Self.norm).max() ?? 0
    guard size > 0 else { return nil }
    for j in 0..<p {
      // The reflection H = I − 2 v vᵀ/(vᵀv) that maps a[j][j...] to (−sign · |a[j][j...]|, 0, ...).
      let length = norm(a[j][j...])
      guard length > Double(n) * Double.ulpOfOne * size else { return nil }
      let alpha = a[j][j] >= 0 ? -length : length
      var v = Array(a[j][j...])
      v[0] -= alpha
      let vv = v.reduce(0) { $0 + $1 * $1 }
      diagonal[j] = alpha
      for k in (j + 1)..<p { reflect(&a[k], from: j, by: v, vv) }
      reflect(&b, from: j, by: v, vv)
    }
    // Back substitution in R x = Qᵀ b (R's diagonal in `diagonal`, above it in a[k][j]).
    var x = [Double](repeating: 0, count: p)
    for j in stride(from: p - 1, through: 0, by: -1) {
      var sum = b[j]
      for k in (j + 1)..<p { sum -= a[k][j] * x[k] }
      x[j] = sum / diagonal[j]
    }
    return x
  }

  /// y[from...] ← (I − 2 v vᵀ / vᵀv) y[from...].
  private static func reflect(_ y: inout [Double], from start: Int, by v: [Double], _ vv: Double) {
    var dot = 0.0
    for i in v.indices { dot += v[i] * y[start + i] }
    let factor = 2 * dot / vv
    for i in v.indices { y[start + i] -= factor * v[i] }
  }

  /// The Euclidean norm, scaled against overflow.
  private static func norm<Values: Collection<Double>>(_ values: Values) -> Double {
    let scale = values.reduce(0) { max($0, abs($1)) }
    guard scale > 0 else { return 0 }
    return scale * values.reduce(0) { $0 + ($1 / scale) * ($1 / scale) }.squareRoot()
  }
}
