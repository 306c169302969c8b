import Foundation

/// One tail of an empirical law beyond a threshold u: a generalised Pareto law of the excess
/// z = |x − u| (measured outward), fitted by maximum likelihood to the samples beyond u, which
/// carries the probability `mass` of the samples there.
///
/// With shape ξ and scale σ, P(excess > z) = (1 + ξ z / σ)^{−1/ξ} (e^{−z/σ} at ξ = 0). ξ > 0 is a
/// polynomial tail with tail index α = 1/ξ (moments of order < α only); ξ = 0 an exponential one;
/// ξ < 0 a tail that ends at z = σ / |ξ|. The fit maximises the profile likelihood in θ = ξ/σ
/// (Grimshaw 1993: for each θ the likelihood's ξ is the mean of ln(1 + θ z)), on a grid of 241
/// points of θ·max z in (−1, 10^10) refined by golden sections. The standard error of ξ is the
/// asymptotic (1 + ξ)/√k of the maximum-likelihood estimator on k exceedances (Smith 1987), valid
/// for ξ > −1/2; below it the estimator is irregular and no standard error is given.
public struct GeneralizedParetoTail: Hashable, Sendable {
  /// The threshold u, in the samples' units.
  public let threshold: Double
  /// The probability beyond the threshold (the fraction of samples fitted).
  public let mass: Double
  /// The shape ξ (the extreme-value index).
  public let shape: Double
  /// The scale σ > 0 of the excess, in the samples' units.
  public let scale: Double
  /// The number k of samples fitted.
  public let exceedances: Int

  /// The standard error of ξ, (1 + ξ)/√k; `nil` for ξ <= −1/2.
  public var shapeStandardError: Double? {
    shape > -0.5 ? (1 + shape) / Double(exceedances).squareRoot() : nil
  }

  /// The tail index α = 1/ξ for a polynomial tail (ξ > 0), `nil` otherwise.
  public var tailIndex: Double? { shape > 0 ? 1 / shape : nil }

  /// The standard error of α by the delta method, se(ξ)/ξ²; `nil` when α is.
  public var tailIndexStandardError: Double? {
    guard shape > 0, let se = shapeStandardError else { return nil }
    return se / (shape * shape)
  }

  /// The largest excess with positive density: σ/|ξ| for ξ < 0, ∞ otherwise.
  var end: Double { shape < 0 ? scale / -shape : .infinity }

  /// ln(1 + ξ z/σ)/ξ (z/σ at ξ = 0): minus the log of the excess's survival.
  private func logDecay(_ z: Double) -> Double {
    shape == 0 ? z / scale : log1p(shape * z / scale) / shape
  }

  /// P(beyond u by more than z) = mass · (1 + ξ z/σ)^{−1/ξ}: `mass` at z <= 0, 0 beyond the end.
  func survival(excess z: Double) -> Double {
    guard z > 0 else { return mass }
    guard z < end else { return 0 }
    return mass * exp(-logDecay(z))
  }

  /// ln of `survival(excess:)`, −∞ beyond the end.
  func logSurvival(excess z: Double) -> Double {
    guard z > 0 else { return log(mass) }
    guard z < end else { return -.infinity }
    return log(mass) - logDecay(z)
  }

  /// ln of the density of the excess times `mass`: ln(mass/σ) − (1 + ξ) ln(1 + ξ z/σ)/ξ.
  func logDensity(excess z: Double) -> Double {
    guard z >= 0, z < end else { return -.infinity }
    return log(mass / scale) - (1 + shape) * logDecay(z)
  }

  /// The excess whose `survival(excess:)` is q, for q in (0, mass]: σ (e^{−ξ ln(q/mass)} − 1)/ξ.
  func excess(atSurvival q: Double) -> Double {
    let logRatio = log(q / mass)  // <= 0
    return shape == 0 ? -scale * logRatio : scale * expm1(-shape * logRatio) / shape
  }

  /// E[excess] = σ/(1 − ξ), ∞ for ξ >= 1.
  var meanExcess: Double { shape < 1 ? scale / (1 - shape) : .infinity }

  /// E[excess²] = 2σ²/((1 − ξ)(1 − 2ξ)), ∞ for ξ >= 1/2.
  var secondMomentExcess: Double {
    shape < 0.5 ? 2 * scale * scale / ((1 - shape) * (1 - 2 * shape)) : .infinity
  }

  /// Fits the tail to `excesses` (each >= 0, measured outward from `threshold`).
  ///
  /// - Parameters:
  ///   - excesses: the k distances beyond the threshold, not all 0.
  ///   - threshold: u.
  ///   - mass: the probability beyond u.
  /// - Returns: `nil` when every excess is 0 (no tail to fit).
  init?(fitting excesses: [Double], threshold: Double, mass: Double) {
    let largest = excesses.max() ?? 0
    guard largest > 0 else { return nil }
    let k = Double(excesses.count)
    let meanExcess = excesses.reduce(0, +) / k
    // θ = u / max z with u in (−1, ∞); the profile log-likelihood per exceedance is
    // −ln(ξ(θ)/θ) − ξ(θ) − 1 with ξ(θ) = mean ln(1 + θ z), and −ln(mean z) − 1 at θ = 0.
    func shapeAndScale(_ u: Double) -> (shape: Double, scale: Double) {
      guard u != 0 else { return (0, meanExcess) }
      let theta = u / largest
      let xi = excesses.reduce(0) { $0 + log1p(theta * $1) } / k
      return (xi, xi / theta)
    }
    func profile(_ u: Double) -> Double {
      let (xi, sigma) = shapeAndScale(u)
      guard xi >= -1, sigma > 0, sigma.isFinite else { return -.infinity }
      return -log(sigma) - xi - 1
    }
    // u = e^v − 1: v in [ln 1e-9, ln(1 + 1e10)] covers u from −(1 − 1e-9) to 1e10.
    let lower = log(1e-9)
    let upper = log1p(1e10)
    let count = 240
    let step = (upper - lower) / Double(count)
    var best = 0
    var bestValue = -Double.infinity
    for i in 0...count {
      let value = profile(expm1(lower + Double(i) * step))
      if value > bestValue { (best, bestValue) = (i, value) }
    }
    // Refine between the best grid point's neighbours (80 rounds: the bracket shrinks to 1e-17
    // of its width); the exponential tail (u = 0) lies between grid points, so compare it too.
    let refined = GoldenSection.maximum(
      low: lower + Double(max(best - 1, 0)) * step, high: lower + Double(min(best + 1, count)) * step,
      width: 0, rounds: 80
    ) { v in profile(expm1(v)) }
    let u = profile(0) > refined.value ? 0 : expm1(refined.point)
    let (xi, sigma) = shapeAndScale(u)
    self.threshold = threshold
    self.mass = mass
    self.shape = xi
    self.scale = sigma
    self.exceedances = excesses.count
  }

  /// A tail with these parameters (for tests and derived laws).
  init(threshold: Double, mass: Double, shape: Double, scale: Double, exceedances: Int) {
    self.threshold = threshold
    self.mass = mass
    self.shape = shape
    self.scale = scale
    self.exceedances = exceedances
  }
}
