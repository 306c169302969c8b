/// The standard law of a `QuadratureKernel`'s variable y: a normal or Laplace law, or the
/// normal-Laplace law of a normal and a Laplace part together (`NormalLaplaceLaw`), which alone
/// carries a normal part N whose truth differs from the rest of Y.
enum KernelLaw: Sendable {
  /// The standard normal or Laplace law.
  case standard(StandardLaw)
  /// ρ Z + L in units of the Laplace scale.
  case normalLaplace(NormalLaplaceLaw)

  /// f_Y(y).
  func density(_ y: Double) -> Double {
    switch self {
    case .standard(let law): law.density(y)
    case .normalLaplace(let law): law.density(y)
    }
  }

  /// Q_Y(y).
  func survival(_ y: Double) -> Double {
    switch self {
    case .standard(let law): law.survival(y)
    case .normalLaplace(let law): law.survival(y)
    }
  }

  /// A bound of ∫_L^∞ |y|^k f_Y dy for k = 0, 1, 2 (the closed form for the standard laws:
  /// `QuadratureKernel.tailMoment`).
  func tailMomentBound(beyond reach: Double, power k: Int) -> Double {
    switch self {
    case .standard(let law): QuadratureKernel.tailMoment(of: law, beyond: reach, power: k)
    case .normalLaplace(let law): law.tailMomentBound(beyond: reach, power: k)
    }
  }

  /// Bounds of ∫_L^∞ |E[N | Y = y]| f_Y dy and ∫_L^∞ E[N² | Y = y] f_Y dy (0 for the standard
  /// laws).
  func normalTailBounds(beyond reach: Double) -> (first: Double, second: Double) {
    switch self {
    case .standard: (0, 0)
    case .normalLaplace(let law): law.normalTailBounds(beyond: reach)
    }
  }
}
