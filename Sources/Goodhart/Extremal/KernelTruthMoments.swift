/// The sums of one `KernelQuadrature` pass at a point s from which the truth square numerator
/// E[(T_S − t)² · 1{S ∈ ds}]/ds follows for any t, so that a selection's Var T needs no pass of
/// its own: with T_S = r_A s + U at Y = y, where U = d y (d = (r_B − r_A) σ_B) plus, beside a
/// normal-Laplace kernel, e M (e = (r_N − r_B) σ_B, M = N/σ_B its normal part), it is
/// c² D + 2c F + G with c = r_A s − t, D = f_S(s), F = E[U · 1{S ∈ ds}]/ds and
/// G = E[U² · 1{S ∈ ds}]/ds (`SpreadSums`).
struct KernelTruthMoments: Sendable {
  /// F and G with their errors (see the type).
  struct SpreadSums: Sendable {
    /// F = E[U · 1{S ∈ ds}]/ds.
    let first: Double
    /// G = E[U² · 1{S ∈ ds}]/ds.
    let second: Double
    /// The rules' estimated error of F.
    let firstError: Double
    /// The rules' estimated error of G.
    let secondError: Double
    /// A bound of what the cut at ±L drops from F.
    let firstTruncation: Double
    /// A bound of what the cut at ±L drops from G.
    let secondTruncation: Double
  }

  /// r_A s.
  let level: Double
  /// F and G.
  let spreadSums: SpreadSums
  /// D = f_S(s).
  let density: Double
  /// The rules' estimated error of D.
  let densityError: Double
  /// A bound of what the cut at ±L drops from D: 2 g(0)/σ_A Q_Y(L).
  let densityTruncation: Double
  /// Whether U = 0 (every part carries the same truth per unit of persuasiveness).
  let proportional: Bool
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
  /// terms with their rounding (2|c F| <= c² D + G, so that rounding is a few ulps of c² D + G)
  /// within that tolerance or 10^−10 of the value.
  func squareNumerator(about t: Double) -> Double? {
    let c = level - t
    let outer = c * c * density
    let inner = spreadSums.second
    let cross = 2 * c * spreadSums.first
    let value = outer + cross + inner
    let error =
      c * c * densityError + abs(2 * c) * spreadSums.firstError + spreadSums.secondError
      + 1e-15 * (outer + inner)
    let floor = 1e-13 * (sizeSquared + t * t) * densityFloor
    guard value >= 0, fixedBeyond + t * t * beyondPerSquare <= max(floor, 1e-12 * value),
      error <= max(KernelQuadrature.relativeTolerance * value, floor)
    else { return nil }
    return value
  }

  /// Var[T_S | S = s] = Var[U | S = s] = G/D − (F/D)², or `nil` where the pass cannot vouch for
  /// it to 10^−10 relative: the first-order effect of each sum's error (the rules' estimate plus
  /// its truncation bound) on G/D − (F/D)², with the rounding of that difference (a few ulps of
  /// G/D + (F/D)²), must be within 10^−10 of it (so a mean of U far above its spread, where the
  /// difference cancels, falls back to `CentredSum.truthSpreadVariance`).
  func spreadVariance() -> Double? {
    guard !proportional else { return 0 }
    let (first, second) = (spreadSums.first, spreadSums.second)
    guard density > 0 else { return nil }
    let mean = first / density
    let variance = second / density - mean * mean
    let densityError = densityError + densityTruncation
    let firstError = spreadSums.firstError + spreadSums.firstTruncation
    let secondError = spreadSums.secondError + spreadSums.secondTruncation
    let error =
      (secondError + second / density * densityError
        + 2 * abs(mean) * (firstError + abs(mean) * densityError)) / density
      + 1e-15 * (second / density + mean * mean)
    guard variance > 0, error <= KernelQuadrature.relativeTolerance * variance else { return nil }
    return variance
  }
}
