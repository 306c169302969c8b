/// What a larger sum needs of a partial sum G (`PartialSum`) at one point g: the values of
/// `PointValues` and the conditional law of the truth G carries.
struct SummandValues: Sendable {
  /// The tail beyond g on its side of 0: Q_G(g) for g >= 0, F_G(g) for g < 0.
  let tail: Double
  /// N_G(g) = E[T_G | G = g] f_G(g), with T_G = Σ_k r_k W_k over G's components.
  let truthNumerator: Double
  /// f_G(g).
  let density: Double
  /// Var[T_G | G = g] (0 where it does not exist: callers check `CentredSum.hasTruthVariance`).
  let truthVariance: Double

  /// E[T_G | G = g] (0 where the density underflows).
  var truthMean: Double { density > 0 ? truthNumerator / density : 0 }

  /// The values of −G at −g: the same tail, density and variance, minus the numerator.
  var mirrored: SummandValues {
    SummandValues(tail: tail, truthNumerator: -truthNumerator, density: density, truthVariance: truthVariance)
  }
}
