import Foundation

/// The light-tailed part B = σ_B Y that `KernelQuadrature` integrates over: Y normal or Laplace,
/// whose density and tail weight fixed rules on fixed panels of y, and whose tail beyond a cut
/// y = ±L is bounded in closed form (Φ̄(L), or e^{−L}/2).
///
/// The panels suit the kernel's decay: for φ they end at 0, ±5, ±10, ±14, ±20, ±28, ±37; for
/// e^{−|y|}, which is analytic on each side of its corner at 0 but falls only exponentially, at
/// 0, ±6, ±14, ±24, ±37, ±55, ±80, ±120, ±180, widening as e^{−y} makes the mass beyond each
/// end negligible against the panels before it (the 16-point rule's error for e^{−y} on the widest,
/// 60 wide, is below e^{−y} at its lower end times 10^5, against e^{−120}).
final class QuadratureKernel: Sendable {
  /// The standard law of Y.
  let law: StandardLaw
  /// The cuts L, each with Q_Y(L) (= P(Y < −L)), increasing.
  let reaches: [(point: Double, beyond: Double)]
  /// For each cut L of `reaches`, ∫_L^∞ |y| f_Y dy and ∫_L^∞ y² f_Y dy (`tailMoment`).
  let reachMoments: [(first: Double, second: Double)]
  /// For each cut of `reaches`, the base panels over [−L, L].
  let levels: [[KernelPanel]]
  /// P(|Y| <= 1).
  let inner: Double
  /// The most panels a pass may use (see `KernelQuadrature`).
  let panelLimit: Int

  /// Y's law, panels ending at ±`ends` (0 included), cuts at `reaches` (among `ends`).
  private init(_ family: Distribution.Family, ends: [Double], reaches: [Double], panelLimit: Int) {
    law = StandardLaw(family)
    let law = law
    self.reaches = reaches.map { ($0, law.survival($0)) }
    reachMoments = reaches.map {
      (Self.tailMoment(of: law, beyond: $0, power: 1), Self.tailMoment(of: law, beyond: $0, power: 2))
    }
    let cuts = ends.dropFirst().reversed().map { -$0 } + ends
    let panels = zip(cuts, cuts.dropFirst()).map { KernelPanel(law, from: $0, to: $1) }
    levels = reaches.map { reach in panels.filter { $0.lower >= -reach && $0.upper <= reach } }
    inner = 1 - 2 * law.survival(1)
    self.panelLimit = panelLimit
  }

  /// The normal kernel. A singularity at distance a from the line among its panels needs about
  /// log₂(5/a) halvings on each side of it, so beyond 16 panels (a below about 0.1 in y, the other
  /// part ten times narrower than the normal one) the adaptive half-lines, at about the cost of 12
  /// panels, answer instead.
  static let normal = QuadratureKernel(
    .normal, ends: [0, 5, 10, 14, 20, 28, 37], reaches: [10, 14, 20, 28, 37], panelLimit: 16)

  /// The Laplace kernel: 8 to 18 base panels, as the cut needs, so the limit is wider than the
  /// normal one's (the adaptive half-lines cost more beside a Laplace part, which has no smooth
  /// peak).
  static let laplace = QuadratureKernel(
    .laplace, ends: [0, 6, 14, 24, 37, 55, 80, 120, 180], reaches: [37, 55, 80, 120, 180],
    panelLimit: 28)

  /// ∫_L^∞ |y|^k f_Y(y) dy for k = 0, 1, 2 (0 for other k is never asked): for the normal law
  /// Φ̄(L), φ(L), L φ(L) + Φ̄(L); for Laplace e^{−L}/2 times 1, L + 1, L² + 2L + 2.
  static func tailMoment(of law: StandardLaw, beyond reach: Double, power k: Int) -> Double {
    let mass = law.survival(reach)
    switch (law.family, k) {
    case (_, 0): return mass
    case (.normal, 1): return law.density(reach)
    case (.normal, _): return reach * law.density(reach) + mass
    case (_, 1): return mass * (reach + 1)
    default: return mass * (reach * reach + 2 * reach + 2)
    }
  }

  /// The kernel for a part of `family` (`nil` for the families without one).
  static func of(_ family: Distribution.Family) -> QuadratureKernel? {
    switch family {
    case .normal: normal
    case .laplace: laplace
    case .studentT, .logistic, .cauchy, .lognormal, .pareto, .gumbel, .weibull, .empirical: nil
    }
  }
}
