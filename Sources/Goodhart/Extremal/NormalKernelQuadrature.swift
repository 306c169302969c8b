import Foundation
import Synchronization

/// The tail and the density of S = A + B, with B ~ N(0, σ_B²) and A = σ_A X for a law X whose
/// density g is analytic in a strip about the real line
/// (`PersuasionComponent.analyticStripHalfWidth`: Student-t, Cauchy, logistic), both from one pass
/// of fixed Gauss–Legendre rules over B's standard variable y (S = σ_A X + σ_B y), reading g at
/// the same nodes:
/// - f_S(s) = ∫ φ(y) g((s − σ_B y)/σ_A) dy / σ_A,
/// - Q_S(s) = ∫ φ(y) Q_X((s − σ_B y)/σ_A) dy = (σ_B/σ_A) ∫ Φ̄(y) g((s − σ_B y)/σ_A) dy (by parts;
///   the boundary terms vanish), so no tail of X is needed inside the integral.
///
/// The line is cut at y = ±L, the least of 10, 14, 20, 28, 37 for which what lies beyond is below
/// 10^−12 of each result (the density's bound, on a lower bound of f_S(s), picks it; the tail's is
/// checked on the result, and a wider cut taken if it fails), by bounds, not estimates: beyond +L
/// the tail's integrand adds at most Φ̄(L) and the density's at most Φ̄(L) g(0)/σ_A (g is unimodal
/// at 0); below −L the density's adds at most Φ̄(L) g(0)/σ_A, and the tail's is
/// Q_X((s + σ_B L)/σ_A) (added) less at most Φ(−L) of it.
/// Inside, the panels between 0, ±5, ±10, ±14, ±20, ±28, ±37 suit φ; one is halved while the
/// singularity nearest to the real line of the integrands, at y = (s ± i a σ_A)/σ_B, lies inside
/// its Bernstein ellipse of parameter 3 (Gauss–Legendre converges like ρ^{−2N} for a function
/// analytic inside the ellipse E_ρ), so the panels close in on it only where s/σ_B puts it among
/// them.
///
/// Each panel takes the 24- and the 16-point rule; the sum over panels of their differences,
/// an estimate of the 16-point rule's error and so a generous one of the 24-point rule's, must be
/// within 10^−10 of each result (the tolerance of `Convolution`'s inner integrals), and the bounds
/// above within 10^−12, or the pass declines (`nil`) and `Convolution`'s adaptive quadrature
/// answers. A pass costs about 40 evaluations of g per panel, four to six panels for most s, where
/// the adaptive route takes some 300 evaluations of an exponential, a density and a normal tail for
/// each of the two; where it would need more than 16 panels (the other part ten times narrower
/// than the normal one, at s where its singularity is among them) it declines before evaluating.
struct NormalKernelQuadrature: Sendable {
  /// A: the component whose density is smoothed.
  let carrier: PersuasionComponent
  /// σ_B: the normal component's scale.
  let noise: Double
  /// The half-width in y of the strip where the integrands are analytic: a σ_A/σ_B.
  let strip: Double
  /// g(0)/σ_A: the largest value of A's density.
  private let peak: Double
  /// P(|X| <= 1).
  private let inner: Double

  /// The quadrature for S = `first` + `second` when one of them is normal and the other's density
  /// is analytic in a strip (`nil` otherwise).
  init?(_ first: PersuasionComponent, _ second: PersuasionComponent) {
    let (a, b) = first.law.family == .normal ? (second, first) : (first, second)
    guard b.law.family == .normal, let width = a.analyticStripHalfWidth else { return nil }
    carrier = a
    noise = b.scale
    strip = width * a.scale / b.scale
    peak = a.density(0) / a.scale
    inner = 1 - 2 * a.survival(1)
  }

  /// The relative tolerance of the rules' estimated error.
  static let relativeTolerance = Convolution.relativeTolerance

  /// Where the line may be cut (L), and Φ̄(L) at each.
  private static let reaches: [(point: Double, beyond: Double)] = [10.0, 14, 20, 28, 37].map {
    ($0, StandardNormal.survival($0))
  }

  /// For each cut L of `reaches`, the panels for φ over [−L, L] (between 0, ±5, ±10, ±14, ±20,
  /// ±28, ±37), each with both rules' nodes and weights.
  private static let levels: [[Panel]] = {
    let cuts: [Double] = [-37, -28, -20, -14, -10, -5, 0, 5, 10, 14, 20, 28, 37]
    let panels = zip(cuts, cuts.dropFirst()).map { Panel(from: $0, to: $1) }
    return reaches.map { reach in
      panels.filter { $0.lower >= -reach.point && $0.upper <= reach.point }
    }
  }()

  /// The 24-point rule, whose values are returned.
  private static let fine = GaussLegendreRule(points: 24)
  /// The 16-point rule, whose difference from `fine` is the error estimate.
  private static let coarse = GaussLegendreRule(points: 16)

  /// The most panels a pass may use. A singularity at distance a from the line among the panels
  /// needs about log₂(5/a) halvings on each side of it, so beyond 16 panels (a below about 0.1 in
  /// y, the other part ten times narrower than the normal one) the adaptive half-lines, at
  /// about the cost of 12 panels, answer instead.
  private static let panelLimit = 16

  /// (Q_S(s), f_S(s)) for s >= 0, or `nil` when the pass cannot vouch for them (see the type).
  func values(at s: Double) -> (tail: Double, density: Double)? {
    guard s >= 0, s.isFinite else { return nil }
    let scale = carrier.scale
    let normalDensity = StandardNormal.density((s + scale) / noise) / noise
    let densityFloor = max(
      0.682_689_492_137_085_9 * carrier.density((s + noise) / scale) / scale, inner * normalDensity)
    // The least cut the density's bound allows; a wider one where the tail's bound, checked on
    // the result, asks for it.
    for (index, (reach, beyond)) in Self.reaches.enumerated()
    where 2 * beyond * peak <= 1e-12 * densityFloor {
      guard let panels = panels(level: index, around: s / noise) else { return nil }
      var sums = Sums()
      for panel in panels {
        let fine = evaluate(panel.fine, at: s)
        let coarse = evaluate(panel.coarse, at: s)
        sums.density += fine.density
        sums.tail += fine.tail
        sums.densityError += abs(fine.density - coarse.density)
        sums.tailError += abs(fine.tail - coarse.tail)
      }
      let density = sums.density / scale
      let tail = sums.tail * noise / scale + carrier.survival((s + noise * reach) / scale)
      let tolerance = Self.relativeTolerance
      guard density > 0, tail > 0,
        sums.densityError / scale <= tolerance * density,
        sums.tailError * noise / scale <= tolerance * tail,
        2 * beyond * peak <= 1e-12 * density
      else { return nil }
      if beyond <= 1e-12 * tail { return (tail, density) }
    }
    return nil
  }

  /// The panels over [−L, L] (L = `reaches[level]`) for the singularity at y = `centre` ± i
  /// `strip`: the panels for φ, each halved while the singularity lies inside its Bernstein
  /// ellipse of parameter 3 (`Panel.isClear`); `nil` beyond `panelLimit` panels, before any node
  /// is made.
  private func panels(level: Int, around centre: Double) -> [Panel]? {
    let base = Self.levels[level]
    guard base.contains(where: { !Panel.isClear(from: $0.lower, to: $0.upper, of: centre, strip) })
    else { return base }
    var ends: [(lower: Double, upper: Double, base: Panel?)] = []
    func visit(_ lower: Double, _ upper: Double, _ base: Panel?) -> Bool {
      if Panel.isClear(from: lower, to: upper, of: centre, strip) {
        ends.append((lower, upper, base))
        return ends.count <= Self.panelLimit
      }
      let middle = 0.5 * (lower + upper)
      return visit(lower, middle, nil) && visit(middle, upper, nil)
    }
    for panel in base {
      guard visit(panel.lower, panel.upper, panel) else { return nil }
    }
    return ends.map { $0.base ?? Self.halved(from: $0.lower, to: $0.upper) }
  }

  /// The halved panels made so far, by their ends (dyadic parts of the panels for φ, so passes at
  /// nearby s meet the same ones; a best-of-n at n = 1000 on the t(3) model makes some 600 of
  /// them otherwise, a normal tail and density at each of 40 nodes each, half its cost).
  private static let halvedPanels = Mutex<[Ends: Panel]>([:])

  /// At most this many halved panels are kept (each holds 40 nodes).
  private static let halvedLimit = 4096

  /// The halved panel [lower, upper], made once.
  private static func halved(from lower: Double, to upper: Double) -> Panel {
    let ends = Ends(lower: lower, upper: upper)
    if let known = halvedPanels.withLock({ $0[ends] }) { return known }
    let panel = Panel(from: lower, to: upper)
    halvedPanels.withLock { panels in
      if panels.count < halvedLimit { panels[ends] = panel }
    }
    return panel
  }

  /// A panel's ends, as a key.
  private struct Ends: Hashable {
    let lower: Double
    let upper: Double
  }

  /// Σ w φ(y) g and Σ w Φ̄(y) g over one rule's nodes y, with g = A's standard density at
  /// (s − σ_B y)/σ_A.
  private func evaluate(_ nodes: Nodes, at s: Double) -> (density: Double, tail: Double) {
    var density = 0.0
    var tail = 0.0
    for index in nodes.points.indices {
      let g = carrier.density((s - noise * nodes.points[index]) / carrier.scale)
      density += nodes.densityWeights[index] * g
      tail += nodes.tailWeights[index] * g
    }
    return (density, tail)
  }

  /// The running sums of a pass.
  private struct Sums {
    var density = 0.0
    var tail = 0.0
    var densityError = 0.0
    var tailError = 0.0
  }

  /// One rule's nodes y on a panel, with the weights w φ(y) and w Φ̄(y).
  private struct Nodes {
    let points: [Double]
    let densityWeights: [Double]
    let tailWeights: [Double]

    init(_ rule: GaussLegendreRule, from lower: Double, to upper: Double) {
      let nodes = rule.points(from: lower, to: upper)
      points = nodes.map(\.point)
      densityWeights = nodes.map { $0.weight * StandardNormal.density($0.point) }
      tailWeights = nodes.map { $0.weight * StandardNormal.survival($0.point) }
    }
  }

  /// A panel [lower, upper] of y with both rules' nodes (a class: passes share the fixed ones).
  private final class Panel: Sendable {
    let lower: Double
    let upper: Double
    let fine: Nodes
    let coarse: Nodes

    init(from lower: Double, to upper: Double) {
      self.lower = lower
      self.upper = upper
      fine = Nodes(NormalKernelQuadrature.fine, from: lower, to: upper)
      coarse = Nodes(NormalKernelQuadrature.coarse, from: lower, to: upper)
    }

    /// Whether the singularities at y = centre ± i `strip` lie outside the Bernstein ellipse of
    /// parameter 3 of [lower, upper] (ρ = |w ± √(w² − 1)|, the larger, with w the point mapped to
    /// [−1, 1]).
    static func isClear(from lower: Double, to upper: Double, of centre: Double, _ strip: Double)
      -> Bool
    {
      let half = 0.5 * (upper - lower)
      let x = (centre - 0.5 * (lower + upper)) / half
      let y = strip / half
      // w² − 1 and its square root.
      let (p, q) = (x * x - y * y - 1, 2 * x * y)
      let modulus = (p * p + q * q).squareRoot()
      let root = (
        (0.5 * (modulus + p)).squareRoot(), copysign((0.5 * max(0, modulus - p)).squareRoot(), q)
      )
      let plus = ((x + root.0) * (x + root.0) + (y + root.1) * (y + root.1)).squareRoot()
      let minus = ((x - root.0) * (x - root.0) + (y - root.1) * (y - root.1)).squareRoot()
      return max(plus, minus) >= 3
    }
  }
}
