import Foundation

/// The objective of RL on the weights of a Gaussian model, split into the parts a global
/// optimiser can bound:
///
/// J(w) = g·w − ½ (w − c)ᵀ H (w − c) − ½ Σ_i h_i w_i² + constant + λ ln D(w),
/// D(w) = Σ_i α_i w_i² + Σ_{i<j} c_ij w_i² w_j² (a function of the squares y_i = w_i²),
///
/// with H positive semi-definite and h, α, c_ij, λ >= 0. The quadratic part φ is concave; the
/// only non-concave part is λ ln D. D has non-negative coefficients in the squares, so it grows
/// with every |w_i|, and ln D is concave in the squares (so the secant relaxation is concave).
/// The output-law KL gives D = det Σ_w (Cauchy–Binet), the KL on P alone gives D = Var_w P, and
/// weight decay has no logarithm (λ = 0). Docs/Optimization.md, "The certified optimum".
struct PenalisedObjective: Sendable {
  /// g.
  let linear: [Double]
  /// c, the centre of the coupled quadratic (the base weights w0).
  let centre: [Double]
  /// H (positive semi-definite).
  let coupling: [[Double]]
  /// h >= 0.
  let diagonal: [Double]
  /// The constant.
  let constant: Double
  /// λ >= 0, the weight of ln D.
  let logWeight: Double
  /// α_i >= 0.
  let squares: [Double]
  /// c_ij >= 0, symmetric with a zero diagonal.
  let pairs: [[Double]]
  /// How many functions of w J depends on (5 for the output-law KL: E_w[T], E_w[P] and the
  /// three entries of Σ_w; 2 for the KL on P: E_w[P] and Var_w P; `nil` when J sees every
  /// weight, as with weight decay). With more free weights than that, the maximisers are in
  /// general a continuum of weights with equal J.
  let statistics: Int?

  /// The number of weights.
  var count: Int { linear.count }

  /// D as a function of y = (w_i²): D(y) = Σ_i α_i y_i + Σ_{i<j} c_ij y_i y_j, summed term by
  /// term (no cancellation for y >= 0). ln D(y) is concave in y >= 0: it is ln det Σ(y) for a
  /// covariance Σ(y) linear in y (the output-law KL), or the log of a linear function (P alone).
  func determinant(squares y: [Double]) -> Double {
    var total = 0.0
    for i in y.indices {
      total += squares[i] * y[i]
      for j in (i + 1)..<max(i + 1, y.count) where pairs[i][j] != 0 { total += pairs[i][j] * y[i] * y[j] }
    }
    return total
  }

  /// ∂D/∂y_i = α_i + Σ_{j≠i} c_ij y_j (>= 0 for y >= 0: D grows with every y_i).
  func determinantSlopes(squares y: [Double]) -> [Double] {
    y.indices.map { i in
      var slope = squares[i]
      for j in y.indices where j != i { slope += pairs[i][j] * y[j] }
      return slope
    }
  }

  /// D(w) = D(y) at y_i = w_i².
  func determinant(_ w: [Double]) -> Double { determinant(squares: w.map { $0 * $0 }) }

  /// The concave quadratic part φ(w) (without λ ln D).
  func quadratic(_ w: [Double]) -> Double {
    var value = constant
    for i in w.indices {
      value += linear[i] * w[i] - 0.5 * diagonal[i] * w[i] * w[i]
      var row = 0.0
      let coupled = coupling[i]
      for j in w.indices { row += coupled[j] * (w[j] - centre[j]) }
      value -= 0.5 * (w[i] - centre[i]) * row
    }
    return value
  }

  /// ∇φ(w).
  func quadraticGradient(_ w: [Double]) -> [Double] {
    w.indices.map { i in
      var row = 0.0
      let coupled = coupling[i]
      for j in w.indices { row += coupled[j] * (w[j] - centre[j]) }
      return linear[i] - row - diagonal[i] * w[i]
    }
  }

  /// ∇D(w): ∂D/∂w_i = 2 w_i ∂D/∂y_i.
  func determinantGradient(_ w: [Double]) -> [Double] {
    zip(w, determinantSlopes(squares: w.map { $0 * $0 })).map { 2 * $0 * $1 }
  }

  /// J(w); −∞ where λ > 0 and D(w) = 0.
  func value(_ w: [Double]) -> Double {
    guard logWeight > 0 else { return quadratic(w) }
    let d = determinant(w)
    return d > 0 ? quadratic(w) + logWeight * log(d) : -.infinity
  }

  /// ∇J(w) (D(w) > 0 where λ > 0).
  func gradient(_ w: [Double]) -> [Double] {
    let q = quadraticGradient(w)
    guard logWeight > 0 else { return q }
    let d = determinant(w)
    return zip(q, determinantGradient(w)).map { $0 + logWeight * $1 / d }
  }

  /// ∇²J(w) = −H − diag(h) + λ (∇²D / D − ∇D ∇Dᵀ / D²), with ∂²D/∂w_i∂w_j =
  /// 4 c_ij w_i w_j + δ_ij 2 ∂D/∂y_i.
  func hessian(_ w: [Double]) -> [[Double]] {
    let n = w.count
    var result = (0..<n).map { i in (0..<n).map { j in -coupling[i][j] - (i == j ? diagonal[i] : 0) } }
    guard logWeight > 0 else { return result }
    let d = determinant(w)
    let slopes = determinantSlopes(squares: w.map { $0 * $0 })
    let g = determinantGradient(w)
    for i in 0..<n {
      for j in 0..<n {
        let second = i == j ? 2 * slopes[i] : 4 * pairs[i][j] * w[i] * w[j]
        result[i][j] += logWeight * (second / d - g[i] * g[j] / (d * d))
      }
    }
    return result
  }

  /// The secant relaxation of J on the box l <= w <= u: R(w) = φ(w) + λ ln D(s(w)) with
  /// s_i(w) = (l_i + u_i) w_i − l_i u_i >= w_i² on the box. Since D grows with every y_i,
  /// R >= J on the box; since s is affine and ln D concave in y, R is concave. Returns R and ∇R
  /// at w, or `nil` where D(s(w)) = 0 (λ > 0).
  func secantRelaxation(at w: [Double], lower: [Double], upper: [Double]) -> (Double, [Double])? {
    var g = quadraticGradient(w)
    let value = quadratic(w)
    guard logWeight > 0 else { return (value, g) }
    let y = w.indices.map { (lower[$0] + upper[$0]) * w[$0] - lower[$0] * upper[$0] }
    let d = determinant(squares: y)
    guard d > 0 else { return nil }
    let slopes = determinantSlopes(squares: y)
    for i in w.indices { g[i] += logWeight * slopes[i] * (lower[i] + upper[i]) / d }
    return (value + logWeight * log(d), g)
  }

  /// The coordinate whose secant contributes most to R(w) − J(w) at w, to first order:
  /// argmax_i ∂D/∂y_i · (s_i(w) − w_i²); `nil` when every gap is 0.
  func largestSecantGap(at w: [Double], lower: [Double], upper: [Double]) -> Int? {
    guard logWeight > 0 else { return nil }
    let slopes = determinantSlopes(squares: w.map { $0 * $0 })
    let gaps = w.indices.map { slopes[$0] * (upper[$0] - w[$0]) * (w[$0] - lower[$0]) }
    guard let axis = gaps.indices.max(by: { gaps[$0] < gaps[$1] }), gaps[axis] > 0 else { return nil }
    return axis
  }

  /// The largest entry of H + diag(h): the scale of φ's curvature (a first step size).
  var stiffness: Double {
    coupling.indices.reduce(0) { max($0, coupling[$1].reduce(0) { max($0, abs($1)) } + diagonal[$1]) }
  }

  /// The size of the terms summed in J(w), against which its rounding is measured.
  func magnitude(_ w: [Double]) -> Double {
    var total = abs(constant)
    for i in w.indices {
      total += abs(linear[i] * w[i]) + diagonal[i] * w[i] * w[i]
      for j in w.indices { total += abs(coupling[i][j] * (w[i] - centre[i]) * (w[j] - centre[j])) }
    }
    if logWeight > 0 { total += abs(logWeight * log(max(determinant(w), .leastNormalMagnitude))) }
    return total
  }

  /// Whether J does not depend on w_i at all (a submodule that moves neither the law nor the
  /// penalty).
  func isFlat(_ i: Int) -> Bool {
    linear[i] == 0 && diagonal[i] == 0 && squares[i] == 0 && coupling[i].allSatisfy { $0 == 0 }
      && pairs[i].allSatisfy { $0 == 0 }
  }

  /// The smallest eigenvalue of H + diag(h) over the coordinates `free`: the curvature the
  /// concave part guarantees off the simplex (it bounds the search ball). Lowered by a rounding
  /// margin.
  func guaranteedCurvature(free: [Int]) -> Double {
    guard !free.isEmpty else { return .infinity }
    let matrix = free.map { i in free.map { j in coupling[i][j] + (i == j ? diagonal[i] : 0) } }
    let norm = frobeniusNorm(matrix)
    return (symmetricEigenvalues(matrix).first ?? 0) - 1e-12 * (norm + 1)
  }

}

extension PenalisedObjective {
  /// An enclosure of ∇²J over the box l <= w <= u (entry by entry, by interval arithmetic on
  /// D, ∇D and ∇²D), or `nil` where D can vanish on the box (λ > 0).
  func hessianEnclosure(lower: [Double], upper: [Double]) -> [[Interval]]? {
    let n = lower.count
    let w = (0..<n).map { Interval(lower[$0], upper[$0]) }
    var result = (0..<n).map { i in
      (0..<n).map { j in Interval(-coupling[i][j] - (i == j ? diagonal[i] : 0)) }
    }
    guard logWeight > 0 else { return result }
    let y = w.map(\.squared)
    var d = Interval(0)
    var slopes = [Interval]()  // ∂D/∂y_i = α_i + Σ_{j≠i} c_ij y_j
    for i in 0..<n {
      var slope = Interval(squares[i])
      for j in 0..<n where j != i && pairs[i][j] != 0 { slope = slope + pairs[i][j] * y[j] }
      slopes.append(slope)
      d = d + squares[i] * y[i]
      for j in (i + 1)..<max(i + 1, n) where pairs[i][j] != 0 { d = d + pairs[i][j] * (y[i] * y[j]) }
    }
    guard d.lo > 0 else { return nil }
    let first = (0..<n).map { 2 * (w[$0] * slopes[$0]) }
    let dSquared = d.squared
    for i in 0..<n {
      for j in 0..<n {
        let term: Interval
        if i == j {
          term = (2 * slopes[i]) / d - first[i].squared / dSquared
        } else {
          term = (4 * pairs[i][j] * (w[i] * w[j])) / d - (first[i] * first[j]) / dSquared
        }
        result[i][j] = result[i][j] + logWeight * term
      }
    }
    return result
  }
}
