/// The eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan
/// §8.5), accurate to a few ulps of the matrix's Frobenius norm: what the global optimiser needs
/// to bound the curvature of its concave part.
///
/// - Parameter matrix: a square symmetric matrix (only the upper triangle is read).
/// - Returns: the eigenvalues in ascending order.
/// - Complexity: O(n³) per sweep, a handful of sweeps.
func symmetricEigenvalues(_ matrix: [[Double]]) -> [Double] {
  let n = matrix.count
  var a = matrix
  for i in 0..<n { for j in 0..<i { a[i][j] = a[j][i] } }
  for _ in 0..<60 {
    var off = 0.0
    var norm = 0.0
    for i in 0..<n {
      for j in 0..<n {
        norm += a[i][j] * a[i][j]
        if i != j { off += a[i][j] * a[i][j] }
      }
    }
    if off <= 1e-32 * norm || off == 0 { break }
    for p in 0..<n {
      for q in (p + 1)..<max(p + 1, n) where a[p][q] != 0 {
        let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
        let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<n {
          let (akp, akq) = (a[k][p], a[k][q])
          a[k][p] = c * akp - s * akq
          a[k][q] = s * akp + c * akq
        }
        for k in 0..<n {
          let (apk, aqk) = (a[p][k], a[q][k])
          a[p][k] = c * apk - s * aqk
          a[q][k] = s * apk + c * aqk
        }
      }
    }
  }
  return (0..<n).map { a[$0][$0] }.sorted()
}
