/// One independent summand W = b (X − L) of the centred persuasiveness, with the truth it carries.
///
/// For a submodule with b = w·persuasion ≠ 0 and a = w·truth, X = L + S Z gives
/// b X = b L + σ Y with σ = |b| S and Y = sign(b) Z, which has the law of Z (every family is
/// symmetric). The submodule adds a X = a L + r W to T with W = σ Y and r = a / b.
struct PersuasionComponent: Hashable, Sendable {
  /// The standard law of Y.
  let law: StandardLaw
  /// σ = |b| S > 0.
  let scale: Double
  /// r = a / b: the truth carried per unit of persuasiveness.
  let truthRatio: Double
  /// Whether E|W| < ∞.
  let hasMean: Bool
  /// Whether the right tail of W is polynomial (Student-t, Cauchy).
  let hasPolynomialTail: Bool
  /// The submodule names merged into this component (for messages).
  let names: [String]
  /// Var[Σ r_k W_k | W = w] inside a merged normal component (0 for a single submodule).
  var internalTruthVariance = 0.0

  /// Several independent normal components as one: W = Σ W_k is N(0, Σ σ_k²), and
  /// E[W_k | W = w] = σ_k² / σ² · w, so the merged truth ratio is Σ r_k σ_k² / σ², and
  /// Var[Σ r_k W_k | W = w] = Σ r_k² σ_k² − (Σ r_k σ_k²)² / σ² whatever w.
  static func mergingNormals(_ normals: [PersuasionComponent]) -> PersuasionComponent? {
    guard !normals.isEmpty else { return nil }
    let variance = normals.reduce(0) { $0 + $1.scale * $1.scale }
    let ratio = normals.reduce(0) { $0 + $1.truthRatio * $1.scale * $1.scale } / variance
    let spread = normals.reduce(0) { $0 + $1.truthRatio * $1.truthRatio * $1.scale * $1.scale }
    return PersuasionComponent(
      law: StandardLaw(.normal), scale: variance.squareRoot(), truthRatio: ratio, hasMean: true,
      hasPolynomialTail: false, names: normals.flatMap(\.names),
      internalTruthVariance: max(0, spread - ratio * ratio * variance))
  }
}
