/// The moments of (T, P) for a model of any family and either composition; a moment that does
/// not exist is `nil`.
///
/// Sum reading, with a_i = w_i t_i, b_i = w_i p_i and independent X_i: E[T] = Σ a_i E[X_i]
/// (exists when every X_i with a_i ≠ 0 has a mean), Var T = Σ a_i² Var X_i (every such X_i has a
/// variance), Cov(T, P) = Σ a_i b_i Var X_i (both means exist and every X_i with a_i b_i ≠ 0 has
/// a variance), and likewise for P. Mixture reading: see `init(mixtureOf:)`.
public struct OutputMoments: Hashable, Sendable {
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

  /// Creates the moments from their values.
  public init(
    meanTruth: Double?, meanPersuasiveness: Double?, varianceTruth: Double?,
    variancePersuasiveness: Double?, covariance: Double?
  ) {
    self.meanTruth = meanTruth
    self.meanPersuasiveness = meanPersuasiveness
    self.varianceTruth = varianceTruth
    self.variancePersuasiveness = variancePersuasiveness
    self.covariance = covariance
  }
}

extension OutputMoments {
  /// The moments of the sum reading under `model`'s weights.
  ///
  /// - Complexity: O(number of submodules).
  init(sumOf model: Model) {
    var meanTruth: Double? = 0
    var meanPersuasiveness: Double? = 0
    var varianceTruth: Double? = 0
    var variancePersuasiveness: Double? = 0
    var covariance: Double? = 0
    func add(_ total: inout Double?, _ value: Double?, _ factor: Double) {
      guard factor != 0 else { return }
      total = value.flatMap { v in total.map { $0 + factor * v } }
    }
    for (submodule, weight) in zip(model.submodules, model.weights) {
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
    self.init(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: varianceTruth,
      variancePersuasiveness: variancePersuasiveness, covariance: covariance)
  }
}

extension OutputMoments {
  /// The moments of the mixture reading under `model`'s weights: submodule i writes the output
  /// with probability w_i, so with μ_i = E[X_i], v_i = Var X_i,
  /// E[T] = Σ w_i t_i μ_i, Var T = Σ w_i t_i² v_i + Σ w_i (t_i μ_i − E[T])² (the law of total
  /// variance, free of the cancellation of E[T²] − E[T]²), and
  /// Cov(T, P) = Σ w_i t_i p_i v_i + Σ w_i (t_i μ_i − E[T])(p_i μ_i − E[P]). A moment exists when
  /// every submodule with w_i > 0 and a non-zero loading has it.
  ///
  /// - Complexity: O(number of submodules).
  init(mixtureOf model: Model) {
    let total = model.weights.reduce(0, +)
    self.init(mixtureOf: Array(zip(model.submodules, model.weights.map { $0 / total })))
  }

  /// The moments of the mixture of `terms` (weights summing to 1), as `init(mixtureOf:)` says;
  /// also the law of T on a mixture's atom (its submodules' weights renormalised).
  init(mixtureOf weighted: [(Submodule, Double)]) {
    let terms = weighted.filter { $0.1 > 0 }
    func mean(_ loading: (Submodule) -> Double) -> Double? {
      var sum = CompensatedSum()
      for (submodule, weight) in terms where loading(submodule) != 0 {
        guard let mean = submodule.distribution.mean else { return nil }
        sum.add(weight * loading(submodule) * mean)
      }
      return sum.value
    }
    func comoment(_ first: (Submodule) -> Double, _ second: (Submodule) -> Double) -> Double? {
      guard let meanFirst = mean(first), let meanSecond = mean(second) else { return nil }
      var sum = CompensatedSum()
      for (submodule, weight) in terms {
        let (x, y) = (first(submodule), second(submodule))
        guard x != 0 || y != 0 else {
          sum.add(weight * meanFirst * meanSecond)
          continue
        }
        let law = submodule.distribution
        guard let mu = law.mean else { return nil }
        if x != 0, y != 0 {
          guard let variance = law.variance else { return nil }
          sum.add(weight * x * y * variance)
        }
        sum.add(weight * (x * mu - meanFirst) * (y * mu - meanSecond))
      }
      return sum.value
    }
    self.init(
      meanTruth: mean(\.truth), meanPersuasiveness: mean(\.persuasion),
      varianceTruth: comoment(\.truth, \.truth),
      variancePersuasiveness: comoment(\.persuasion, \.persuasion),
      covariance: comoment(\.truth, \.persuasion))
  }
}
