import Foundation

/// The two unbiased estimators of ∇_w J(w), J(w) = E_{y~π_w}[P(y) − β ln(π_w(y)/π_0(y))]
/// = E_w[P] − β KL, from one batch of M samples. See Docs/Optimization.md.
extension WeightFamily {
  /// REINFORCE: (1/M) Σ_k c_k ∇_w ln π_w(y_k), y_k ~ N(μ_w, Σ_w), with the RLHF reward
  /// r_k = P_k − β ln(π_w(y_k)/π_0(y_k)) and the leave-one-out baseline
  /// c_k = r_k − mean_{j≠k} r_j = M/(M−1) (r_k − r̄).
  ///
  /// The score of N(μ_w, Σ_w) is ∂_i ln π_w(y) = −w_i s_i² v_iᵀBv_i + m_i v_iᵀζ + w_i s_i² (v_iᵀζ)²
  /// with B = Σ_w⁻¹, ζ = B (y − μ_w); since Σ_k c_k = 0 the first term drops, and the estimate
  /// needs only S1 = Σ c_k ζ_k and S2 = Σ c_k ζ_k ζ_kᵀ, accumulated in one pass.
  /// With β = 0 the reward depends on P alone and the score of P's own law is used
  /// (B = diag(0, 1/σ_P²)), which stays defined where Σ_w is singular.
  func reinforceGradient(
    weights: [Double], law: BivariateNormal, beta: Double, batch: Int,
    random: inout RandomSource
  ) -> [Double] {
    let count = Double(batch)
    var sumR = 0.0
    var sumZeta = (0.0, 0.0)
    var sumRZeta = (0.0, 0.0)
    var sumOuter = (0.0, 0.0, 0.0)
    var sumROuter = (0.0, 0.0, 0.0)
    if beta == 0 {
      guard law.pp > 0 else { return [Double](repeating: 0, count: weights.count) }
      let sd = law.pp.squareRoot()
      for _ in 0..<batch {
        let z = sd * random.normal()
        let reward = law.meanPersuasiveness + z
        let zeta = z / law.pp
        sumR += reward
        sumZeta.1 += zeta
        sumRZeta.1 += reward * zeta
        sumOuter.1 += zeta * zeta
        sumROuter.1 += reward * zeta * zeta
      }
    } else {
      // y = μ + L ε with L the Cholesky factor of Σ_w; log-ratio = c − ½ zᵀBz + ½ uᵀAu,
      // z = y − μ_w, u = y − μ_0.
      let l11 = law.tt.squareRoot()
      let l21 = law.tp / l11
      let l22 = (law.determinant / law.tt).squareRoot()
      let p = law.precision
      let b = Symmetric2(tt: p.tt, pp: p.pp, tp: p.tp)
      let a = basePrecision
      let constant = 0.5 * (base.logDeterminant - law.logDeterminant)
      let shiftT = law.meanTruth - base.meanTruth
      let shiftP = law.meanPersuasiveness - base.meanPersuasiveness
      for _ in 0..<batch {
        let e1 = random.normal()
        let e2 = random.normal()
        let zT = l11 * e1
        let zP = l21 * e1 + l22 * e2
        let (zetaT, zetaP) = b.apply(zT, zP)
        let uT = zT + shiftT
        let uP = zP + shiftP
        let logRatio = constant - 0.5 * (zT * zetaT + zP * zetaP) + 0.5 * a.form(uT, uP, uT, uP)
        let reward = law.meanPersuasiveness + zP - beta * logRatio
        sumR += reward
        sumZeta.0 += zetaT
        sumZeta.1 += zetaP
        sumRZeta.0 += reward * zetaT
        sumRZeta.1 += reward * zetaP
        let outer = (zetaT * zetaT, zetaP * zetaP, zetaT * zetaP)
        sumOuter.0 += outer.0
        sumOuter.1 += outer.1
        sumOuter.2 += outer.2
        sumROuter.0 += reward * outer.0
        sumROuter.1 += reward * outer.1
        sumROuter.2 += reward * outer.2
      }
    }
    // Σ c_k f_k = M/(M−1) (Σ r_k f_k − r̄ Σ f_k), then divided by M.
    let meanR = sumR / count
    let factor = 1 / (count - 1)
    let s1 = ((sumRZeta.0 - meanR * sumZeta.0) * factor, (sumRZeta.1 - meanR * sumZeta.1) * factor)
    let s2 = Symmetric2(
      tt: (sumROuter.0 - meanR * sumOuter.0) * factor,
      pp: (sumROuter.1 - meanR * sumOuter.1) * factor,
      tp: (sumROuter.2 - meanR * sumOuter.2) * factor)
    return weights.indices.map { i in
      let (t, q) = (truths[i], persuasions[i])
      return means[i] * (t * s1.0 + q * s1.1) + weights[i] * variances[i] * s2.form(t, q, t, q)
    }
  }

  /// Pathwise: y = Σ_i w_i v_i X_i with X_i = m_i + s_i ε_i, and the reward differentiated
  /// through y: (1/M) Σ_k X_{k,i} (p_i − v_iᵀ h_k), h_k = β (Σ_0⁻¹(y_k − μ_0) − Σ_w⁻¹(y_k − μ_w)).
  ///
  /// The explicit dependence of ln π_w on w is left out: its expectation is the expected score,
  /// 0 (the "sticking the landing" form), so the estimate stays unbiased and has zero KL noise
  /// where π_w = π_0.
  func pathwiseGradient(
    weights: [Double], law: BivariateNormal, beta: Double, batch: Int,
    random: inout RandomSource, samples: inout [Double]
  ) -> [Double] {
    let n = weights.count
    var gradient = [Double](repeating: 0, count: n)
    let a = basePrecision
    var b = Symmetric2(tt: 0, pp: 0, tp: 0)
    if beta > 0 {
      let p = law.precision
      b = Symmetric2(tt: p.tt, pp: p.pp, tp: p.tp)
    }
    for _ in 0..<batch {
      var yT = 0.0
      var yP = 0.0
      for i in 0..<n {
        let x = means[i] + variances[i].squareRoot() * random.normal()
        samples[i] = x
        yT += weights[i] * truths[i] * x
        yP += weights[i] * persuasions[i] * x
      }
      var h = (0.0, 0.0)
      if beta > 0 {
        let (aT, aP) = a.apply(yT - base.meanTruth, yP - base.meanPersuasiveness)
        let (bT, bP) = b.apply(yT - law.meanTruth, yP - law.meanPersuasiveness)
        h = (beta * (aT - bT), beta * (aP - bP))
      }
      for i in 0..<n {
        gradient[i] += samples[i] * (persuasions[i] - truths[i] * h.0 - persuasions[i] * h.1)
      }
    }
    return gradient.map { $0 / Double(batch) }
  }
}
