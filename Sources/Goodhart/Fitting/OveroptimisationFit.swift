/// A least-squares fit of one overoptimisation form to a curve of gains R_i against distances
/// d_i = sqrt(KL_i), with its quality.
public struct OveroptimisationFit: Hashable, Sendable {
  /// The fitted form.
  public let form: OveroptimisationForm
  /// The fitted α (the initial slope of R in d).
  public let alpha: Double
  /// The fitted β (how fast the gain bends down; <= 0 means the form never peaks).
  public let beta: Double
  /// The distances d_i used (d = 0 rows are dropped: both sides are 0 there).
  public let distances: [Double]
  /// The residuals R_i − R(d_i; α, β), one per distance.
  public let residuals: [Double]
  /// sqrt(mean residual²).
  public let rootMeanSquareResidual: Double
  /// max |residual|.
  public let maximumAbsoluteResidual: Double
  /// 1 − Σ residual² / Σ (R_i − mean R)²; nil when every R_i is equal.
  public let rSquared: Double?

  /// The peak d* of the fitted curve (nil when it has none; see `OveroptimisationForm.peak`).
  public var peakDistance: Double? { form.peak(alpha: alpha, beta: beta) }

  /// R(d*), the largest gain the fitted form predicts (nil without a peak).
  public var peakGain: Double? { peakDistance.map { form.gain(at: $0, alpha: alpha, beta: beta) } }

  /// The root-mean-square residual relative to the largest |R_i| (0 when all R_i are 0 and the
  /// fit is exact; infinite when all R_i are 0 but the residuals are not).
  public var relativeResidual: Double {
    let scale = gains.map(abs).max() ?? 0
    if scale > 0 { return rootMeanSquareResidual / scale }
    return rootMeanSquareResidual == 0 ? 0 : .infinity
  }

  /// The gains R_i that were fitted.
  public var gains: [Double] {
    zip(distances, residuals).map { d, r in form.gain(at: d, alpha: alpha, beta: beta) + r }
  }

  /// How well the form describes the curve, judged by `relativeResidual`.
  public var quality: FitQuality { FitQuality(relativeResidual: relativeResidual) }

  /// Fits `form` to (d_i, R_i) by least squares. Both forms are linear in (α, β), with columns
  /// ∂R/∂α = d and ∂R/∂β = −d² or −d ln d, so the fit is a linear least squares, solved by
  /// Householder QR (`LinearLeastSquares`): accurate to about the columns' condition number times
  /// ε, with no iteration.
  ///
  /// - Parameters:
  ///   - form: the form R(d; α, β).
  ///   - distances: d_i = sqrt(KL_i), finite and >= 0.
  ///   - gains: R_i, finite, one per distance (the truth gained at d_i over d = 0).
  /// - Throws: `FittingError` naming `distances` or `gains` when a value is not finite, a distance
  ///   is negative, the counts differ, or fewer than 3 distinct positive distances remain;
  ///   `fit` when the two columns are dependent to rounding.
  /// - Complexity: O(number of points).
  public init(_ form: OveroptimisationForm, distances: [Double], gains: [Double])
    throws(FittingError)
  {
    guard distances.count == gains.count else {
      throw FittingError(
        field: .gains,
        rule: "must have one gain per distance (\(distances.count); got \(gains.count))")
    }
    if let bad = distances.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
      throw FittingError(
        field: .distances, rule: "[\(bad)] must be finite and >= 0 (got \(distances[bad]))")
    }
    if let bad = gains.firstIndex(where: { !$0.isFinite }) {
      throw FittingError(field: .gains, rule: "[\(bad)] must be finite (got \(gains[bad]))")
    }
    let kept = zip(distances, gains).filter { $0.0 > 0 }
    guard Set(kept.map(\.0)).count >= 3 else {
      throw FittingError(
        field: .distances, rule: "need at least 3 distinct positive distances to fit 2 coefficients")
    }
    let d = kept.map(\.0)
    let g = kept.map(\.1)
    // Both forms are linear in (α, β): R = α d − β c(d), so the least squares is linear.
    guard
      let solution = LinearLeastSquares.solve(
        columns: [d, d.map { -form.curvatureTerm($0) }], targets: g)
    else {
      throw FittingError(
        field: .fit,
        rule: "R(d) = \(form.formula) has its two columns (alpha's and beta's) dependent to rounding at these distances")
    }
    self.form = form
    alpha = solution[0]
    beta = solution[1]
    self.distances = d
    residuals = zip(d, g).map { di, gi in gi - form.gain(at: di, alpha: solution[0], beta: solution[1]) }
    let squares = residuals.reduce(0) { $0 + $1 * $1 }
    rootMeanSquareResidual = (squares / Double(d.count)).squareRoot()
    maximumAbsoluteResidual = residuals.map(abs).max() ?? 0
    let mean = g.reduce(0, +) / Double(g.count)
    let total = g.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    rSquared = total > 0 ? 1 - squares / total : nil
  }
}
