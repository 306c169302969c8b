extension ExpectedMaximum {
  /// Var[max of n independent standard normals] for real n in [1, 10^15]: 1 at n = 1, 1 − 1/π at
  /// n = 2, about π² / (12 ln n) as n → ∞.
  ///
  /// Computed as the variance of best-of-n on a mixture with one standard normal part
  /// (`MixtureLaw.bestOfN`: ∫ (z − e_n)² n Φ^{n−1} φ dz, cut at the median of the maximum and
  /// scaled by its width), to about 1e-10 relative.
  ///
  /// - Throws: `SelectionError` naming `n` outside [1, 10^15] or when the quadrature fails.
  public static func varianceOfStandardNormals(_ n: Double) throws(SelectionError) -> Double {
    try standardNormalMaximum.bestOfN(n).variancePersuasiveness ?? 1
  }

  /// The law of one standard normal score, as a one-part mixture.
  private static let standardNormalMaximum = MixtureLaw(
    parts: [
      MixturePart(
        weight: 1, law: StandardLaw(.normal), location: 0, scale: 1, truthRatio: 0,
        name: "Z", hasMean: true, hasVariance: true, hasHeavyRightTail: false)
    ])
}
