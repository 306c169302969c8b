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
/// See Docs/Optimization.md for the derivation and the Hessian.
public struct WeightFamily: Sendable {
  /// The model whose weights are the base w0.
  public let model: Model
  let means: [Double]
  let variances: [Double]
  let truths: [Double]
  let persuasions: [Double]
  /// E_w[P] = Σ w_i p_i m_i: linear in w, with gradient (p_i m_i) (stored: the descents read it
  /// at every evaluation).
  public let persuasivenessGradient: [Double]
  /// The base law N(μ_0, Σ_0).
  let base: BivariateNormal
  /// Σ_0⁻¹ (zero when the base law is singular).
  let basePrecision: Symmetric2

  /// The largest model for which det Σ_w is summed pair by pair (Cauchy–Binet, free of
  /// cancellation); larger models use σ_T² σ_P² − c².
  static let pairwiseDeterminantLimit = 64

  /// The family of a Gaussian model.
  ///
  /// - Throws: `OptimisationError` naming `submodules[i].distribution` when a submodule is not
  ///   normal: the closed-form KL needs bivariate normal laws.
  /// - Complexity: O(n) (O(n²) for n <= 64, for the determinant).
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
    means = model.submodules.map(\.distribution.location)
    variances = model.submodules.map { $0.distribution.scale * $0.distribution.scale }
    truths = model.submodules.map(\.truth)
    persuasions = model.submodules.map(\.persuasion)
    persuasivenessGradient = zip(persuasions, means).map(*)
    base = WeightFamily.normal(
      weights: model.weights, means: means, variances: variances, truths: truths,
      persuasions: persuasions)
    if base.isSingular {
      basePrecision = Symmetric2(tt: 0, pp: 0, tp: 0)
    } else {
      let precision = base.precision
      basePrecision = Symmetric2(tt: precision.tt, pp: precision.pp, tp: precision.tp)
    }
  }

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
    WeightFamily.normal(
      weights: weights, means: means, variances: variances, truths: truths,
      persuasions: persuasions)
  }

  static func normal<Weights: RandomAccessCollection<Double>>(
    weights: Weights, means: [Double], variances: [Double], truths: [Double],
    persuasions: [Double]
  ) -> BivariateNormal where Weights.Index == Int {
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
    var determinant = 0.0
    // Pairwise sums are accurate to rounding in each minor (loadings proportional up to one ulp
    // leave det/(tt pp) ~ 1e-32); the direct difference loses ~1e-16 of tt pp to cancellation.
    let singularity = weights.count <= pairwiseDeterminantLimit ? 1e-24 : 1e-14
    if weights.count <= pairwiseDeterminantLimit {
      // Cauchy–Binet: det Σ_w = Σ_{i<j} s_i² s_j² (a_i b_j − a_j b_i)², exactly >= 0.
      for i in weights.indices where weights[i] != 0 {
        let ai = weights[i] * truths[i]
        let bi = weights[i] * persuasions[i]
        for j in (i + 1)..<weights.count where weights[j] != 0 {
          let minor = ai * (weights[j] * persuasions[j]) - (weights[j] * truths[j]) * bi
          determinant += variances[i] * variances[j] * minor * minor
        }
      }
    } else {
      determinant = max(0, tt * pp - tp * tp)
    }
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
  /// - Complexity: O(n) (O(n²) for n <= 64).
  public func kl(at weights: [Double]) -> Double { kl(of: normal(at: weights)) }

  func kl(of law: BivariateNormal) -> Double {
    guard !base.isSingular else { return degenerateKL(of: law) }
    guard !law.isSingular else { return .infinity }
    let d0 = law.meanTruth - base.meanTruth
    let d1 = law.meanPersuasiveness - base.meanPersuasiveness
    let a = basePrecision
    let trace = a.tt * law.tt + 2 * a.tp * law.tp + a.pp * law.pp
    let value =
      0.5 * (trace + a.form(d0, d1, d0, d1) - 2 + base.logDeterminant - law.logDeterminant)
    return max(0, value)
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
  /// - Complexity: O(n).
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
    let p = law.precision
    let b = Symmetric2(tt: p.tt, pp: p.pp, tp: p.tp)
    let a = basePrecision
    let (ad0, ad1) = a.apply(
      law.meanTruth - base.meanTruth, law.meanPersuasiveness - base.meanPersuasiveness)
    for i in weights.indices {
      let (t, q) = (truths[i], persuasions[i])
      let curvature = a.form(t, q, t, q) - b.form(t, q, t, q)
      gradient[i] = weights[i] * variances[i] * curvature + means[i] * (t * ad0 + q * ad1)
    }
  }

  /// The size of the terms summed in ∂J/∂w_i, max over i of
  /// |p_i m_i| + β (w_i s_i² (v_iᵀΣ_0⁻¹v_i + v_iᵀΣ_w⁻¹v_i) + |m_i v_iᵀ Σ_0⁻¹ d|), at least 1:
  /// the scale against which rounding in the gradient (and so a KKT residual) is measured.
  func gradientScale(at weights: [Double], law: BivariateNormal, beta: Double) -> Double {
    guard beta > 0, !law.isSingular, !base.isSingular else {
      return persuasivenessGradient.reduce(1) { max($0, abs($1)) }
    }
    let p = law.precision
    let b = Symmetric2(tt: p.tt, pp: p.pp, tp: p.tp)
    let a = basePrecision
    let (ad0, ad1) = a.apply(
      law.meanTruth - base.meanTruth, law.meanPersuasiveness - base.meanPersuasiveness)
    var scale = 1.0
    for i in weights.indices {
      let (t, q) = (truths[i], persuasions[i])
      let curvature = a.form(t, q, t, q) + b.form(t, q, t, q)
      let terms =
        weights[i] * variances[i] * curvature + abs(means[i] * (t * ad0 + q * ad1))
      scale = max(scale, abs(persuasions[i] * means[i]) + beta * terms)
    }
    return scale
  }

  /// The Hessian of KL in w restricted to `support` (rows and columns in that order):
  /// H_ij = δ_ij s_i² (v_iᵀ Σ_0⁻¹ v_i − v_iᵀ Σ_w⁻¹ v_i) + m_i m_j v_iᵀ Σ_0⁻¹ v_j
  ///        + 2 w_i w_j s_i² s_j² (v_iᵀ Σ_w⁻¹ v_j)².
  func klHessian(at weights: [Double], law: BivariateNormal, support: [Int]) -> [[Double]] {
    let p = law.precision
    let b = Symmetric2(tt: p.tt, pp: p.pp, tp: p.tp)
    let a = basePrecision
    return support.map { i in
      support.map { j in
        let (ti, qi, tj, qj) = (truths[i], persuasions[i], truths[j], persuasions[j])
        let cross = b.form(ti, qi, tj, qj)
        var entry =
          means[i] * means[j] * a.form(ti, qi, tj, qj)
          + 2 * weights[i] * weights[j] * variances[i] * variances[j] * cross * cross
        if i == j { entry += variances[i] * (a.form(ti, qi, ti, qi) - b.form(ti, qi, ti, qi)) }
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
  /// - Complexity: O(n) (O(n²) for n <= 64).
  public func outcome(at weights: [Double], beta: Double) -> WeightOutcome {
    let law = normal(at: weights)
    let kl = kl(of: law)
    let objective = WeightFamily.objective(reward: law.meanPersuasiveness, kl: kl, beta: beta)
    return WeightOutcome(
      beta: beta, weights: weights, meanTruth: law.meanTruth,
      meanPersuasiveness: law.meanPersuasiveness, kl: kl, objective: objective)
  }

  /// The outcome at `weights` with J(w) = E_w[P] − β · penalty(w) under `regulariser`
  /// (`outcome(at:beta:)` for the output-law KL); `kl` stays the output-law KL, the frontier's
  /// axis, whatever the regulariser.
  ///
  /// - Complexity: O(n) (O(n²) for n <= 64).
  public func outcome(at weights: [Double], beta: Double, regulariser: Regulariser) -> WeightOutcome {
    let plain = outcome(at: weights, beta: beta)
    guard regulariser != .outputKL, beta > 0 else { return plain }
    return WeightOutcome(
      beta: beta, weights: weights, meanTruth: plain.meanTruth,
      meanPersuasiveness: plain.meanPersuasiveness, kl: plain.kl,
      objective: plain.meanPersuasiveness - beta * model.penalty(of: regulariser, at: weights))
  }
}
