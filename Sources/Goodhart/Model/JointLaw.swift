/// The bivariate normal law of (T, P) for a Gaussian model.
///
/// With a_i = w_i t_i, b_i = w_i p_i and X_i ~ N(m_i, s_i²) independent:
/// E[T] = Σ a_i m_i, E[P] = Σ b_i m_i, Var T = Σ a_i² s_i², Var P = Σ b_i² s_i²,
/// Cov(T, P) = Σ a_i b_i s_i². Every selection on P is an operation on this law; see
/// Docs/Model.md for the derivations.
public struct JointLaw: Hashable, Sendable {
  /// E[T].
  public let meanTruth: Double
  /// E[P].
  public let meanPersuasiveness: Double
  /// Var T (>= 0).
  public let varianceTruth: Double
  /// Var P (>= 0); every selection on P needs it > 0.
  public let variancePersuasiveness: Double
  /// Cov(T, P).
  public let covariance: Double
  /// Var[T | P] = Var T − Cov²/Var P (>= 0; Var T when Var P = 0): the truth variance that no
  /// selection on P can remove.
  public let residualVarianceTruth: Double

  /// Creates a law from its five moments.
  ///
  /// - Precondition: the variances are >= 0 and covariance² <= varianceTruth · variancePersuasiveness
  ///   up to rounding (not checked; use `Model.jointLaw()` for a validated law).
  public init(
    meanTruth: Double, meanPersuasiveness: Double, varianceTruth: Double,
    variancePersuasiveness: Double, covariance: Double
  ) {
    self.meanTruth = meanTruth
    self.meanPersuasiveness = meanPersuasiveness
    self.varianceTruth = varianceTruth
    self.variancePersuasiveness = variancePersuasiveness
    self.covariance = covariance
    self.residualVarianceTruth =
      variancePersuasiveness > 0
      ? max(0, varianceTruth - covariance * (covariance / variancePersuasiveness)) : varianceTruth
  }

  /// The law of (T, P) under `model`'s weights, reading each submodule's location as its mean and
  /// its scale as its standard deviation (exact for normal submodules).
  ///
  /// The sums are compensated (Neumaier), so that a moment that nearly cancels (mixed signs)
  /// keeps its digits. Var[T | P] is computed as the variance of the regression residual
  /// T − κP = Σ (a_i − κ b_i) X_i, κ = Cov/Var P: a sum of non-negative terms, so it is never
  /// negative and stays accurate when |Corr(T, P)| is close to 1 (where Var T − Cov²/Var P
  /// would cancel).
  init(model: Model) {
    var meanTruth = CompensatedSum()
    var meanPersuasiveness = CompensatedSum()
    var varianceTruth = CompensatedSum()
    var variancePersuasiveness = CompensatedSum()
    var covariance = CompensatedSum()
    for (submodule, weight) in zip(model.submodules, model.weights) {
      let a = weight * submodule.truth
      let b = weight * submodule.persuasion
      let mean = submodule.distribution.location
      let variance = submodule.distribution.scale * submodule.distribution.scale
      meanTruth.add(a * mean)
      meanPersuasiveness.add(b * mean)
      varianceTruth.add(a * a * variance)
      variancePersuasiveness.add(b * b * variance)
      covariance.add(a * b * variance)
    }
    self.meanTruth = meanTruth.value
    self.meanPersuasiveness = meanPersuasiveness.value
    self.varianceTruth = varianceTruth.value
    self.variancePersuasiveness = variancePersuasiveness.value
    self.covariance = covariance.value
    if variancePersuasiveness.value > 0 {
      let slope = covariance.value / variancePersuasiveness.value
      var residual = CompensatedSum()
      for (submodule, weight) in zip(model.submodules, model.weights) {
        let loading = weight * submodule.truth - slope * (weight * submodule.persuasion)
        let scale = submodule.distribution.scale
        residual.add(loading * loading * (scale * scale))
      }
      self.residualVarianceTruth = residual.value
    } else {
      self.residualVarianceTruth = varianceTruth.value
    }
  }

  /// sqrt(Var T).
  public var standardDeviationTruth: Double { varianceTruth.squareRoot() }
  /// sqrt(Var P).
  public var standardDeviationPersuasiveness: Double { variancePersuasiveness.squareRoot() }

  /// Corr(T, P) = Cov / (sd_T sd_P), clamped to [-1, 1]; 0 when either variance is 0 (the
  /// covariance is then 0 as well, and no linear relation can be measured).
  public var correlation: Double {
    let denominator = (varianceTruth * variancePersuasiveness).squareRoot()
    guard denominator > 0 else { return 0 }
    return min(1, max(-1, covariance / denominator))
  }
}
