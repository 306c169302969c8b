/// The adjugate of the covariance Σ_w = Σ_k w_k² s_k² v_k v_kᵀ of a Gaussian model's output
/// (v_k = (t_k, p_k) the loadings, s_k the scales), with its quadratic forms summed over
/// submodules, free of cancellation.
///
/// For a 2×2 matrix adj M = J M Jᵀ with J the quarter turn, so with α_k = w_k² s_k²,
/// u_k = J v_k = (p_k, −t_k) and the minors c_ik = t_i p_k − t_k p_i:
///
///     adj Σ_w = Σ_k α_k u_k u_kᵀ,
///     v_iᵀ (adj Σ_w) v_j = Σ_k α_k c_ik c_jk,
///     xᵀ (adj Σ_w) y = Σ_k α_k (x_T p_k − x_P t_k)(y_T p_k − y_P t_k),
///     det Σ_w = Σ_{i<k} α_i α_k c_ik² (Cauchy–Binet).
///
/// Each term is a product of minors, each accurate to rounding, so the forms of Σ_w⁻¹ =
/// adj Σ_w / det Σ_w stay accurate when the weighted loadings are nearly proportional
/// (det Σ_w / (σ_T² σ_P²) near 0). The entries of Σ_w⁻¹ then cancel in every form: with loadings
/// proportional to within an angle δ, tr(Σ_0⁻¹ Σ_w) from the entries loses a relative ε/δ².
///
/// The shift of the mean d = μ_w − μ_0 = Σ_j (w_j − w0_j) m_j v_j enters through its cross
/// products with the loadings, d × v_k = d_T p_k − d_P t_k = Σ_j (w_j − w0_j) m_j c_jk, summed the
/// same way: when the loadings are nearly proportional d × v_k is small against |d| |v_k|.
///
/// Models of more than `pairwiseLimit` submodules, where the O(n) sums per form would cost too
/// much, use the entries of Σ_w instead (t_i t_j σ_P² − (t_i p_j + p_i t_j) c + p_i p_j σ_T²) and
/// of d.
struct CovarianceAdjugate: Sendable {
  /// The largest model whose forms are summed over submodules.
  static let pairwiseLimit = 64

  let truths: [Double]
  let persuasions: [Double]
  let variances: [Double]
  /// m_k, the submodules' means.
  let means: [Double]
  /// c_ik row by row (empty above `pairwiseLimit`).
  private let minors: [Double]

  /// The adjugate forms of a model with loadings (t_k, p_k), means m_k and variances s_k².
  ///
  /// - Complexity: O(n²) for n <= `pairwiseLimit`, O(1) above.
  init(truths: [Double], persuasions: [Double], means: [Double], variances: [Double]) {
    self.means = means
    self.truths = truths
    self.persuasions = persuasions
    self.variances = variances
    let n = truths.count
    guard n <= CovarianceAdjugate.pairwiseLimit else {
      minors = []
      return
    }
    var minors = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for k in 0..<n where k != i {
        minors[i * n + k] = Self.minor(truths[i], persuasions[k], truths[k], persuasions[i])
      }
    }
    self.minors = minors
  }

  /// Whether the forms are summed over submodules (free of cancellation).
  var isPairwise: Bool { !minors.isEmpty || truths.isEmpty }

  /// det Σ_w: Σ_{i<k} α_i α_k c_ik², exactly >= 0, exactly 0 when only proportional loadings
  /// carry weight, and accurate to rounding when they are nearly proportional (pairwise); or
  /// max(0, σ_T² σ_P² − c²) from `covariance` (above the limit).
  func determinant<Weights: RandomAccessCollection<Double>>(
    weights: Weights, covariance: Symmetric2
  ) -> Double where Weights.Index == Int {
    guard isPairwise else {
      return max(0, covariance.tt * covariance.pp - covariance.tp * covariance.tp)
    }
    let n = truths.count
    var determinant = 0.0
    for i in 0..<n where weights[i] != 0 {
      var row = 0.0
      for k in (i + 1)..<n where weights[k] != 0 {
        let minor = minors[i * n + k]
        row += weights[k] * weights[k] * variances[k] * minor * minor
      }
      determinant += weights[i] * weights[i] * variances[i] * row
    }
    return determinant
  }

  /// v_iᵀ (adj Σ_w) v_j for submodules i and j.
  ///
  /// - Parameter covariance: Σ_w's entries (read only above `pairwiseLimit`).
  @inline(__always)
  func form<Weights: RandomAccessCollection<Double>>(
    _ i: Int, _ j: Int, weights: Weights, covariance: Symmetric2
  ) -> Double where Weights.Index == Int {
    guard isPairwise else {
      return Self.entryForm(
        (truths[i], persuasions[i]), (truths[j], persuasions[j]), covariance: covariance)
    }
    let n = truths.count
    var sum = 0.0
    for k in 0..<n where weights[k] != 0 {
      sum += weights[k] * weights[k] * variances[k] * minors[i * n + k] * minors[j * n + k]
    }
    return sum
  }

  /// d × v_k = d_T p_k − d_P t_k for the shift d = μ_w − μ_0 between the laws at `weights` and
  /// `baseWeights` (`shift`, read only above `pairwiseLimit`).
  @inline(__always)
  func shiftCross<Weights: RandomAccessCollection<Double>>(
    _ k: Int, weights: Weights, baseWeights: [Double], shift: (Double, Double)
  ) -> Double where Weights.Index == Int {
    guard isPairwise else { return shift.0 * persuasions[k] - shift.1 * truths[k] }
    let n = truths.count
    var sum = 0.0
    for j in 0..<n where weights[j] != baseWeights[j] {
      sum += (weights[j] - baseWeights[j]) * means[j] * minors[j * n + k]
    }
    return sum
  }

  /// dᵀ (adj Σ_0) d = Σ_k w0_k² s_k² (d × v_k)², a sum of squares.
  ///
  /// - Complexity: O(n²) for n <= `pairwiseLimit`, O(n) above.
  func shiftSquare<Weights: RandomAccessCollection<Double>>(
    weights: Weights, baseWeights: [Double], shift: (Double, Double)
  ) -> Double where Weights.Index == Int {
    var sum = 0.0
    for k in truths.indices where baseWeights[k] != 0 {
      let cross = shiftCross(k, weights: weights, baseWeights: baseWeights, shift: shift)
      sum += baseWeights[k] * baseWeights[k] * variances[k] * cross * cross
    }
    return sum
  }

  /// v_iᵀ (adj Σ_0) d for every submodule i, written into `forms`: Σ_k w0_k² s_k² c_ik (d × v_k).
  ///
  /// - Complexity: O(n²) (O(n) above `pairwiseLimit`, from d and Σ_0's entries).
  func shiftForms<Forms: MutableCollection<Double>, Weights: RandomAccessCollection<Double>>(
    into forms: inout Forms, weights: Weights, baseWeights: [Double], shift: (Double, Double),
    baseCovariance: Symmetric2
  ) where Forms.Index == Int, Weights.Index == Int {
    let n = truths.count
    guard isPairwise else {
      for i in 0..<n {
        forms[i] = Self.entryForm((truths[i], persuasions[i]), shift, covariance: baseCovariance)
      }
      return
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { crosses in
      for k in 0..<n {
        let cross = shiftCross(k, weights: weights, baseWeights: baseWeights, shift: shift)
        crosses[k] = baseWeights[k] * baseWeights[k] * variances[k] * cross
      }
      for i in 0..<n {
        var sum = 0.0
        for k in 0..<n { sum += minors[i * n + k] * crosses[k] }
        forms[i] = sum
      }
    }
  }

  /// a d − b c to within 2 ulp (Kahan's difference of products with fused multiply-adds): a minor
  /// of nearly proportional loadings keeps its digits.
  @inline(__always)
  static func minor(_ a: Double, _ d: Double, _ b: Double, _ c: Double) -> Double {
    let product = b * c
    let error = product.addingProduct(-b, c)  // product − b c, exactly
    return (-product).addingProduct(a, d) + error
  }

  /// xᵀ (adj M) y from the entries of a symmetric M.
  @inline(__always)
  private static func entryForm(
    _ x: (Double, Double), _ y: (Double, Double), covariance m: Symmetric2
  ) -> Double {
    x.0 * (m.pp * y.0 - m.tp * y.1) + x.1 * (m.tt * y.1 - m.tp * y.0)
  }
}
