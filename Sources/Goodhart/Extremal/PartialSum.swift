/// A sum G of two or more components used as one summand of a larger sum (`NestedConvolution`):
/// its functions anywhere on the line, through an extended checked table (`PersuasionTable`)
/// where the table accepts a point and by direct quadrature of G (or −G) where it does not.
///
/// The mirrored partial sum −G shares the table: it reads G at −g and negates the numerator.
struct PartialSum: Sendable {
  /// G itself (never the mirror).
  private let sum: any CentredSum
  /// −G (G itself when G is symmetric).
  private let mirror: any CentredSum
  /// The extended table of G, shared by the mirrored partial sum.
  private let table: PersuasionTable
  /// Whether this is −G.
  private var flipped: Bool
  /// Whether G and −G have the same law.
  private let symmetric: Bool
  /// Whether Var[T_G | G = g] exists (`CentredSum.hasTruthVariance`).
  private let hasTruthVariance: Bool

  /// G = `sum`, with a fresh extended table.
  init(_ sum: any CentredSum) {
    self.sum = sum
    symmetric = sum.isSymmetric
    hasTruthVariance = sum.hasTruthVariance
    mirror = symmetric ? sum : sum.mirrored
    table = PersuasionTable(sum, mirrored: symmetric ? nil : mirror, extended: true)
    flipped = false
  }

  /// −G, sharing this table.
  var mirrored: PartialSum {
    var mirror = self
    mirror.flipped.toggle()
    return mirror
  }

  /// The law of this partial sum (G or −G) as a `CentredSum`.
  var law: any CentredSum { flipped ? mirror : sum }

  /// The components of this partial sum (mirrored for −G).
  var components: [PersuasionComponent] { law.components }

  /// Tail on its side of 0, truth numerator, density and truth variance at g (any sign); the
  /// variance is left at 0 where the table leaves g to direct quadrature unless `variance`.
  ///
  /// - Throws: `NumericalError` when the table leaves g to direct quadrature and that fails.
  func values(at g: Double, variance: Bool = false) throws(NumericalError) -> SummandValues {
    let point = flipped ? -g : g
    // The side of 0 in G's own frame: −G's tail at 0 is P(G < 0), G's mirror's, which the sign
    // of −0.0 would not say (it read Q_G(0), off by the difference of the two at an asymmetric
    // G). A symmetric G is read at |g| either way.
    let onMirror = symmetric ? point < 0 : (flipped ? g >= 0 : g < 0)
    let values = try unflipped(at: point, onMirror: onMirror, variance: variance)
    return flipped ? values.mirrored : values
  }

  /// G's values at g, on the mirror's side of 0 when `onMirror` (g <= 0).
  private func unflipped(at g: Double, onMirror: Bool, variance wanted: Bool) throws(NumericalError)
    -> SummandValues
  {
    // The table reads 0 on G's side, so the mirror's 0 is computed directly.
    if g != 0 || !onMirror, let values = table.summandValues(at: symmetric ? abs(g) : g) {
      return symmetric && onMirror ? values.mirrored : values
    }
    let side = onMirror ? mirror : sum
    let x = abs(g)
    // One pass where it gives them together (`CentredSum.tailAndDensity`), not one for each.
    let both = side.tailAndDensity(x)
    let tail = if let both { both.tail } else { try side.tail(x) }
    if tail == 0 { table.noteUnderflow(at: g) }
    let density = if let both { both.density } else { try side.density(x) }
    let numerator = if let known = both?.truthNumerator { known } else { try side.truthNumerator(x) }
    var variance = 0.0
    if wanted && density > 0 && hasTruthVariance {
      variance =
        if let known = both?.truthMoments?.spreadVariance() { known } else {
          try side.truthSpreadVariance(x, density: density)
        }
    }
    let values = SummandValues(tail: tail, truthNumerator: numerator, density: density, truthVariance: variance)
    return onMirror ? values.mirrored : values
  }
}
