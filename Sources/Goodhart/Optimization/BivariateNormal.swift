import Foundation

/// A bivariate normal law of y = (T, P) with its precision matrix, as the optimisers need it.
///
/// The covariance is [[tt, tp], [tp, pp]] with determinant `determinant` (computed by the caller
/// in a cancellation-free way where it can be). The law is `singular` when
/// det <= `singularity` · tt · pp (1 − correlation² below the accuracy of the determinant) or the
/// covariance is 0.
struct BivariateNormal: Sendable {
  /// E[T], E[P].
  let meanTruth: Double
  let meanPersuasiveness: Double
  /// Covariance entries.
  let tt: Double
  let pp: Double
  let tp: Double
  /// det Σ (>= 0).
  let determinant: Double
  /// The relative size of det Σ (against tt · pp) below which Σ counts as singular: about the
  /// relative accuracy of `determinant`.
  let singularity: Double

  /// Whether Σ is (numerically) singular.
  var isSingular: Bool {
    !(determinant > singularity * tt * pp) || !(determinant > 0)
  }

  /// ln det Σ (−∞ when singular).
  var logDeterminant: Double { isSingular ? -.infinity : log(determinant) }

  /// Σ⁻¹ as (tt, pp, tp) entries; meaningful only when not singular.
  var precision: (tt: Double, pp: Double, tp: Double) {
    (pp / determinant, tt / determinant, -tp / determinant)
  }

  /// Σ as a symmetric matrix.
  var covariance: Symmetric2 { Symmetric2(tt: tt, pp: pp, tp: tp) }

  /// The `JointLaw` with these moments.
  var jointLaw: JointLaw {
    JointLaw(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: tt,
      variancePersuasiveness: pp, covariance: tp)
  }
}

/// A symmetric 2×2 matrix stored as its three entries, with the quadratic forms the KL needs.
struct Symmetric2: Sendable {
  var tt: Double
  var pp: Double
  var tp: Double

  /// xᵀ M y.
  @inline(__always)
  func form(_ x0: Double, _ x1: Double, _ y0: Double, _ y1: Double) -> Double {
    x0 * (tt * y0 + tp * y1) + x1 * (tp * y0 + pp * y1)
  }

  /// M x.
  @inline(__always)
  func apply(_ x0: Double, _ x1: Double) -> (Double, Double) {
    (tt * x0 + tp * x1, tp * x0 + pp * x1)
  }
}
