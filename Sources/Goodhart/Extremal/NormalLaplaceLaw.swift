import Foundation

/// The law of Y = ρ Z + L, Z standard normal and L standard Laplace (density e^{−|l|}/2),
/// independent: the normal-Laplace law, the sum of a normal and a Laplace part in units of the
/// Laplace scale, with ρ = σ_N/σ_L. `QuadratureKernel` integrates over it when a sum has both
/// beside a third part.
///
/// With a(y) = e^{ρ²/2 − y} Φ̄(ρ − y/ρ) and c(y) = e^{ρ²/2 + y} Φ̄(ρ + y/ρ) (the densities of
/// ρ Z ± E at y, E standard exponential), for y >= 0 (Y is symmetric):
/// - f_Y(y) = (a + c)/2 and Q_Y(y) = Φ̄(y/ρ) + (a − c)/2 (Q′ = −f, since a′ = −a + φ(y/ρ)/ρ and
///   c′ = c − φ(y/ρ)/ρ), so f′ = (c − a)/2 and f″ = f − φ(y/ρ)/ρ;
/// - by Stein's identity for the normal part N = ρ Z, E[N | Y = y] f_Y(y) = −ρ² f′(y) and
///   E[N² | Y = y] f_Y(y) = ρ⁴ f″(y) + ρ² f(y).
struct NormalLaplaceLaw: Sendable {
  /// ρ = σ_N/σ_L.
  let ratio: Double

  /// f_Y(y), Q_Y(y), E[N | Y = y] f_Y(y) and E[N² | Y = y] f_Y(y) from one evaluation of a and c
  /// (a panel's nodes need all four).
  func values(_ y: Double) -> (density: Double, survival: Double, first: Double, second: Double) {
    let x = abs(y)
    let (a, c) = terms(x)
    let density = 0.5 * (a + c)
    let normal = StandardNormal.density(x / ratio)
    let upper = StandardNormal.survival(x / ratio) + 0.5 * (a - c)
    let square = ratio * ratio
    let first = 0.5 * square * (a - c)
    return (
      density, y >= 0 ? upper : 1 - upper, y >= 0 ? first : -first,
      square * square * (density - normal / ratio) + square * density
    )
  }

  /// f_Y(y), from a and c alone (each pass's density floor reads it: `values` costs two more
  /// special functions).
  func density(_ y: Double) -> Double {
    let (a, c) = terms(abs(y))
    return 0.5 * (a + c)
  }

  /// Q_Y(y) = P(Y > y).
  func survival(_ y: Double) -> Double { values(y).survival }

  /// a(y) and c(y) for y >= 0 (see the type), as they stand: ρ <= 4 and y within the kernel's
  /// reach (<= 180 + ρ²/2 + a few) keep ρ²/2 + y below 200, so e^{ρ²/2 ± y} neither overflows nor
  /// underflows, and Φ̄(ρ − y/ρ) >= Φ̄(4) does not underflow; Φ̄(ρ + y/ρ) underflows to 0 only
  /// beyond ρ + y/ρ = 38, where c <= φ(y/ρ)/ρ is below 10^−200 of a >= e^{ρ²/2 − y}/2. (For
  /// larger ρ, E[N² | Y = y] f_Y = ρ⁴ (f_Y − φ(y/ρ)/ρ) + ρ² f_Y cancels: at ρ = 16 it lost
  /// 2e-10 of itself.)
  private func terms(_ y: Double) -> (a: Double, c: Double) {
    let half = 0.5 * ratio * ratio
    // c is taken as 0 where e^{ρ²/2 + y} would overflow (beyond any kernel's reach, where
    // c <= φ(y/ρ)/ρ has long underflowed).
    return (
      exp(half - y) * StandardNormal.survival(ratio - y / ratio),
      half + y < 700 ? exp(half + y) * StandardNormal.survival(ratio + y / ratio) : 0
    )
  }

  /// A bound of ∫_L^∞ y^k f_Y(y) dy for k = 0, 1, 2 and L >= 0: for y >= 0, a <= e^{ρ²/2 − y} and
  /// c <= φ(y/ρ)/(ρ + y/ρ) <= φ(y/ρ)/ρ (Φ̄(x) <= φ(x)/x), so it is at most e^{ρ²/2} times the
  /// standard Laplace law's moment beyond L plus ρ^k/2 times the standard normal's beyond L/ρ.
  func tailMomentBound(beyond reach: Double, power k: Int) -> Double {
    let laplace = QuadratureKernel.tailMoment(of: StandardLaw(.laplace), beyond: reach, power: k)
    let normal = QuadratureKernel.tailMoment(of: StandardLaw(.normal), beyond: reach / ratio, power: k)
    return Self.roundingCover * (exp(0.5 * ratio * ratio) * laplace + 0.5 * pow(ratio, Double(k)) * normal)
  }

  /// 1 + 10^−12: the bounds are nearly attained far out (there Φ̄(ρ − y/ρ) ≈ 1, so a ≈
  /// e^{ρ²/2 − y}), so this factor keeps them above the rounding of the values they bound.
  static let roundingCover = 1 + 1e-12

  /// Bounds of ∫_L^∞ |E[N | Y = y]| f_Y dy and ∫_L^∞ E[N² | Y = y] f_Y dy: for y >= 0,
  /// |E[N | Y = y]| f_Y = ρ² |a − c|/2 <= ρ² f_Y and E[N² | Y = y] f_Y = ρ⁴ (f_Y − φ(y/ρ)/ρ) +
  /// ρ² f_Y <= (ρ⁴ + ρ²) f_Y, so they are ρ² and ρ⁴ + ρ² times the bound of Q_Y(L)
  /// (`tailMomentBound`, k = 0).
  func normalTailBounds(beyond reach: Double) -> (first: Double, second: Double) {
    let mass = Self.roundingCover * tailMomentBound(beyond: reach, power: 0)
    let square = ratio * ratio
    return (square * mass, (square * square + square) * mass)
  }
}
