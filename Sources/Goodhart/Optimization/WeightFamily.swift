import Foundation

/// The family of output laws a Gaussian model can reach by moving its weights, with the KL of
/// each member from the model's own law (the base) and its derivatives.
///
/// With a_i = w_i t_i, b_i = w_i p_i and X_i ~ N(m_i, s_i²), the output y = (T, P) is
/// N(μ_w, Σ_w) with μ_w = Σ_i w_i m_i v_i and Σ_w = Σ_i w_i² s_i² v_i v_iᵀ, v_i = (t_i, p_i).
/// Against the base law N(μ_0, Σ_0) (the model's weights w0):
///
/// KL(w) = ½ [tr(Σ_0⁻¹ Σ_w) + dᵀ Σ_0⁻¹ d − 2 + ln det Σ_0 − ln det Σ_w],  d = μ_w − μ_0,
///
/// ∂KL/∂w_i = w_i s_i² (v_iᵀ Σ_0⁻¹ v_i − v_iᵀ Σ_w⁻¹ v_i) + m_i v_iᵀ Σ_0⁻¹ d.
///
/// Every form of Σ_0⁻¹ and Σ_w⁻¹ is read as a form of the adjugate over the determinant, summed
/// over submodules (`CovarianceAdjugate`), so the KL and its derivatives stay accurate to rounding
/// when the loadings are nearly proportional. See Docs/Optimization.md for the derivation and the
/// Hessian.
public struct WeightFamily: Sendable {
  /// The model whose weights are the base w0.
  public let model: Model
  /// E_w[P] = Σ w_i p_i m_i: linear in w, with gradient (p_i m_i) (stored: the descents read it
  /// at every evaluation).
  public let persuasivenessGradient: [Double]
  /// The base law N(μ_0, Σ_0).
  let base: BivariateNormal
  /// Σ_0⁻¹ (zero when the base law is singular), for the sampling estimators.
  let basePrecision: Symmetric2
  /// The adjugate forms of Σ_w for this model's loadings and scales.
  let adjugate: CovarianceAdjugate
  /// v_iᵀ (adj Σ_0) v_i, the numerators of the diagonal forms of Σ_0⁻¹.
  let baseForms: [Double]

  /// The family of a Gaussian model.
  ///
  /// - Throws: `OptimisationError` naming `submodules[i].distribution` when a submodule is not
  ///   normal: the closed-form KL needs bivariate normal laws.
  /// - Complexity: O(n) (O(n²) for n <= `CovarianceAdjugate.pairwiseLimit`, for the determinant).
  public init(model: Model) throws(OptimisationError) {
    if let index = model.submodules.firstIndex(where: { !$0.distribution.isGaussian }) {
      throw OptimisationError(
        field: .model,
        rule: """
          submodules[\(index)].distribution: the optimisers on the weights need normal \
          submodules in the sum reading, since the KL penalty is the closed form between \
          bivariate normal laws (got \(model.submodules[index].distribution.family.name))
          """)
    }
    self.model = model
    let means = model.submodules.map(\.distribution.location)
    let persuasions = model.submodules.map(\.persuasion)
    persuasivenessGradient = zip(persuasions, means).map(*)
    let adjugate = CovarianceAdjugate(
      truths: model.submodules.map(\.truth), persuasions: persuasions, means: means,
      variances: model.submodules.map { $0.distribution.scale * $0.distribution.scale })
    self.adjugate = adjugate
    let base = WeightFamily.normal(weights: model.weights, adjugate: adjugate)
    self.base = base
    baseForms = means.indices.map {
      adjugate.form($0, $0, weights: model.weights, covariance: base.covariance)
    }
    if base.isSingular {
      basePrecision = Symmetric2(tt: 0, pp: 0, tp: 0)
    } else {
      let precision = base.precision
      basePrecision = Symmetric2(tt: precision.tt, pp: precision.pp, tp: precision.tp)
    }
  }

  /// m_i, each submodule's mean (held by `adjugate`, like the next three).
  var means: [Double] { adjugate.means }
  /// s_i², each submodule's variance.
  var variances: [Double] { adjugate.variances }
  /// t_i, each submodule's truth loading.
  var truths: [Double] { adjugate.truths }
  /// p_i, each submodule's persuasion loading.
  var persuasions: [Double] { adjugate.persuasions }

  /// The number of submodules.
  public var count: Int { means.count }

  /// The base weights w0.
  public var baseWeights: [Double] { model.weights }

  /// Whether the base law of (T, P) is degenerate (det Σ_0 = 0), which makes beta > 0 undefined.
  public var baseIsDegenerate: Bool { base.isSingular }

  /// The law of (T, P) under `weights`.
  ///
  /// - Parameter weights: one weight per submodule (not checked against the simplex).
  /// - Complexity: O(n).
  public func law(at weights: [Double]) -> JointLaw { normal(at: weights).jointLaw }


  /// The law at `weights` (an array, or the descent's scratch buffer).
  func normal<Weights: RandomAccessCollection<Double>>(at weights: Weights) -> BivariateNormal
  where Weights.Index == Int {
    WeightFamily.normal(weights: weights, adjugate: adjugate)
  }

  static func normal<Weights: RandomAccessCollection<Double>>(
    weights: Weights, adjugate: CovarianceAdjugate
  ) -> BivariateNormal where Weights.Index == Int {
    let (truths, persuasions, means, variances) =
      (adjugate.truths, adjugate.persuasions, adjugate.means, adjugate.variances)
    var meanTruth = 0.0
    var meanPersuasiveness = 0.0
    var tt = 0.0
    var pp = 0.0
    var tp = 0.0
    for i in weights.indices {
      let a = weights[i] * truths[i]
      let b = weights[i] * persuasions[i]
      meanTruth += a * means[i]
      meanPersuasiveness += b * means[i]
      tt += a * a * variances[i]
      pp += b * b * variances[i]
      tp += a * b * variances[i]
    }
    let covariance = Symmetric2(tt: tt, pp: pp, tp: tp)
    // Pairwise sums are accurate to rounding in each minor (loadings proportional up to one ulp
    // leave det/(tt pp) ~ 1e-32); the direct difference loses ~1e-16 of tt pp to cancellation.
    let singularity = adjugate.isPairwise ? 1e-24 : 1e-14
    let determinant = adjugate.determinant(weights: weights, covariance: covariance)
    return BivariateNormal(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, tt: tt, pp: pp, tp: tp,
      determinant: determinant, singularity: singularity)
  }

  /// KL(law_w || law_w0) in nats.
  ///
  /// +∞ where Σ_w is singular and Σ_0 is not. Where Σ_0 itself is singular the laws live on a line
  /// (or a point): the KL is the one-dimensional KL along that line when law_w lives on the same
  /// line, and +∞ otherwise (0 when the laws coincide). Never NaN.
  ///
  /// - Parameter weights: one weight per submodule.
  /// - Complexity: O(n) (O(n²) for n <= `CovarianceAdjugate.pairwiseLimit`).
  public func kl(at weights: [Double]) -> Double {
    kl(of: normal(at: weights), at: weights)
  }

  /// The KL of `law`, the law at `weights`: tr(Σ_0⁻¹ Σ_w) = Σ_i w_i² s_i² v_iᵀ(adj Σ_0)v_i / det Σ_0
  /// and dᵀ Σ_0⁻¹ d = Σ_k w0_k² s_k² (d × v_k)² / det Σ_0, both sums of non-negative terms.
  func kl<Weights: RandomAccessCollection<Double>>(of law: BivariateNormal, at weights: Weights)
    -> Double where Weights.Index == Int
  {
    guard !base.isSingular else { return degenerateKL(of: law) }
    guard !law.isSingular else { return .infinity }
    let shift = adjugate.shiftSquare(
      weights: weights, baseWeights: model.weights, shift: baseShift(of: law))
    var trace = 0.0
    for i in weights.indices where weights[i] != 0 {
      trace += weights[i] * weights[i] * variances[i] * baseForms[i]
    }
    let value =
      0.5 * ((trace + shift) / base.determinant - 2 + base.logDeterminant - law.logDeterminant)
    return max(0, value)
  }

  /// d = μ_w − μ_0.
  private func baseShift(of law: BivariateNormal) -> (Double, Double) {
    (law.meanTruth - base.meanTruth, law.meanPersuasiveness - base.meanPersuasiveness)
  }

  /// v_iᵀ Σ_0⁻¹ v_j, from the adjugate (base law not singular).
  func basePrecisionForm(_ i: Int, _ j: Int) -> Double {
    let numerator =
      i == j
      ? baseForms[i] : adjugate.form(i, j, weights: model.weights, covariance: base.covariance)
    return numerator / base.determinant
  }

  /// The KL when the base law is singular: along its line, or +∞ off it.
  private func degenerateKL(of law: BivariateNormal) -> Double {
    let d0 = law.meanTruth - base.meanTruth
    let d1 = law.meanPersuasiveness - base.meanPersuasiveness
    let scale = max(1, abs(base.meanTruth), abs(base.meanPersuasiveness))
    let baseTrace = base.tt + base.pp
    guard baseTrace > 0 else {
      // A point mass: KL is 0 against the same point, +∞ against anything else.
      let same = law.tt + law.pp == 0 && abs(d0) + abs(d1) <= 1e-12 * scale
      return same ? 0 : .infinity
    }
    // Σ_0 = σ0² e eᵀ with e a unit vector.
    let e = base.tt >= base.pp
      ? (base.tt.squareRoot(), base.tp >= 0 ? base.pp.squareRoot() : -base.pp.squareRoot())
      : (base.tp >= 0 ? base.tt.squareRoot() : -base.tt.squareRoot(), base.pp.squareRoot())
    let norm = (e.0 * e.0 + e.1 * e.1).squareRoot()
    let (e0, e1) = (e.0 / norm, e.1 / norm)
    let offVariance = Symmetric2(tt: law.tt, pp: law.pp, tp: law.tp).form(-e1, e0, -e1, e0)
    let offMean = -e1 * d0 + e0 * d1
    guard offVariance <= 1e-14 * max(law.tt + law.pp, baseTrace),
      abs(offMean) <= 1e-12 * scale
    else { return .infinity }
    let variance = Symmetric2(tt: law.tt, pp: law.pp, tp: law.tp).form(e0, e1, e0, e1)
    let shift = e0 * d0 + e1 * d1
    guard variance > 0 else { return .infinity }
    let ratio = variance / baseTrace
    return max(0, 0.5 * (ratio + shift * shift / baseTrace - 1 - log(ratio)))
  }

  /// ∇_w KL(law_w || law_w0), component i:
  /// w_i s_i² (v_iᵀ Σ_0⁻¹ v_i − v_iᵀ Σ_w⁻¹ v_i) + m_i v_iᵀ Σ_0⁻¹ (μ_w − μ_0).
  ///
  /// - Parameter weights: one weight per submodule, with Σ_w and Σ_0 non-singular.
  /// - Returns: the gradient, or `nil` when Σ_w or Σ_0 is singular (the KL is not differentiable
  ///   there).
  /// - Complexity: O(n) (O(n²) for n <= `CovarianceAdjugate.pairwiseLimit`).
  public func klGradient(at weights: [Double]) -> [Double]? {
    let law = normal(at: weights)
    guard !base.isSingular, !law.isSingular else { return nil }
    return klGradient(at: weights, law: law)
  }

  func klGradient(at weights: [Double], law: BivariateNormal) -> [Double] {
    var gradient = [Double](repeating: 0, count: weights.count)
    klGradient(into: &gradient, at: weights, law: law)
    return gradient
  }

  /// ∇KL written into `gradient` (no allocation: the multi-start descent calls this hundreds of
  /// times per start).
  func klGradient<Gradient: MutableCollection<Double>, Weights: RandomAccessCollection<Double>>(
    into gradient: inout Gradient, at weights: Weights, law: BivariateNormal
  ) where Gradient.Index == Int, Weights.Index == Int {
    // The shift forms go into `gradient` first, then each entry is completed in place.
    adjugate.shiftForms(
      into: &gradient, weights: weights, baseWeights: model.weights, shift: baseShift(of: law),
      baseCovariance: base.covariance)
    for i in weights.indices {
      let (base, current) = precisionForms(i, at: weights, law: law)
      let shift = gradient[i] / self.base.determinant
      gradient[i] = weights[i] * variances[i] * (base - current) + means[i] * shift
    }
  }

  /// v_iᵀ Σ_0⁻¹ v_i and v_iᵀ Σ_w⁻¹ v_i for submodule i, from the adjugates.
  @inline(__always)
  private func precisionForms<Weights: RandomAccessCollection<Double>>(
    _ i: Int, at weights: Weights, law: BivariateNormal
  ) -> (base: Double, current: Double) where Weights.Index == Int {
    let current = adjugate.form(i, i, weights: weights, covariance: law.covariance)
    return (baseForms[i] / base.determinant, current / law.determinant)
  }

  /// The size of the terms summed in ∂J/∂w_i, max over i of
  /// |p_i m_i| + β (w_i s_i² (v_iᵀΣ_0⁻¹v_i + v_iᵀΣ_w⁻¹v_i) + |m_i v_iᵀ Σ_0⁻¹ d|), at least 1:
  /// the scale against which rounding in the gradient (and so a KKT residual) is measured.
  func gradientScale(at weights: [Double], law: BivariateNormal, beta: Double) -> Double {
    guard beta > 0, !law.isSingular, !base.isSingular else {
      return persuasivenessGradient.reduce(1) { max($0, abs($1)) }
    }
    var shifts = [Double](repeating: 0, count: weights.count)
    adjugate.shiftForms(
      into: &shifts, weights: weights, baseWeights: model.weights, shift: baseShift(of: law),
      baseCovariance: base.covariance)
    var scale = 1.0
    for i in weights.indices {
      let (base, current) = precisionForms(i, at: weights, law: law)
      let shift = shifts[i] / self.base.determinant
      let terms = weights[i] * variances[i] * (base + current) + abs(means[i] * shift)
      scale = max(scale, abs(persuasions[i] * means[i]) + beta * terms)
    }
    return scale
  }

  /// The Hessian of KL in w restricted to `support` (rows and columns in that order):
  /// H_ij = δ_ij s_i² (v_iᵀ Σ_0⁻¹ v_i − v_iᵀ Σ_w⁻¹ v_i) + m_i m_j v_iᵀ Σ_0⁻¹ v_j
  ///        + 2 w_i w_j s_i² s_j² (v_iᵀ Σ_w⁻¹ v_j)².
  func klHessian(at weights: [Double], law: BivariateNormal, support: [Int]) -> [[Double]] {
    support.map { i in
      support.map { j in
        let cross =
          adjugate.form(i, j, weights: weights, covariance: law.covariance) / law.determinant
        let baseForm = basePrecisionForm(i, j)
        var entry =
          means[i] * means[j] * baseForm
          + 2 * weights[i] * weights[j] * variances[i] * variances[j] * cross * cross
        if i == j { entry += variances[i] * (baseForm - cross) }
        return entry
      }
    }
  }

  /// J = E_w[P] − β KL (or β times any regulariser's penalty) from its two parts, with 0 · ∞ read
  /// as 0 at β = 0.
  static func objective(reward: Double, kl: Double, beta: Double) -> Double {
    beta == 0 ? reward : reward - beta * kl
  }

  /// J(w) = E_w[P] − β KL(law_w || law_w0), and everything else the weights give.
  ///
  /// When β = 0 the objective is E_w[P] even where the KL is infinite (0 · ∞ is read as 0).
  ///
  /// - Parameters:
  ///   - weights: one weight per submodule.
  ///   - beta: β >= 0.
  /// - Complexity: O(n) (O(n²) for n <= `CovarianceAdjugate.pairwiseLimit`).
  public func outcome(at weights: [Double], beta: Double) -> WeightOutcome {
    let law = normal(at: weights)
    let kl = kl(of: law, at: weights)
    let objective = WeightFamily.objective(reward: law.meanPersuasiveness, kl: kl, beta: beta)
    return WeightOutcome(
      beta: beta, weights: weights, meanTruth: law.meanTruth,
      meanPersuasiveness: law.meanPersuasiveness, kl: kl, objective: objective)
  }

  /// The outcome at `weights` with J(w) = E_w[P] − β · penalty(w) under `regulariser`
  /// (`outcome(at:beta:)` for the output-law KL); `kl` stays the output-law KL, the frontier's
  /// axis, whatever the regulariser.
  ///
  /// - Complexity: O(n) (O(n²) for n <= `CovarianceAdjugate.pairwiseLimit`).
  public func outcome(at weights: [Double], beta: Double, regulariser: Regulariser) -> WeightOutcome {
    let plain = outcome(at: weights, beta: beta)
    guard regulariser != .outputKL, beta > 0 else { return plain }
    return WeightOutcome(
      beta: beta, weights: weights, meanTruth: plain.meanTruth,
      meanPersuasiveness: plain.meanPersuasiveness, kl: plain.kl,
      objective: plain.meanPersuasiveness - beta * model.penalty(of: regulariser, at: weights))
  }
}
