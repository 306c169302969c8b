/// The moments of (T, P) for a model of any family; a moment that does not exist is `nil`.
///
/// With a_i = w_i t_i, b_i = w_i p_i and independent X_i: E[T] = Σ a_i E[X_i] (exists when every
/// X_i with a_i ≠ 0 has a mean), Var T = Σ a_i² Var X_i (every such X_i has a variance),
/// Cov(T, P) = Σ a_i b_i Var X_i (both means exist and every X_i with a_i b_i ≠ 0 has a variance),
/// and likewise for P.
public struct GeneralMoments: Hashable, Sendable {
  /// E[T].
  public let meanTruth: Double?
  /// E[P].
  public let meanPersuasiveness: Double?
  /// Var T.
  public let varianceTruth: Double?
  /// Var P.
  public let variancePersuasiveness: Double?
  /// Cov(T, P).
  public let covariance: Double?

  /// Corr(T, P) = Cov / (sd_T sd_P) clamped to [−1, 1]; `nil` unless both variances exist and are
  /// positive.
  public var correlation: Double? {
    guard let covariance, let vt = varianceTruth, let vp = variancePersuasiveness, vt > 0, vp > 0
    else { return nil }
    return min(1, max(-1, covariance / (vt * vp).squareRoot()))
  }
}

extension Model {
  /// The moments of (T, P) under the model's weights, `nil` where they do not exist.
  ///
  /// - Complexity: O(number of submodules).
  public var generalMoments: GeneralMoments {
    var meanTruth: Double? = 0
    var meanPersuasiveness: Double? = 0
    var varianceTruth: Double? = 0
    var variancePersuasiveness: Double? = 0
    var covariance: Double? = 0
    func add(_ total: inout Double?, _ value: Double?, _ factor: Double) {
      guard factor != 0 else { return }
      total = value.flatMap { v in total.map { $0 + factor * v } }
    }
    for (submodule, weight) in zip(submodules, weights) {
      let a = weight * submodule.truth
      let b = weight * submodule.persuasion
      let law = submodule.distribution
      add(&meanTruth, law.mean, a)
      add(&meanPersuasiveness, law.mean, b)
      add(&varianceTruth, law.variance, a * a)
      add(&variancePersuasiveness, law.variance, b * b)
      add(&covariance, law.variance, a * b)
    }
    if meanTruth == nil || meanPersuasiveness == nil { covariance = nil }
    return GeneralMoments(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: varianceTruth,
      variancePersuasiveness: variancePersuasiveness, covariance: covariance)
  }
}
