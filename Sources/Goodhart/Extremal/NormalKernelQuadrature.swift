import Foundation

/// The tail and the density of S = A + B, with B ~ N(0, σ_B²) and A = σ_A X for a law X whose
/// density g is analytic in a strip about the real line (`PersuasionComponent.analyticStripHalfWidth`:
/// Student-t, Cauchy, logistic), both from one pass of fixed Gauss–Legendre rules over B's
/// standard variable y (S = σ_A X + σ_B y), reading g at the same nodes:
/// - f_S(s) = ∫ φ(y) g((s − σ_B y)/σ_A) dy / σ_A,
/// - Q_S(s) = ∫ φ(y) Q_X((s − σ_B y)/σ_A) dy = (σ_B/σ_A) ∫ Φ̄(y) g((s − σ_B y)/σ_A) dy (by parts;
///   the boundary terms vanish), so no tail of X is needed inside the integral.
///
/// The line is cut at y = ±L, the least of 10, 14, 20, 28, 37 for which what lies beyond is below
/// 10^−12 of each result, by bounds, not estimates: beyond +L the tail's integrand adds at most
/// Φ̄(L) and the density's at most Φ̄(L) g(0)/σ_A (g is unimodal at 0); below −L the density's adds
/// at most Φ̄(L) g(0)/σ_A, and the tail's is Q_X((s + σ_B L)/σ_A) (added) less at most Φ(−L) of it.
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
/// each of the two.
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

  /// The panels for φ, each with both rules' nodes and weights.
  private static let panels: [Panel] = {
    let cuts: [Double] = [-37, -28, -20, -14, -10, -5, 0, 5, 10, 14, 20, 28, 37]
    return zip(cuts, cuts.dropFirst()).map { Panel(from: $0, to: $1) }
  }()

  /// The 24-point rule, whose values are returned.
  private static let fine = GaussLegendreRule(points: 24)
  /// The 16-point rule, whose difference from `fine` is the error estimate.
  private static let coarse = GaussLegendreRule(points: 16)

  /// The most panels a pass may use (the singularity within a hair of the line needs halving
  /// about log₂(5/a) times on each side of it).
  private static let panelLimit = 96

  /// (Q_S(s), f_S(s)) for s >= 0, or `nil` when the pass cannot vouch for them (see the type).
  func values(at s: Double) -> (tail: Double, density: Double)? {
    guard s >= 0, s.isFinite else { return nil }
    let scale = carrier.scale
    let normalDensity = StandardNormal.density((s + scale) / noise) / noise
    let densityFloor = max(
      0.682_689_492_137_085_9 * carrier.density((s + noise) / scale) / scale, inner * normalDensity)
    let tailFloor = 0.5 * max(carrier.survival(s / scale), StandardNormal.survival(s / noise))
    guard
      let (reach, beyond) = Self.reaches.first(where: {
        $0.beyond <= 1e-12 * tailFloor && 2 * $0.beyond * peak <= 1e-12 * densityFloor
      })
    else { return nil }
    var sums = Sums()
    var count = 0
    for panel in Self.panels where panel.lower >= -reach && panel.upper <= reach {
      guard add(panel, at: s, to: &sums, count: &count) else { return nil }
    }
    let density = sums.density / scale
    let tail = sums.tail * noise / scale + carrier.survival((s + noise * reach) / scale)
    let tolerance = Self.relativeTolerance
    guard density > 0, tail > 0,
      sums.densityError / scale <= tolerance * density,
      sums.tailError * noise / scale <= tolerance * tail,
      beyond <= 1e-12 * tail, 2 * beyond * peak <= 1e-12 * density
    else { return nil }
    return (tail, density)
  }

  /// Adds `panel`'s integrals at s to `sums`, halving it while the integrands' singularity lies
  /// inside its Bernstein ellipse of parameter 3; false once `panelLimit` panels would be passed.
  private func add(_ panel: Panel, at s: Double, to sums: inout Sums, count: inout Int) -> Bool {
    if panel.reaches(around: s / noise, strip) {
      count += 1
      guard count <= Self.panelLimit else { return false }
      let fine = evaluate(panel.fine, at: s)
      let coarse = evaluate(panel.coarse, at: s)
      sums.density += fine.density
      sums.tail += fine.tail
      sums.densityError += abs(fine.density - coarse.density)
      sums.tailError += abs(fine.tail - coarse.tail)
      return true
    }
    let middle = 0.5 * (panel.lower + panel.upper)
    return add(Panel(from: panel.lower, to: middle), at: s, to: &sums, count: &count)
      && add(Panel(from: middle, to: panel.upper), at: s, to: &sums, count: &count)
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

  /// A panel [lower, upper] of y with both rules' nodes.
  private struct Panel {
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

    /// Whether the singularities at y = centre ± i `strip` lie outside the panel's Bernstein
    /// ellipse of parameter 3 (ρ = |w ± √(w² − 1)|, the larger, with w the point mapped to
    /// [−1, 1]).
    func reaches(around centre: Double, _ strip: Double) -> Bool {
      let half = 0.5 * (upper - lower)
      let x = (centre - 0.5 * (lower + upper)) / half
      let y = strip / half
      // w² − 1 and its square root.
      let (p, q) = (x * x - y * y - 1, 2 * x * y)
      let modulus = (p * p + q * q).squareRoot()
      let root = ((0.5 * (modulus + p)).squareRoot(), copysign((0.5 * max(0, modulus - p)).squareRoot(), q))
      let plus = ((x + root.0) * (x + root.0) + (y + root.1) * (y + root.1)).squareRoot()
      let minus = ((x - root.0) * (x - root.0) + (y - root.1) * (y - root.1)).squareRoot()
      return max(plus, minus) >= 3
    }
  }
}
