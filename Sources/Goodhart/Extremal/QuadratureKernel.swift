import Foundation
import Synchronization

/// The light-tailed part B = σ_B Y that `KernelQuadrature` integrates over: Y normal, Laplace, or
/// normal-Laplace (a normal and a Laplace part together, in units of the Laplace scale:
/// `NormalLaplaceLaw`), whose density and tail weight fixed rules on fixed panels of y, and whose
/// tail beyond a cut y = ±L is bounded in closed form (Φ̄(L), e^{−L}/2, or
/// `NormalLaplaceLaw.tailMomentBound`).
///
/// The panels suit the kernel's decay: for φ they end at 0, ±5, ±10, ±14, ±20, ±28, ±37; for
/// e^{−|y|}, which is analytic on each side of its corner at 0 but falls only exponentially, at
/// 0, ±6, ±14, ±24, ±37, ±55, ±80, ±120, ±180, widening as e^{−y} makes the mass beyond each
/// end negligible against the panels before it (the 16-point rule's error for e^{−y} on the widest,
/// 60 wide, is below e^{−y} at its lower end times 10^5, against e^{−120}). A normal-Laplace law's
/// panels depend on ρ, so they are found once per ρ: its cuts are where the bound of Q_Y falls
/// below the Laplace kernel's masses e^{−37}/2 ... e^{−180}/2, and the stretches between them are
/// cut into the widest panels (from 0 outward, each the rest of its stretch or a halving of it)
/// on which the 24- and the 16-point rules agree on ∫ f_Y and ∫ Q_Y to 10^−13 relative or 10^−18
/// (a corner smoothed over a small ρ needs narrower panels near 0).
final class QuadratureKernel: Sendable {
  /// The standard law of Y.
  let law: KernelLaw
  /// The cuts L, each with a bound of Q_Y(L) (= P(Y < −L)), increasing.
  let reaches: [(point: Double, beyond: Double)]
  /// For each cut L of `reaches`, bounds of ∫_L^∞ |y| f_Y dy and ∫_L^∞ y² f_Y dy
  /// (`KernelLaw.tailMomentBound`), and of the same integrals of |E[N | Y = y]| f_Y and
  /// E[N² | Y = y] f_Y for a normal-Laplace law's normal part (0 otherwise).
  let reachMoments: [(first: Double, second: Double, normalFirst: Double, normalSecond: Double)]
  /// For each cut of `reaches`, the base panels over [−L, L].
  let levels: [[KernelPanel]]
  /// For each pair of cuts (L₋, L₊) of `reaches`, by their indices, the base panels over
  /// [−L₋, L₊].
  let windows: [[[KernelPanel]]]
  /// P(|Y| <= 1).
  let inner: Double
  /// The most panels a pass may use (see `KernelQuadrature`).
  let panelLimit: Int

  /// Y's law, panels ending at ±`ends` (0 included), cuts at `reaches` (among `ends`).
  private init(_ law: KernelLaw, ends: [Double], reaches: [Double], panelLimit: Int) {
    self.law = law
    self.reaches = reaches.map { ($0, law.tailMomentBound(beyond: $0, power: 0)) }
    reachMoments = reaches.map { reach in
      let normal = law.normalTailBounds(beyond: reach)
      return (
        law.tailMomentBound(beyond: reach, power: 1), law.tailMomentBound(beyond: reach, power: 2),
        normal.first, normal.second
      )
    }
    let cuts = ends.dropFirst().reversed().map { -$0 } + ends
    let panels = zip(cuts, cuts.dropFirst()).map { KernelPanel(law, from: $0, to: $1) }
    let windows = reaches.map { below in
      reaches.map { above in panels.filter { $0.lower >= -below && $0.upper <= above } }
    }
    self.windows = windows
    levels = reaches.indices.map { windows[$0][$0] }
    inner = 1 - 2 * law.survival(1)
    self.panelLimit = panelLimit
  }

  /// The kernel of a standard family.
  private convenience init(
    _ family: Distribution.Family, ends: [Double], reaches: [Double], panelLimit: Int
  ) {
    self.init(.standard(StandardLaw(family)), ends: ends, reaches: reaches, panelLimit: panelLimit)
  }

  /// The normal kernel. A singularity at distance a from the line among its panels needs about
  /// log₂(5/a) halvings on each side of it, so beyond 16 panels (a below about 0.1 in y, the other
  /// part ten times narrower than the normal one) the adaptive half-lines, at about the cost of 12
  /// panels, answer instead.
  static let normal = QuadratureKernel(
    .normal, ends: [0, 5, 10, 14, 20, 28, 37], reaches: [10, 14, 20, 28, 37], panelLimit: 16)

  /// The Laplace kernel: 8 to 18 base panels, as the cut needs, so the limit is wider than the
  /// normal one's (the adaptive half-lines cost more beside a Laplace part, which has no smooth
  /// peak). Its cuts start at 6: a pass may cut one side close in where its carrier falls fast
  /// there (`KernelQuadrature`).
  static let laplace = QuadratureKernel(
    .laplace, ends: [0, 6, 14, 24, 37, 55, 80, 120, 180],
    reaches: [6, 14, 24] + laplaceCuts, panelLimit: 28)

  /// The Laplace kernel's cuts from 37 on, where e^{−L}/2 is below 10^−16 (the normal-Laplace
  /// kernels' cuts follow them).
  private static let laplaceCuts: [Double] = [37, 55, 80, 120, 180]

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

  /// The normal-Laplace kernel for ρ = σ_N/σ_L in [1/16, 4] (`nil` outside, where the corner at
  /// 0 would need too many panels, or the normal part's second moment would cancel
  /// (`NormalLaplaceLaw`), and once 64 values of ρ have kernels: each is kept, so that the cache of
  /// halved panels, keyed by the kernel's identity, never meets a reused one).
  static func normalLaplace(ratio: Double) -> QuadratureKernel? {
    guard ratio >= 1.0 / 16, ratio <= 4 else { return nil }
    return normalLaplaceKernels.withLock { kernels in
      if let known = kernels[ratio] { return known }
      guard kernels.count < 64 else { return nil }
      let law = NormalLaplaceLaw(ratio: ratio)
      // The cuts: where the bound of Q_Y falls below the Laplace kernel's masses.
      let reaches = laplaceCuts.map { laplaceReach in
        var reach = (laplaceReach + 0.5 * ratio * ratio + 1).rounded(.up)
        while law.tailMomentBound(beyond: reach, power: 0) > laplace.law.survival(laplaceReach) {
          reach += 1
        }
        return reach
      }
      var ends = [0.0]
      for (lower, upper) in zip([0.0] + reaches, reaches) {
        ends += refined(law, from: lower, to: upper)
      }
      let kernel = ends.count > 24
        ? nil
        : QuadratureKernel(
          .normalLaplace(law), ends: ends, reaches: reaches, panelLimit: 2 * ends.count + 12)
      kernels[ratio] = kernel
      return kernel
    }
  }

  /// The normal-Laplace kernels made so far, by ρ (`nil` where the panels were too many).
  private static let normalLaplaceKernels = Mutex<[Double: QuadratureKernel?]>([:])

  /// The right ends of panels covering [lower, upper] on which the 24- and the 16-point rules
  /// agree on ∫ f_Y and ∫ Q_Y to 10^−13 relative or 10^−18: from each panel's left end, the
  /// widest of the rest of the stretch and its halvings (down to 2^−12 of it) that passes.
  private static func refined(_ law: NormalLaplaceLaw, from lower: Double, to upper: Double)
    -> [Double]
  {
    func agrees(_ start: Double, _ end: Double) -> Bool {
      func rule(_ points: Int, _ value: (Double) -> Double) -> Double {
        GaussLegendreRule(points: points).points(from: start, to: end).reduce(0) {
          $0 + $1.weight * value($1.point)
        }
      }
      return [law.density, law.survival].allSatisfy { value in
        let fine = rule(24, value)
        return abs(fine - rule(16, value)) <= max(1e-13 * abs(fine), 1e-18)
      }
    }
    var ends: [Double] = []
    var start = lower
    let narrowest = (upper - lower) / 4096
    while start < upper {
      var width = upper - start
      while width > narrowest && !agrees(start, min(upper, start + width)) { width *= 0.5 }
      start = min(upper, start + width)
      ends.append(start)
    }
    return ends
  }

  /// The panels over [−L, L] (L = the cut number `level`): the base panels, each halved until
  /// `criterion` finds every part clear (e.g. of a singularity of the integrands:
  /// `ComplexSingularity`); `nil` beyond `limit` panels, before any node is made.
  func panels<Criterion: PanelCriterion>(level: Int, limit: Int, criterion: Criterion)
    -> [KernelPanel]?
  {
    panels(below: level, above: level, limit: limit, criterion: criterion)
  }

  /// The same over [−L₋, L₊], the cuts numbered `below` and `above`.
  func panels<Criterion: PanelCriterion>(
    below: Int, above: Int, limit: Int, criterion: Criterion
  ) -> [KernelPanel]? {
    let base = windows[below][above]
    guard base.contains(where: { !criterion.isClear(from: $0.lower, to: $0.upper) })
    else { return base }
    var ends: [(lower: Double, upper: Double, base: KernelPanel?)] = []
    ends.reserveCapacity(limit + 1)
    func visit(_ lower: Double, _ upper: Double, _ base: KernelPanel?) -> Bool {
      if criterion.isClear(from: lower, to: upper) {
        ends.append((lower, upper, base))
        return ends.count <= limit
      }
      let middle = 0.5 * (lower + upper)
      return visit(lower, middle, nil) && visit(middle, upper, nil)
    }
    for panel in base {
      guard visit(panel.lower, panel.upper, panel) else { return nil }
    }
    return ends.map { $0.base ?? halved(from: $0.lower, to: $0.upper) }
  }

  /// The halved panels made so far, by their kernel and ends (dyadic parts of the kernels'
  /// panels, so passes at nearby s meet the same ones; a best-of-n at n = 1000 on the t(3) model
  /// makes some 600 of them otherwise, a normal tail and density at each of 40 nodes each, half
  /// its cost).
  private static let halvedPanels = Mutex<[Ends: KernelPanel]>([:])

  /// At most this many halved panels are kept (each holds 40 nodes).
  private static let halvedLimit = 4096

  /// The halved panel [lower, upper], made once.
  private func halved(from lower: Double, to upper: Double) -> KernelPanel {
    let ends = Ends(kernel: ObjectIdentifier(self), lower: lower, upper: upper)
    if let known = Self.halvedPanels.withLock({ $0[ends] }) { return known }
    let panel = KernelPanel(law, from: lower, to: upper)
    Self.halvedPanels.withLock { panels in
      if panels.count < Self.halvedLimit { panels[ends] = panel }
    }
    return panel
  }

  /// A panel's kernel and ends, as a key.
  private struct Ends: Hashable {
    let kernel: ObjectIdentifier
    let lower: Double
    let upper: Double
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
