extension PersuasionLaw {
  /// The exponential tilt π ∝ π0 exp(P / β) whose KL from the base law is `kl`.
  ///
  /// E[exp(θ S)] = Π_k E[exp(θ W_k)] factorises over the independent components; with their
  /// cumulants K_k (`TiltCumulant`) and θ = 1/β: KL(θ) = θ Σ K_k'(θ) − Σ K_k(θ), increasing from 0
  /// to ∞ on 0 < θ < min over Laplace/logistic components of 1/σ_k; E[P] = μ + Σ K_k'(θ),
  /// E[T] = c + Σ r_k K_k'(θ), Var P = Σ K_k''(θ), Var T = Σ r_k² K_k''(θ) + the truth variance
  /// P does not carry (untouched by the tilt). θ by Brent's method, closed form when every
  /// component is normal.
  ///
  /// - Returns: `.notNormalisable` when a component without an exponential moment on its right
  ///   (Student-t, Cauchy, a right lognormal, Lomax or Weibull with k < 1) carries persuasion.
  /// - Throws: `SelectionError` naming `kl` when K is not finite and > 0.
  /// - Complexity: O(components × 100).
  public func tilt(kl: Double) throws(SelectionError) -> TiltSelection {
    guard kl.isFinite, kl > 0 else {
      throw SelectionError(field: .kl, rule: "must be finite and > 0 (got \(kl))")
    }
    let parts = components
    let heavy = parts.filter { !$0.law.family.hasExponentialMoment }
    guard heavy.isEmpty else { return .notNormalisable(submodules: heavy.flatMap(\.names)) }
    func divergence(_ theta: Double) -> Double {
      parts.reduce(0) {
        $0 + theta * TiltCumulant.derivative($1.law, scale: $1.scale, theta)
          - TiltCumulant.value($1.law, scale: $1.scale, theta)
      }
    }
    let ceiling = parts.map { TiltCumulant.abscissa($0.law, scale: $0.scale) }.min() ?? .infinity
    let theta: Double
    if parts.allSatisfy({ $0.law.family == .normal }) {
      let variance = parts.reduce(0) { $0 + $1.scale * $1.scale }
      theta = (2 * kl / variance).squareRoot()
    } else {
      theta = try TiltCumulant.theta(reaching: kl, ceiling: ceiling, start: 1 / scale, divergence: divergence)
    }
    // K_W′ = K_{σY}′ − σ m for the centred W = σ (Y − m); K_W″ and the KL do not move.
    let slopes = parts.map { TiltCumulant.derivative($0.law, scale: $0.scale, theta) - $0.scale * $0.centre }
    let curvatures = parts.map { TiltCumulant.secondDerivative($0.law, scale: $0.scale, theta) }
    let truthShift = zip(parts, slopes).reduce(0) { $0 + $1.0.truthRatio * $1.1 }
    let truthSpread = zip(parts, curvatures).reduce(0) {
      $0 + $1.0.truthRatio * $1.0.truthRatio * $1.1 + $1.0.internalTruthVariance
    }
    let hasTruthVariance = moments.varianceTruth != nil
    return .normalisable(
      beta: 1 / theta,
      outcome: SelectionOutcome(
        meanTruth: meanTruthExists ? truthOffset.map { $0 + truthShift } : nil,
        meanPersuasiveness: location + slopes.reduce(0, +),
        varianceTruth: hasTruthVariance ? outsideTruthVariance.map { $0 + truthSpread } : nil,
        variancePersuasiveness: curvatures.reduce(0, +),
        kl: divergence(theta)))
  }
}
