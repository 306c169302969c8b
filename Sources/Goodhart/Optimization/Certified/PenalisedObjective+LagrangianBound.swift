import Foundation

extension PenalisedObjective {
  /// A rigorous upper bound of J over a whole region from one point w, by Lagrangian relaxation
  /// of y = w² (Docs/Optimization.md, "The certificate from one point"), or `nil` where λ > 0
  /// and D(w) = 0.
  ///
  /// For any κ, J splits exactly as J(x) = q(x) + ψ(x²) with
  ///
  /// - q(x) = φ(x) + Σ κ_i x_i², a quadratic with the constant Hessian Q = −H + diag(2κ − h);
  /// - ψ(y) = λ ln D(y) − κ·y, concave in y >= 0.
  ///
  /// Take κ_i = λ ∂ln D/∂y_i at y = w², so that ψ is stationary there. Decoupling y from x,
  /// max J <= max_x q(x) + max_y ψ(y) = max_x q(x) + ψ(w²); and q(x) = q(w) + ∇q(w)·d + ½ dᵀQd
  /// with d = x − w and ∇q(w) = ∇J(w). With H positive semi-definite, dᵀQd is at most both
  /// μ⁺ |d|² (μ the largest eigenvalue of Q on the region's directions: the plane Σ d = 0 on the
  /// simplex) and Σ (2κ_i − h_i)⁺ d_i². Hence
  ///
  /// J <= J(w) + max_region ∇J(w)·(x − w) + ½ min(μ⁺ max |d|², Σ (2κ_i − h_i)⁺ max d_i²) + margins.
  ///
  /// At a KKT point the linear term vanishes; where Q is also negative semi-definite the bound is
  /// J(w) itself: a certificate of global optimality from one point, with no search. It holds
  /// where the variance terms do not reward spreading weight (2κ − h small beside H's curvature),
  /// as on every β of the presets and of the 6-submodule benchmark model.
  ///
  /// Margins for rounding, with γ = 4 (n² + 8) ε (the sums of at most n² non-negative or
  /// signed terms that J, ∇J, D and ∂D/∂y are): γ of the size of the terms summed in J(w) (and λ,
  /// for ln D) and in each ∂J/∂w_i, times the region's extent; ψ's slope r at w², which is γ κ_i
  /// rather than 0, over the region's range of y and in ∇q(w) = ∇J(w) − 2 w ∘ r; 64 n ε of Q's
  /// Frobenius norm in μ (cyclic Jacobi is accurate to a few ulps of it); 8 n ε of H's in the
  /// diagonal bound (the stored H is positive semi-definite only to its rounding). Where
  /// 2κ_i − h_i is within its rounding of 0 (Σ_w = Σ_0 makes it 0), κ_i is set to h_i / 2, so that
  /// Q = −H exactly on that coordinate, and ψ's slope there is charged instead.
  func lagrangianBound(at w: [Double], over region: WeightBox) -> Double? {
    let n = count
    let value = value(w)
    guard value.isFinite else { return nil }
    let gamma = 4 * Double(n * n + 8) * Double.ulpOfOne
    let squares = w.map { $0 * $0 }
    let d = logWeight > 0 ? determinant(squares: squares) : 1
    let stationary = logWeight > 0 ? determinantSlopes(squares: squares).map { logWeight * $0 / d } : w.map { _ in 0.0 }
    var kappa = stationary
    var slopeOfPsi = stationary.map { gamma * $0 }
    for i in 0..<n where abs(2 * stationary[i] - diagonal[i]) <= 2 * slopeOfPsi[i] {
      kappa[i] = 0.5 * diagonal[i]
      slopeOfPsi[i] += abs(stationary[i] - kappa[i])
    }
    let moving = (0..<n).filter { region.upper[$0] > region.lower[$0] }
    var curvature = coupling.map { row in row.map { -$0 } }
    for i in 0..<n { curvature[i][i] += 2 * kappa[i] - diagonal[i] }
    // Q on the region's directions: on the simplex, eliminate the largest weight r
    // (x_r = 1 − Σ_{i≠r} x_i); the reduced |d| is at most the full one.
    let pivot = region.onSimplex ? moving.max { w[$0] < w[$1] } : nil
    let kept = moving.filter { $0 != pivot }
    let reduced = kept.map { i in
      kept.map { j in
        guard let r = pivot else { return curvature[i][j] }
        return curvature[i][j] - curvature[i][r] - curvature[r][j] + curvature[r][r]
      }
    }
    let norm = frobeniusNorm(reduced)
    let largest = symmetricEigenvalues(reduced).last ?? 0
    let rise = max(0, largest + 64 * Double(n) * Double.ulpOfOne * norm)
    let gradient = gradient(w)
    var reach = 0.0
    var diagonalRise = 0.0
    var margin = gamma * (magnitude(w) + logWeight)
    for i in moving {
      let farthest = max(region.upper[i] - w[i], w[i] - region.lower[i])
      reach += farthest * farthest
      diagonalRise += max(0, 2 * kappa[i] - diagonal[i]) * (1 + Double.ulpOfOne) * farthest * farthest
      // The rounding of ∂J/∂w_i and of ∇J(w)·(x − w), from the size of the terms summed.
      var terms = abs(linear[i]) + diagonal[i] * abs(w[i]) + 2 * stationary[i] * abs(w[i])
      for j in 0..<n { terms += abs(coupling[i][j] * (w[j] - centre[j])) }
      let largestMagnitude = max(abs(region.lower[i]), abs(region.upper[i]))
      margin += gamma * terms * (largestMagnitude + abs(w[i]))
      // ψ's slope r_i at w²: over the region's range of y_i, and in ∇q(w) = ∇J(w) − 2 w ∘ r.
      margin += slopeOfPsi[i] * (largestMagnitude * largestMagnitude + 2 * abs(w[i]) * farthest)
    }
    if region.onSimplex { reach = min(reach, 2) }
    // The stored H is positive semi-definite only to its rounding.
    let couplingNorm = frobeniusNorm(coupling)
    diagonalRise += 8 * Double(n) * Double.ulpOfOne * couplingNorm * reach
    let slope = region.linearMaximum(gradient) - zip(gradient, w).reduce(0) { $0 + $1.0 * $1.1 }
    return value + max(0, slope) + 0.5 * min(rise * reach, diagonalRise) + margin
  }
}
