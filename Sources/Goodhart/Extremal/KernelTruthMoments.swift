/// The sums of one `KernelQuadrature` pass at a point s from which the truth square numerator
/// E[(T_S − t)² · 1{S ∈ ds}]/ds follows for any t, so that a selection's Var T needs no pass of
/// its own: with T_S = r_A s + d y (d = (r_B − r_A) σ_B) it is c² D + 2cd Y₁ + d² Y₂ with
/// c = r_A s − t and D, Y₁, Y₂ = ∫ y^k f_Y(y) g((s − σ_B y)/σ_A) dy / σ_A for k = 0, 1, 2.
struct KernelTruthMoments: Sendable {
  /// r_A s.
  let level: Double
  /// d = (r_B − r_A) σ_B.
  let spread: Double
  /// D, Y₁, Y₂.
  let sums: (zeroth: Double, first: Double, second: Double)
  /// The rules' estimated error of each of `sums`.
  let errors: (zeroth: Double, first: Double, second: Double)
  /// Bounds of what the cut at ±L drops from each of `sums`: 2 g(0)/σ_A ∫_L^∞ y^k f_Y dy.
  let truncation: (zeroth: Double, first: Double, second: Double)
  /// The bound of the square numerator's integrand beyond the pass's cut
  /// (`KernelQuadrature.truthSquareNumerator`) is `fixedBeyond` + t² `beyondPerSquare`.
  let fixedBeyond: Double
  /// See `fixedBeyond`.
  let beyondPerSquare: Double
  /// (Σ |r_k| σ_k)²: the square of the truth's scale.
  let sizeSquared: Double
  /// A lower bound of f_S(s).
  let densityFloor: Double

  /// E[(T_S − t)² · 1{S ∈ ds}]/ds, or `nil` where the pass cannot vouch for it: the bound beyond
  /// the cut must be within 10^−13 ((Σ |r_k| σ_k)² + t²) times the lower bound of f_S (the
  /// half-lines' absolute tolerance) or 10^−12 of the value, and the rules' error of the three
  /// terms with their rounding (2|cd Y₁| <= c² D + d² Y₂, so that rounding is a few ulps of
  /// c² D + d² Y₂) within that tolerance or 10^−10 of the value.
  func squareNumerator(about t: Double) -> Double? {
    let c = level - t
    let outer = c * c * sums.zeroth
    let inner = spread * spread * sums.second
    let cross = 2 * c * spread * sums.first
    let value = outer + cross + inner
    let error =
      c * c * errors.zeroth + abs(2 * c * spread) * errors.first + spread * spread * errors.second
      + 1e-15 * (outer + inner)
    let floor = 1e-13 * (sizeSquared + t * t) * densityFloor
    guard value >= 0, fixedBeyond + t * t * beyondPerSquare <= max(floor, 1e-12 * value),
      error <= max(KernelQuadrature.relativeTolerance * value, floor)
    else { return nil }
    return value
  }

  /// Var[T_S | S = s] = d² Var[Y | S = s] = d² (Y₂/D − (Y₁/D)²), or `nil` where the pass cannot
  /// vouch for it to 10^−10 relative: the first-order effect of each sum's error (the rules'
  /// estimate plus `truncation`) on Y₂/D − (Y₁/D)², with the rounding of that difference (a few
  /// ulps of Y₂/D + (Y₁/D)²), must be within 10^−10 of it (so a mean of Y far above its spread,
  /// where the difference cancels, falls back to `CentredSum.truthSpreadVariance`).
  func spreadVariance() -> Double? {
    guard spread != 0 else { return 0 }
    let (zeroth, first, second) = sums
    guard zeroth > 0 else { return nil }
    let mean = first / zeroth
    let variance = second / zeroth - mean * mean
    let zerothError = errors.zeroth + truncation.zeroth
    let firstError = errors.first + truncation.first
    let secondError = errors.second + truncation.second
    let error =
      (secondError + second / zeroth * zerothError + 2 * abs(mean) * (firstError + abs(mean) * zerothError))
      / zeroth + 1e-15 * (second / zeroth + mean * mean)
    guard variance > 0, error <= KernelQuadrature.relativeTolerance * variance else { return nil }
    return spread * spread * variance
  }
}
