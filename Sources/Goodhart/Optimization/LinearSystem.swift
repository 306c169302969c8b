/// Solves a small dense linear system A x = b by Gaussian elimination with partial pivoting
/// (the Newton steps of the exact optimiser and the branch and bound; the systems have one row
/// per weighted submodule).
///
/// The elimination works on one flat row-major copy of A (one allocation, no per-row arrays):
/// the optimisers solve these systems tens of thousands of times per frontier.
///
/// - Parameters:
///   - matrix: A, n rows of at least n entries (n = `rightHandSide.count`; entries past n are
///     ignored).
///   - rightHandSide: b.
/// - Returns: x, or `nil` when A is singular to working precision or a result is not finite.
/// - Complexity: O(n³).
func solveLinearSystem(_ matrix: [[Double]], _ rightHandSide: [Double]) -> [Double]? {
  let n = rightHandSide.count
  guard matrix.count >= n, matrix.prefix(n).allSatisfy({ $0.count >= n }) else { return nil }
  var a = [Double](repeating: 0, count: n * n)
  var scale = 0.0
  for row in 0..<n {
    for column in 0..<n {
      a[row * n + column] = matrix[row][column]
      scale = max(scale, abs(matrix[row][column]))
    }
  }
  guard scale > 0, scale.isFinite else { return nil }
  var b = rightHandSide
  let solved = a.withUnsafeMutableBufferPointer { a in
    b.withUnsafeMutableBufferPointer { b in eliminate(a, b, n: n, scale: scale) }
  }
  guard solved else { return nil }
  return b.allSatisfy(\.isFinite) ? b : nil
}

/// Gaussian elimination with partial pivoting on the flat row-major `a` (n × n), then back
/// substitution; the solution replaces `b`. False when a pivot is below 1e-14 · `scale`.
private func eliminate(
  _ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>, n: Int,
  scale: Double
) -> Bool {
  for column in 0..<n {
    var pivot = column
    for row in (column + 1)..<max(column + 1, n) where abs(a[row * n + column]) > abs(a[pivot * n + column]) {
      pivot = row
    }
    guard abs(a[pivot * n + column]) > 1e-14 * scale else { return false }
    if pivot != column {
      for k in 0..<n { a.swapAt(pivot * n + k, column * n + k) }
      b.swapAt(pivot, column)
    }
    let diagonal = a[column * n + column]
    for row in (column + 1)..<max(column + 1, n) {
      let factor = a[row * n + column] / diagonal
      if factor == 0 { continue }
      for k in column..<n { a[row * n + k] -= factor * a[column * n + k] }
      b[row] -= factor * b[column]
    }
  }
  for row in stride(from: n - 1, through: 0, by: -1) {
    var sum = b[row]
    for k in (row + 1)..<max(row + 1, n) { sum -= a[row * n + k] * b[k] }
    b[row] = sum / a[row * n + row]
  }
  return true
}
