/// Solves a small dense linear system A x = b by Gaussian elimination with partial pivoting
/// (the Newton steps of the exact optimiser; the systems have one row per weighted submodule).
///
/// - Returns: x, or `nil` when A is singular to working precision or a result is not finite.
/// - Complexity: O(n³).
func solveLinearSystem(_ matrix: [[Double]], _ rightHandSide: [Double]) -> [Double]? {
  let n = rightHandSide.count
  var a = matrix
  var b = rightHandSide
  let scale = a.flatMap { $0 }.reduce(0) { max($0, abs($1)) }
  guard scale > 0, scale.isFinite else { return nil }
  for column in 0..<n {
    var pivot = column
    for row in (column + 1)..<max(column + 1, n) where abs(a[row][column]) > abs(a[pivot][column]) {
      pivot = row
    }
    guard abs(a[pivot][column]) > 1e-14 * scale else { return nil }
    if pivot != column {
      a.swapAt(pivot, column)
      b.swapAt(pivot, column)
    }
    for row in (column + 1)..<max(column + 1, n) {
      let factor = a[row][column] / a[column][column]
      if factor == 0 { continue }
      for k in column..<n { a[row][k] -= factor * a[column][k] }
      b[row] -= factor * b[column]
    }
  }
  var x = [Double](repeating: 0, count: n)
  for row in stride(from: n - 1, through: 0, by: -1) {
    var sum = b[row]
    for k in (row + 1)..<max(row + 1, n) { sum -= a[row][k] * x[k] }
    x[row] = sum / a[row][row]
  }
  return x.allSatisfy(\.isFinite) ? x : nil
}
