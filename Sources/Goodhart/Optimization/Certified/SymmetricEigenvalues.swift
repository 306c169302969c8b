/// The eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan
/// §8.5), accurate to a few ulps of the matrix's Frobenius norm: what the global optimiser needs
/// to bound the curvature of its concave part.
///
/// - Parameter matrix: a square symmetric matrix (only the upper triangle is read).
/// - Returns: the eigenvalues in ascending order.
/// - Complexity: O(n³) per sweep, a handful of sweeps.
func symmetricEigenvalues(_ matrix: [[Double]]) -> [Double] {
  let n = matrix.count
  // One flat row-major copy (a[i * n + j]): no per-row arrays to check for uniqueness in the
  // rotations.
  var a = [Double](repeating: 0, count: n * n)
  for i in 0..<n {
    for j in 0..<n { a[i * n + j] = j >= i ? matrix[i][j] : matrix[j][i] }
  }
  a.withUnsafeMutableBufferPointer { a in
    for _ in 0..<60 {
      var off = 0.0
      var norm = 0.0
      for i in 0..<n {
        for j in 0..<n {
          norm += a[i * n + j] * a[i * n + j]
          if i != j { off += a[i * n + j] * a[i * n + j] }
        }
      }
      if off <= 1e-32 * norm || off == 0 { break }
      for p in 0..<n {
        for q in (p + 1)..<max(p + 1, n) where a[p * n + q] != 0 {
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
          let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot()
          let s = t * c
          for k in 0..<n {
            let (akp, akq) = (a[k * n + p], a[k * n + q])
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {
            let (apk, aqk) = (a[p * n + k], a[q * n + k])
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
          }
        }
      }
    }
  }
  return (0..<n).map { a[$0 * n + $0] }.sorted()
}

/// The Frobenius norm (Σ_ij a_ij²)^½ of a small matrix: the scale against which
/// `symmetricEigenvalues` is accurate, so the scale of its rounding margins.
func frobeniusNorm(_ matrix: [[Double]]) -> Double {
  matrix.flatMap { $0 }.reduce(0) { $0 + $1 * $1 }.squareRoot()
}
