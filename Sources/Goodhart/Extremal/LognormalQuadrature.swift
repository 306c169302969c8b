import Foundation

/// The tail and the density of S = N + W, for N = σ_N Z normal and W a lognormal component, from
/// one pass of fixed Gauss–Legendre rules on the normal kernel's panels (`QuadratureKernel.normal`),
/// over N's variable t or over W's own normal variable v, whichever has its integrands analytic
/// about the panels.
///
/// W = ε σ_W (e^{ε σ v} − 1) with v standard normal, σ the lognormal's shape and ε = +1 for the
/// right orientation, −1 for the left (so W increases with v either way, and is centred at its
/// median, `PersuasionComponent`); its support ends at W = −ε σ_W, where its density g vanishes
/// with all its derivatives but is not analytic.
///
/// **Over N's variable** (`overNormal`), the carrier A = W as in `KernelQuadrature`:
/// f_S(s) = ∫ φ(t) g(x) dt / σ_W and Q_S(s) = Q_W(x(−L)) + (σ_N/σ_W) ∫_{−L}^{L} Φ̄(t) g(x) dt
/// within Φ̄(L) (by parts), with x = (s − σ_N t)/σ_W and T_S = r_W s + (r_N − r_W) σ_N t. W's
/// support end sits at t = (s + ε σ_W)/σ_N; this route is taken at a cut L only where that point is
/// outside every panel's Bernstein ellipse of parameter 3, so that g is analytic about each panel
/// (far in the right tail beside ε = +1, where most of best-of-n's points lie).
///
/// **Over W's variable** (`overLognormal`), elsewhere. With F(v) = Φ̄((s − W(v))/σ_N) and
/// φ_N(v) = φ((s − W(v))/σ_N)/σ_N:
/// - f_S(s) = ∫ φ(v) φ_N(v) dv;
/// - Q_S(s) = ∫ φ(v) F(v) dv = F(−L) + ∫_{−L}^{L} Φ̄(v) W′(v) φ_N(v) dv within Φ̄(L) (by parts on
///   [−L, ∞), with −Φ̄ the antiderivative of φ: what the cut drops above L is in
///   [0, Φ̄(L)(1 − F(L))] and below −L in [−Φ̄(L)(F(−L) − F(−∞)), 0]), where W′ = σ (σ_W + ε W):
///   every term positive, and no tail of N inside the integral;
/// - E[W^k · 1{S ∈ ds}]/ds = ∫ φ(v) W(v)^k φ_N(v) dv for k = 1, 2, and T_S = r_N s + (r_W − r_N) W.
///
/// These integrands are entire in v but change over σ_N / W′(v) at v: |φ_N| grows like
/// e^{(y/δ)²/2} at v₀ + iy, for the point v₀ where W(v₀) = s and δ = σ_N / W′(v₀)
/// (= σ_N / (σ (σ_W + ε s))), and W′ = σ (σ_W + ε W) is steeper still on the side of v₀ where
/// ε W grows. So the kernel's panels are halved (`QuadratureKernel.panels`, up to 40 panels) as
/// for a singularity at v₀ ± 2iδ, and, where |s − W| < 9 σ_N on a panel, until the panel's
/// ellipse stays within 4 σ_N / W′ of the line (measured: 3δ or 5δ at v₀ alone made more panels
/// or declines; the second rule took a left lognormal σ = 0.5 beside a narrower normal part from
/// 67.7M instructions to 46.0M on its first best-of-1000, and the right σ = 1 model of the
/// benchmark from 18.4M to 19.3M; at 2 σ_N / W′, 21.8M).
///
/// Either way the truth numerator and the square numerator about any t follow from the same nodes
/// (`KernelTruthMoments`, with T_S = r s + U for the carrier's r and U = d t or d W). The cut L is
/// the least of the kernel's (10, 14, 20, 28, 37) for which what lies beyond it is within 10^−12
/// of each result, by bounds: Φ̄(L) for the tail; over t, 2 Φ̄(L), 2 φ(L) and 2 (L φ(L) + Φ̄(L))
/// times g's largest value e^{σ²/2}/(σ √(2π)) / σ_W for the density and its products with |t| and
/// t²; over v, Φ̄(L) on each side times the supremum over w of the integrand's factor in w
/// (φ(0)/σ_N; (s φ(0) + σ_N φ(1))/σ_N for |W|, as |w| <= s + |w − s|; (2 s² φ(0) + 4 σ_N² φ(√2))/σ_N
/// for W²). Each panel takes the 24- and the 16-point rule, and the sum of their differences must
/// be within 10^−10 of each result, or the pass declines (`nil`) and `Convolution`'s adaptive
/// quadrature answers.
///
/// A class, so that copies of the `Convolution` holding it copy one reference: as a struct, its two
/// components' copies cost two Laplace parts, which never use it, 1.4 % on their first best-of-n
/// (124.3M → 126.0M instructions).
final class LognormalQuadrature: Sendable {
  /// N: the normal component.
  let normal: PersuasionComponent
  /// W: the lognormal component.
  let lognormal: PersuasionComponent
  /// σ: the lognormal's shape.
  private let shape: Double
  /// ε: +1 for the right orientation, −1 for the left.
  private let orientation: Double
  /// ε m: the raw lognormal's median that W is centred at (1).
  private let median: Double
  /// Σ |r_k| σ_k: the scale of the truth S carries.
  private let truthSize: Double
  /// The largest value of W's standard density (`peakDensity(shape:)`).
  private let peakDensity: Double

  /// The kernel of v, W's normal variable.
  private var kernel: QuadratureKernel { .normal }

  /// The most panels a pass may use (the adaptive route costs more than this many).
  static let panelLimit = 40

  /// The quadrature for S = `first` + `second` when one is normal and the other lognormal (`nil`
  /// otherwise).
  init?(_ first: PersuasionComponent, _ second: PersuasionComponent) {
    let (n, w) = first.law.family == .normal ? (first, second) : (second, first)
    guard n.law.family == .normal, case .lognormal(let sigma, _) = w.law.family else { return nil }
    let sign: Double = w.law.mirrored ? -1 : 1
    // W = σ_W (Y − m) with Y = ε e^{ε σ v} and m its centre (ε times the median 1).
    guard sign * w.centre > 0 else { return nil }
    normal = n
    lognormal = w
    shape = sigma
    orientation = sign
    median = sign * w.centre
    truthSize = abs(n.truthRatio) * n.scale + abs(w.truthRatio) * w.scale
    peakDensity = Self.peakDensity(shape: sigma)
  }

  /// The relative tolerance of the rules' estimated error.
  static let relativeTolerance = Convolution.relativeTolerance

  /// Q_S(s), f_S(s) and (when `truth`) the truth numerator and square sums for s >= 0, or `nil`
  /// when the pass cannot vouch for the first two (see the type; the numerator is `nil` where its
  /// bound beyond the cut or its error estimate fails at the cut the first two take).
  func values(at s: Double, truth: Bool = true) -> PassValues? {
    pass(at: s, truth: truth)?.values
  }

  /// Whether the pass at s reads its sums over N's variable (`nil` where it declines).
  func readsOverNormal(at s: Double) -> Bool? { pass(at: s, truth: true)?.overNormal }

  /// `values`, with the variable the pass read its sums over.
  private func pass(at s: Double, truth: Bool) -> (values: PassValues, overNormal: Bool)? {
    guard s >= 0, s.isFinite else { return nil }
    let floor = Convolution.densityLowerBound(normal, lognormal, at: s)
    for index in kernel.reaches.indices {
      let frame = frame(level: index, at: s)
      guard frame.densityBeyond <= 1e-12 * floor else { continue }
      guard let panels = frame.overNormal ? kernel.levels[index] : panels(level: index, at: s)
      else { return nil }
      let sums = sums(over: panels, at: s, overNormal: frame.overNormal, truth: truth)
      guard let (density, tail) = results(sums, frame) else { return nil }
      let scale = frame.divisor
      let tolerance = Self.relativeTolerance
      let beyond = kernel.reaches[index].beyond
      guard frame.densityBeyond <= 1e-12 * density, beyond <= 1e-12 * tail else { continue }
      guard truth else {
        let values = PassValues(tail: tail, density: density, truthNumerator: nil, truthMoments: nil)
        return (values, frame.overNormal)
      }
      let (ratio, spread) = (frame.levelRatio, frame.spread)
      let (level, moment) = (ratio * s * density, spread * sums.value.moment / scale)
      let numerator = level + moment
      let error =
        abs(ratio) * s * sums.error.density / scale + abs(spread) * sums.error.moment / scale
        + 1e-15 * (abs(level) + abs(moment))
      let numeratorFloor = 1e-13 * truthSize * floor
      let numeratorBeyond = abs(ratio) * s * frame.densityBeyond + abs(spread) * frame.firstBeyond
      let vouched =
        numeratorBeyond <= max(numeratorFloor, 1e-12 * abs(numerator))
        && error <= max(tolerance * abs(numerator), numeratorFloor)
      let spreadSums = KernelTruthMoments.SpreadSums(
        first: moment, second: spread * spread * sums.value.square / scale,
        firstError: abs(spread) * sums.error.moment / scale,
        secondError: spread * spread * sums.error.square / scale,
        firstTruncation: abs(spread) * frame.firstBeyond,
        secondTruncation: spread * spread * frame.secondBeyond)
      let moments = KernelTruthMoments(
        level: ratio * s, spreadSums: spreadSums, density: density,
        densityError: sums.error.density / scale, densityTruncation: frame.densityBeyond,
        proportional: spread == 0,
        fixedBeyond: 3 * (ratio * ratio * s * s * frame.densityBeyond + spread * spread * frame.secondBeyond),
        beyondPerSquare: 3 * frame.densityBeyond, sizeSquared: truthSize * truthSize,
        densityFloor: floor)
      let values = PassValues(
        tail: tail, density: density, truthNumerator: vouched ? numerator : nil,
        truthMoments: moments)
      return (values, frame.overNormal)
    }
    return nil
  }

  /// The sums of the 24- and 16-point rules over `panels` (see `overNormal`, `overLognormal`).
  private func sums(over panels: [KernelPanel], at s: Double, overNormal: Bool, truth: Bool) -> Sums {
    var sums = Sums()
    for panel in panels {
      // The route and `truth` are literals at each inlined call (no branch per node for them).
      let (fine, coarse) =
        switch (overNormal, truth) {
        case (true, true):
          (self.overNormal(panel.fine, at: s, truth: true), self.overNormal(panel.coarse, at: s, truth: true))
        case (true, false):
          (self.overNormal(panel.fine, at: s, truth: false), self.overNormal(panel.coarse, at: s, truth: false))
        case (false, true):
          (overLognormal(panel.fine, at: s, truth: true), overLognormal(panel.coarse, at: s, truth: true))
        case (false, false):
          (overLognormal(panel.fine, at: s, truth: false), overLognormal(panel.coarse, at: s, truth: false))
        }
      sums.add(fine, coarse)
    }
    return sums
  }

  /// f_S(s) and Q_S(s) from a pass's sums, or `nil` unless both are positive and the rules'
  /// estimated error of each is within `relativeTolerance` of it.
  private func results(_ sums: Sums, _ frame: Frame) -> (density: Double, tail: Double)? {
    let density = sums.value.density / frame.divisor
    let tail = sums.value.tail * frame.tailFactor + frame.tailBoundary
    let tolerance = Self.relativeTolerance
    guard density > 0, tail > 0, sums.error.density / frame.divisor <= tolerance * density,
      sums.error.tail * frame.tailFactor <= tolerance * tail
    else { return nil }
    return (density, tail)
  }

  /// How a pass at s with the cut number `level` reads its sums (see `Frame`): over N's variable
  /// where W's density is analytic about every panel of that cut, else over W's.
  private func frame(level: Int, at s: Double) -> Frame {
    let (reach, beyond) = kernel.reaches[level]
    let (sigmaN, sigmaW) = (normal.scale, lognormal.scale)
    let (ratioN, ratioW) = (normal.truthRatio, lognormal.truthRatio)
    // W's density at s − σ_N t is singular where W's support ends, at t = (s + ε σ_W)/σ_N.
    let end = (s + orientation * sigmaW * median) / sigmaN
    if abs(end) >= Self.clearReaches[level] {
      let peak = peakDensity / sigmaW
      let moments = kernel.reachMoments[level]
      return Frame(
        overNormal: true, divisor: sigmaW, tailFactor: sigmaN / sigmaW,
        tailBoundary: lognormal.survival((s + sigmaN * reach) / sigmaW), levelRatio: ratioW,
        spread: (ratioN - ratioW) * sigmaN, densityBeyond: 2 * beyond * peak,
        firstBeyond: 2 * moments.first * peak, secondBeyond: 2 * moments.second * peak)
    }
    let peak = StandardNormal.density(0) / sigmaN
    return Frame(
      overNormal: false, divisor: sigmaN, tailFactor: 1 / sigmaN,
      tailBoundary: StandardNormal.survival((s - displacement(-reach)) / sigmaN),
      levelRatio: ratioN, spread: ratioW - ratioN, densityBeyond: 2 * beyond * peak,
      firstBeyond: 2 * beyond * (s * peak + StandardNormal.density(1)),
      secondBeyond:
        2 * beyond * (2 * s * s * peak + 4 * sigmaN * StandardNormal.density(2.0.squareRoot())))
  }

  /// For each cut of the normal kernel, the least |t| of a point on the line outside every one
  /// of its panels' Bernstein ellipses of parameter 3 (`KernelPanel.isClear`,
  /// `KernelPanel.ellipseSemiAxes`).
  private static let clearReaches: [Double] = QuadratureKernel.normal.levels.map { panels in
    panels.map { (panel: KernelPanel) -> Double in
      let (centre, half) = (0.5 * (panel.lower + panel.upper), 0.5 * (panel.upper - panel.lower))
      return abs(centre) + KernelPanel.ellipseSemiAxes(half: half).along
    }.max() ?? 0
  }

  /// The largest value of the standard lognormal density, at its mode e^{−σ²}: e^{σ²/2}/(σ √(2π)).
  static func peakDensity(shape sigma: Double) -> Double {
    exp(0.5 * sigma * sigma) * StandardNormal.inverseSqrtTwoPi / sigma
  }

  /// N(s) = E[T_S · 1{S ∈ ds}]/ds for s >= 0 from one pass (`nil` where it cannot vouch).
  func truthNumerator(at s: Double) -> Double? { values(at: s)?.truthNumerator }

  /// E[(T_S − t)² · 1{S ∈ ds}]/ds for s >= 0 from one pass (`nil` where it cannot vouch).
  func truthSquareNumerator(at s: Double, about t: Double) -> Double? {
    values(at: s)?.truthMoments?.squareNumerator(about: t)
  }

  /// W at v: ε σ_W (e^{ε σ v} − m).
  private func displacement(_ v: Double) -> Double {
    orientation * lognormal.scale * (exp(orientation * shape * v) - median)
  }

  /// The panels over [−L, L] for the cut number `level` at s, over W's variable: the kernel's,
  /// halved (1) about v₀ (W(v₀) = s) as for a singularity 2δ off the line where W reaches s, and
  /// (2) wherever |z| = |s − W|/σ_N < 9 somewhere on a panel, until its Bernstein ellipse of
  /// parameter 3 (semi-axis 2/3 of its width off the line) stays within 4 σ_N / W′ of it, W′ at
  /// its steepest point in that window (see the type). `nil` beyond `panelLimit`.
  private func panels(level: Int, at s: Double) -> [KernelPanel]? {
    let (sigmaN, sigmaW) = (normal.scale, lognormal.scale)
    let grown = median + orientation * s / sigmaW
    let bump =
      grown > 0
      ? ComplexSingularity(
        centre: orientation * log(grown) / shape, strip: 2 * sigmaN / (shape * sigmaW * grown))
      : nil
    return kernel.panels(
      level: level, limit: Self.panelLimit,
      criterion: Criterion(pass: self, s: s, bump: bump))
  }

  /// The panels' criterion over W's variable (see `panels`).
  private struct Criterion: PanelCriterion {
    let pass: LognormalQuadrature
    let s: Double
    let bump: ComplexSingularity?

    func isClear(from lower: Double, to upper: Double) -> Bool {
      if let bump, !bump.isClear(from: lower, to: upper) { return false }
      let (sigmaN, sigmaW) = (pass.normal.scale, pass.lognormal.scale)
      let window = (lower: s - 9 * sigmaN, upper: s + 9 * sigmaN)
      let (low, high) = (pass.displacement(lower), pass.displacement(upper))
      guard low < window.upper, high > window.lower else { return true }
      // W′ = σ (ε W + σ_W m) is steepest where ε W is largest on the panel's part in the window.
      let orientation = pass.orientation
      let extreme = orientation > 0 ? min(high, window.upper) : max(low, window.lower)
      let slope = pass.shape * (orientation * extreme + sigmaW * pass.median)
      let across = KernelPanel.ellipseSemiAxes(half: 0.5 * (upper - lower)).across
      return across * slope <= 4 * sigmaN
    }
  }

  /// Over W's variable: Σ w φ(v) φ(z), Σ w Φ̄(v) W′(v) φ(z), and with `truth` Σ w φ(v) W φ(z) and
  /// Σ w φ(v) W² φ(z) over one rule's nodes v, with z = (s − W(v))/σ_N. Inlined, with `truth` a
  /// literal at each call, so that the loop carries no branch per node for it.
  @inline(__always)
  private func overLognormal(_ nodes: KernelPanel.Nodes, at s: Double, truth: Bool) -> Values {
    var values = Values()
    let (scale, spread, sign) = (lognormal.scale, shape * orientation, orientation)
    let (inverse, slope) = (1 / normal.scale, shape * lognormal.scale)
    for index in nodes.points.indices {
      // e^{ε σ v}, not expm1: W's absolute rounding near v = 0 stays an ulp of σ_W.
      let grown = exp(spread * nodes.points[index])
      let w = sign * scale * (grown - median)
      // φ(z) without `StandardNormal.density`'s exact square: its relative error z² 10^−16 is
      // below 2 × 10^−13 wherever φ(z) is a normal number.
      let z = (s - w) * inverse
      let k = StandardNormal.inverseSqrtTwoPi * exp(-0.5 * z * z)
      let weighted = nodes.densityWeights[index] * k
      values.density += weighted
      values.tail += nodes.tailWeights[index] * slope * grown * k
      if truth {
        values.moment += weighted * w
        values.square += weighted * w * w
      }
    }
    return values
  }

  /// Over N's variable: Σ w φ(t) g(x), Σ w Φ̄(t) g(x), and with `truth` Σ w φ(t) t g(x) and
  /// Σ w φ(t) t² g(x) over one rule's nodes t, with g W's standard density and x = (s − σ_N t)/σ_W
  /// (positive raw argument 1 + ε x at every node: the route is taken only where W's support
  /// end is clear of the panels).
  @inline(__always)
  private func overNormal(_ nodes: KernelPanel.Nodes, at s: Double, truth: Bool) -> Values {
    var values = Values()
    let (sign, step) = (orientation, normal.scale / lognormal.scale)
    let start = s / lognormal.scale
    let (inverseVariance, normaliser) = (1 / (shape * shape), StandardNormal.inverseSqrtTwoPi / shape)
    for index in nodes.points.indices {
      let t = nodes.points[index]
      let raw = median + sign * (start - step * t)
      let logarithm = log(raw)
      let g = normaliser * exp(-0.5 * logarithm * logarithm * inverseVariance) / raw
      let weighted = nodes.densityWeights[index] * g
      values.density += weighted
      values.tail += nodes.tailWeights[index] * g
      if truth {
        values.moment += weighted * t
        values.square += weighted * t * t
      }
    }
    return values
  }

  /// How a pass reads its sums: over N's variable t (`overNormal`: A = W the carrier, f_S =
  /// Σ/σ_W, Q_S = (σ_N/σ_W) Σ + Q_W((s + σ_N L)/σ_W), T_S = r_W s + (r_N − r_W) σ_N t), or over W's
  /// (`overLognormal`: f_S = Σ/σ_N, Q_S = Σ/σ_N + F(−L), T_S = r_N s + (r_W − r_N) W), with the
  /// bounds of what the cut drops from the density's integrand and from its products with |U| and
  /// U² per unit of the spread (U = t or W).
  private struct Frame {
    /// Whether the pass runs over N's variable.
    let overNormal: Bool
    /// The density sum's divisor.
    let divisor: Double
    /// The tail sum's factor.
    let tailFactor: Double
    /// The tail's term in closed form.
    let tailBoundary: Double
    /// The truth ratio of the carrier, whose r s is T_S's level.
    let levelRatio: Double
    /// The coefficient of U in T_S.
    let spread: Double
    /// A bound of what the cut drops from f_S.
    let densityBeyond: Double
    /// A bound of what the cut drops from E[|U| · 1{S ∈ ds}]/ds per unit of the spread.
    let firstBeyond: Double
    /// The same for U².
    let secondBeyond: Double
  }

  /// One rule's sums over a panel, or their running totals.
  private struct Values {
    var density = 0.0
    var tail = 0.0
    var moment = 0.0
    var square = 0.0
  }

  /// The running sums of a pass: the fine rule's values and the sums of the two rules'
  /// differences.
  private struct Sums {
    var value = Values()
    var error = Values()

    mutating func add(_ fine: Values, _ coarse: Values) {
      value.density += fine.density
      value.tail += fine.tail
      value.moment += fine.moment
      value.square += fine.square
      error.density += abs(fine.density - coarse.density)
      error.tail += abs(fine.tail - coarse.tail)
      error.moment += abs(fine.moment - coarse.moment)
      error.square += abs(fine.square - coarse.square)
    }
  }
}
