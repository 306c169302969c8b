import Foundation
import Synchronization

/// The tail and the density of S = A + B, with B = σ_B Y for Y normal, Laplace, or normal-Laplace
/// (a normal part N and a Laplace part L together, σ_B the Laplace scale: `NormalLaplaceLaw`)
/// (`QuadratureKernel`) and A = σ_A X for a law X whose density g is analytic in a strip about the
/// real line (`PersuasionComponent.analyticStripHalfWidth`: Student-t, Cauchy, logistic) or, beside
/// a Laplace B, normal (entire; its panels resolve it as a strip of half-width 3) or Laplace (its
/// corner, at y = s/σ_B, a panel end; each side entire and resolved likewise), both from
/// one pass of fixed Gauss–Legendre rules over Y's variable y (S = σ_A X + σ_B y), reading g at the
/// same nodes:
/// - f_S(s) = ∫ f_Y(y) g((s − σ_B y)/σ_A) dy / σ_A,
/// - Q_S(s) = ∫ f_Y(y) Q_X((s − σ_B y)/σ_A) dy = (σ_B/σ_A) ∫ Q_Y(y) g((s − σ_B y)/σ_A) dy (by
///   parts; the boundary terms vanish), so no tail of X is needed inside the integral.
///
/// The line is cut at y = −L₋ and y = L₊, on each side the least of the kernel's cuts (normal: 10,
/// 14, 20, 28, 37; Laplace: 6, 14, 24, 37, 55, 80, 120, 180) for which what lies beyond is below
/// half of 10^−12 of each result (the density's bound, on a lower bound of f_S(s), picks it, with
/// the truth's where a cut can meet them; the tail's is checked on the result, and a wider cut
/// taken on a side where it fails), by bounds, not estimates (`CutBounds`). With
/// x(y) = (s − σ_B y)/σ_A and g symmetric and unimodal at 0, the density drops at most Q_Y(L₊)
/// times sup g/σ_A over y >= L₊ (g(0)/σ_A, or g(x(L₊))/σ_A while s < σ_B L₊, since
/// x <= x(L₊) < 0 there) plus Q_Y(L₋) g(x(−L₋))/σ_A (x >= x(−L₋) > 0 below −L₋), and likewise
/// with the weights of the truth's moments, so a side where the carrier has fallen far is cut
/// close in. The tail is taken as Q_X(x(−L₋)) plus the panels' integral; by parts over
/// [−L₋, L₊], the exact tail is that plus
/// ∫_{y<−L₋} f_Y Q_X dy − Q_Y(L₋) Q_X(x(−L₋)), in [−Q_Y(L₋) Q_X(x(−L₋)), 0] (Q_X(x(y)) <=
/// Q_X(x(−L₋)) there; Y is symmetric), plus ∫_{y>L₊} f_Y Q_X dy − Q_Y(L₊) Q_X(x(L₊)), in
/// [0, Q_Y(L₊) F_X(x(L₊))], so it is off by at most the larger of Q_Y(L₋) Q_X(x(−L₋)) and
/// Q_Y(L₊) F_X(x(L₊)).
/// Inside, the kernel's panels suit f_Y (`QuadratureKernel`); one is halved while the singularity
/// nearest to the real line of the integrands, at y = (s ± i a σ_A)/σ_B, lies inside its Bernstein
/// ellipse of parameter 3 (Gauss–Legendre converges like ρ^{−2N} for a function analytic inside
/// the ellipse E_ρ), so the panels close in on it only where s/σ_B puts it among them. The Laplace
/// density's corner at y = 0 is a panel end.
///
/// Each panel takes the 24- and the 16-point rule; the sum over panels of their differences,
/// an estimate of the 16-point rule's error and so a generous one of the 24-point rule's, must be
/// within 10^−10 of each result (the tolerance of `Convolution`'s inner integrals), and the bounds
/// above within 10^−12, or the pass declines (`nil`) and `Convolution`'s adaptive quadrature
/// answers. A pass costs about 40 evaluations of g per panel, four to six panels for most s beside
/// a normal part and eight to twelve beside a Laplace one, where the adaptive route takes some 300
/// evaluations of a density and a tail for each of the two half-lines; where it would need more
/// than the kernel's limit of panels (beside a normal part, the other part ten times narrower, at
/// s where its singularity is among them) it declines before evaluating.
///
/// The same nodes give the truth numerator N(s) = E[T_S · 1{S ∈ ds}]/ds (`values`), and passes of
/// their own give it and E[(T_S − t)² · 1{S ∈ ds}]/ds (`truthNumerator`, `truthSquareNumerator`),
/// each vouched for by its own bound beyond the cut and the rules' estimate, or `nil`. Beside a
/// normal-Laplace kernel, where T_S = r_A (s − σ_B y) + r_L (σ_B y − N) + r_N N, the values pass
/// also sums E[N | Y = y] f_Y and E[N² | Y = y] f_Y (Stein's identity, `NormalLaplaceLaw`) and
/// y E[N | Y = y] f_Y; the passes of their own decline there.
struct KernelQuadrature: Sendable {
  /// A: the component whose density is smoothed.
  let carrier: PersuasionComponent
  /// B: the normal or Laplace component (the Laplace one of a normal-Laplace kernel).
  let part: PersuasionComponent
  /// Whether B is a normal-Laplace kernel's Laplace part, beside a normal one.
  let hasNormalPart: Bool
  /// Y's law, panels and cuts.
  let kernel: QuadratureKernel
  /// σ_B: the kernel component's scale (the Laplace one's for a normal-Laplace kernel).
  let noise: Double
  /// g(0)/σ_A: the largest value of A's density.
  private let largest: Double
  /// The half-width in y of the strip where the integrands are analytic: a σ_A/σ_B (for a normal
  /// carrier, which is entire, the width its panels resolve: `normalCarrierWidth`).
  let strip: Double
  /// P(|X| <= 1).
  private let inner: Double
  /// d = (r_B − r_A) σ_B and e = (r_N − r_B) σ_B (0 without a normal part): T_S = r_A s + d y + e m
  /// at Y = y with the normal part N = σ_B m.
  private let spreads: (spread: Double, normal: Double)
  /// Σ |r_k| σ_k: the scale of the truth S carries.
  private let truthSize: Double

  /// The quadrature for S = `first` + `second` when one of them is normal or Laplace and the
  /// other's density is analytic in a strip, or one is Laplace and the other normal or Laplace
  /// (carried over the Laplace variable, whose corner is a panel end: `normalCarrierWidth`,
  /// `hasCorner`); `nil` otherwise.
  init?(_ first: PersuasionComponent, _ second: PersuasionComponent) {
    let (a, b) = first.analyticStripHalfWidth == nil ? (second, first) : (first, second)
    if let kernel = QuadratureKernel.of(b.law.family), let width = a.analyticStripHalfWidth {
      self.init(carrier: a, part: b, normalPart: nil, kernel: kernel, strip: width)
      return
    }
    let families = (first.law.family, second.law.family)
    switch families {
    case (.normal, .laplace), (.laplace, .normal):
      let (normal, laplace) = families.0 == .normal ? (first, second) : (second, first)
      let width = normal.scale / laplace.scale
      self.init(
        carrier: normal, part: laplace, normalPart: nil, kernel: .laplace,
        strip: Self.normalCarrierWidth, shift: width * width)
    case (.laplace, .laplace):
      // The wider one carried: its corner then needs the fewer halvings.
      let (wide, narrow) = first.scale >= second.scale ? (first, second) : (second, first)
      self.init(
        carrier: wide, part: narrow, normalPart: nil, kernel: .laplace,
        strip: Self.normalCarrierWidth)
    default: return nil
    }
  }

  /// The half-width, in the normal carrier's standard variable, that its panels resolve as they
  /// would a singularity that far from the line (φ is entire, but on a panel whose Bernstein
  /// ellipse of parameter 3 reaches 3 across, |φ| grows by e^{4.5} over the line's values: the
  /// 16-point rule's error is then of order 10^−13 of φ's peak times the panel's width, and the
  /// rules' estimate vouches for each pass). Beside the Laplace kernel the integrands' bump sits
  /// not at y₀ = s/σ_B but at y₀ − w², w = σ_A/σ_B (e^{−y} φ((y − y₀)/w) is φ((y − y₀ + w²)/w)
  /// up to a constant for y >= 0), so the panels close in there (`shift`).
  static let normalCarrierWidth = 3.0

  /// w² for a normal carrier (`normalCarrierWidth`), 0 for the others: the panels close in on
  /// y = max(0, s/σ_B − w²).
  private let shift: Double

  /// Whether the carrier is Laplace, whose density has a corner at its centre: at y = s/σ_B the
  /// panels are cut (`panels`), each side then entire, and halved as for a singularity 3 σ_A/σ_B
  /// from the line (`normalCarrierWidth`), so that e^{−|x|} varies by at most some e^{10} on a
  /// panel beside the corner.
  private let hasCorner: Bool

  /// The quadrature for S = W₁ + W₂ + W₃ when one of the three is normal, one Laplace and one
  /// analytic in a strip or a second Laplace one (`nil` otherwise, and where ρ = σ_N/σ_L has no
  /// kernel: `QuadratureKernel.normalLaplace`), over the normal-Laplace law of the first two.
  init?(threeParts components: [PersuasionComponent]) {
    guard components.count == 3,
      let normal = components.first(where: { $0.law.family == .normal })
    else { return nil }
    let laplaces = components.filter { $0.law.family == .laplace }
    if let laplace = laplaces.first,
      let carrier = components.first(where: { $0.law.family != .normal && $0.analyticStripHalfWidth != nil }),
      let width = carrier.analyticStripHalfWidth,
      let kernel = QuadratureKernel.normalLaplace(ratio: normal.scale / laplace.scale)
    {
      self.init(carrier: carrier, part: laplace, normalPart: normal, kernel: kernel, strip: width)
      return
    }
    // Two Laplace parts: one carried (its corner a panel end), the wider where both have kernels.
    guard laplaces.count == 2,
      let (carrier, laplace, kernel) = [(laplaces[0], laplaces[1]), (laplaces[1], laplaces[0])]
        .sorted(by: { $0.0.scale > $1.0.scale })
        .lazy.compactMap({ pair in
          QuadratureKernel.normalLaplace(ratio: normal.scale / pair.1.scale).map { (pair.0, pair.1, $0) }
        }).first
    else { return nil }
    self.init(
      carrier: carrier, part: laplace, normalPart: normal, kernel: kernel,
      strip: Self.normalCarrierWidth)
  }

  /// The quadrature for A = `carrier` (whose density is analytic within `strip` of the line, in
  /// its standard variable) and B = `part` (with `normalPart` in a normal-Laplace `kernel`), the
  /// panels closing in on y = max(0, s/σ_B − `shift`).
  private init(
    carrier a: PersuasionComponent, part b: PersuasionComponent, normalPart: PersuasionComponent?,
    kernel: QuadratureKernel, strip width: Double, shift: Double = 0
  ) {
    self.shift = shift
    carrier = a
    part = b
    hasNormalPart = normalPart != nil
    self.kernel = kernel
    noise = b.scale
    strip = width * a.scale / b.scale
    hasCorner = a.law.family == .laplace
    largest = a.density(0) / a.scale
    inner = 1 - 2 * a.survival(1)
    let ratioB = b.truthRatio
    spreads = ((ratioB - a.truthRatio) * b.scale, ((normalPart?.truthRatio ?? ratioB) - ratioB) * b.scale)
    truthSize =
      abs(a.truthRatio) * a.scale + abs(ratioB) * b.scale
      + (normalPart.map { abs($0.truthRatio) * $0.scale } ?? 0)
  }

  /// The relative tolerance of the rules' estimated error.
  static let relativeTolerance = Convolution.relativeTolerance

  /// Q_S(s), f_S(s) and (when `truth`) the truth numerator and square sums for s >= 0, or `nil`
  /// when the pass cannot vouch for the first two (see the type; the numerator is `nil` where its
  /// own bound, `truthNumerator`, or error estimate fails at the cut the first two take). Without
  /// `truth` the truth sums are skipped and both are `nil`.
  func values(at s: Double, truth: Bool = true) -> PassValues? {
    guard s >= 0, s.isFinite else { return nil }
    let scale = carrier.scale
    let densityFloor = densityFloor(at: s)
    let levels = kernel.reaches.indices
    // On each side the least cut whose bound of what the density drops there is within half of
    // 10^−12 of its lower bound and, with `truth`, the numerator's and the square's (about 0)
    // within half of their floors (below) where such a cut exists; a wider one on a side where
    // the tail's bound, checked on the result, asks for it. (So a pass with the truth may take
    // wider cuts than one without, and its tail and density differ in the last bits.)
    let allowed = 0.5e-12 * densityFloor
    let floors = (
      numerator: 1e-13 * truthSize * densityFloor,
      square: 1e-13 * truthSize * truthSize * densityFloor
    )
    func side(below: Bool, _ level: Int) -> CutBounds {
      CutBounds(
        kernel, carrier: carrier, noise: noise, level: level, below: below, at: s, weighted: truth)
    }
    func clear(below: Bool, _ level: Int, truthBounds: Bool) -> Bool {
      // Without the truth's bounds, g(0)/σ_A first: where it passes, g beyond is not read.
      if !truthBounds && kernel.reaches[level].beyond * largest <= allowed { return true }
      let bounds = side(below: below, level)
      guard bounds.density <= allowed else { return false }
      return !truthBounds
        || (numeratorBeyond(bounds).map { $0 <= 0.5 * floors.numerator } ?? true)
          && (squareBeyond(bounds).map { $0.fixed <= 0.5 * floors.square } ?? true)
    }
    func least(below: Bool) -> Int? {
      (truth ? levels.first { clear(below: below, $0, truthBounds: true) } : nil)
        ?? levels.first { clear(below: below, $0, truthBounds: false) }
    }
    guard var below = least(below: true), var above = least(below: false) else { return nil }
    while true {
      let cuts = CutBounds(side(below: true, below), side(below: false, above))
      guard let panels = panels(below: below, above: above, around: max(0, s / noise - shift))
      else { return nil }
      var sums = Sums()
      // The normal part's sums only where the truth is asked for and e ≠ 0 (`spreads`).
      let (spread, normalSpread) = spreads
      let withNormal = truth && normalSpread != 0
      for panel in panels {
        // `normal` is a literal at each call, so that the inlined loops carry no branch per node
        // for it (one costs the plain loop some 9 %).
        let (fine, coarse) =
          withNormal
          ? (evaluate(panel.fine, at: s, normal: true), evaluate(panel.coarse, at: s, normal: true))
          : (evaluate(panel.fine, at: s, normal: false), evaluate(panel.coarse, at: s, normal: false))
        sums.density += fine.density
        sums.tail += fine.tail
        sums.moment += fine.moment
        sums.square += fine.square
        sums.densityError += abs(fine.density - coarse.density)
        sums.tailError += abs(fine.tail - coarse.tail)
        sums.momentError += abs(fine.moment - coarse.moment)
        sums.squareError += abs(fine.square - coarse.square)
        if withNormal {
          sums.normalFirst += fine.normalFirst
          sums.cross += fine.cross
          sums.normalSecond += fine.normalSecond
          sums.normalFirstError += abs(fine.normalFirst - coarse.normalFirst)
          sums.crossError += abs(fine.cross - coarse.cross)
          sums.normalSecondError += abs(fine.normalSecond - coarse.normalSecond)
        }
      }
      let density = sums.density / scale
      let lowerEnd = (s + noise * kernel.reaches[below].point) / scale
      let tail = sums.tail * noise / scale + carrier.survival(lowerEnd)
      let tolerance = Self.relativeTolerance
      guard density > 0, tail > 0,
        sums.densityError / scale <= tolerance * density,
        sums.tailError * noise / scale <= tolerance * tail,
        cuts.density <= 1e-12 * density
      else { return nil }
      // The tail is off by at most the larger side's bound (see the type): each within 10^−12.
      let (massBelow, massAbove) = (kernel.reaches[below].beyond, kernel.reaches[above].beyond)
      let upperEnd = (s - noise * kernel.reaches[above].point) / scale
      let widenBelow =
        massBelow > 1e-12 * tail && massBelow * carrier.survival(lowerEnd) > 1e-12 * tail
      let widenAbove =
        massAbove > 1e-12 * tail && massAbove * carrier.cdf(upperEnd) > 1e-12 * tail
      if widenBelow || widenAbove {
        guard !widenBelow || below + 1 < levels.endIndex, !widenAbove || above + 1 < levels.endIndex
        else { return nil }
        below += widenBelow ? 1 : 0
        above += widenAbove ? 1 : 0
        continue
      }
      guard truth else {
        return PassValues(tail: tail, density: density, truthNumerator: nil, truthMoments: nil)
      }
      // N(s) = r_A s f_S(s) + d ∫ y f_Y(y) g dy / σ_A + e ∫ E[N | Y = y] f_Y(y) g dy / σ_A
      // (d = (r_B − r_A) σ_B, e = (r_N − r_B) σ_B), with the rules' error of each term and the
      // rounding of their sum (where they cancel, N is taken on its own).
      let ratioA = carrier.truthRatio
      let (first, second) = (ratioA * s * density, spread * sums.moment / scale)
      let third = normalSpread * sums.normalFirst / scale
      let numerator = first + second + third
      let error =
        abs(ratioA) * s * sums.densityError / scale + abs(spread) * sums.momentError / scale
        + abs(normalSpread) * sums.normalFirstError / scale
        + 1e-15 * (abs(first) + abs(second) + abs(third))
      let floor = 1e-13 * truthSize * densityFloor
      let vouched =
        numeratorBeyond(cuts).map { $0 <= max(floor, 1e-12 * abs(numerator)) } == true
        && error <= max(tolerance * abs(numerator), floor)
      let moments = squareBeyond(cuts).map { square in
        KernelTruthMoments(
          level: ratioA * s, spreadSums: spreadSums(sums, cuts: cuts), density: density,
          densityError: sums.densityError / scale, densityTruncation: cuts.density,
          proportional: spread == 0 && normalSpread == 0,
          fixedBeyond: square.fixed, beyondPerSquare: square.perSquare,
          sizeSquared: truthSize * truthSize, densityFloor: densityFloor)
      }
      return PassValues(
        tail: tail, density: density, truthNumerator: vouched ? numerator : nil,
        truthMoments: moments)
    }
  }

  /// N(s) = E[T_S · 1{S ∈ ds}]/ds for s >= 0, T_S = r_A A + r_B B, or `nil` when the pass cannot
  /// vouch for it: ∫ f_Y(y) (r_A (s − σ_B y) + r_B σ_B y) g((s − σ_B y)/σ_A) dy / σ_A. Beyond
  /// ±L the integrand is at most |r_A| sup|x g(x)| f_Y(y) + |r_B| σ_B |y| f_Y(y) g/σ_A, with g/σ_A
  /// bounded on each side (`CutBounds`; `PersuasionComponent.weightedDensityBound`,
  /// `QuadratureKernel.tailMoment`).
  func truthNumerator(at s: Double) -> Double? {
    guard !hasNormalPart else { return nil }
    let (ratioA, ratioB) = (carrier.truthRatio, part.truthRatio)
    return weighted(
      at: s, size: truthSize, weight: { y in ratioA * (s - noise * y) + ratioB * noise * y },
      beyond: { numeratorBeyond($0) ?? .infinity })
  }

  /// E[(d Y + e M) · 1{S ∈ ds}]/ds and E[(d Y + e M)² · 1{S ∈ ds}]/ds (M = N/σ_B) from a pass's
  /// sums, with the rules' error and a bound of what the `cuts` drop from each
  /// (|y E[M | Y = y]| <= (y² + E[M² | Y = y])/2).
  private func spreadSums(_ sums: Sums, cuts: CutBounds) -> KernelTruthMoments.SpreadSums {
    let (d, e) = spreads
    let scale = carrier.scale
    return KernelTruthMoments.SpreadSums(
      first: (d * sums.moment + e * sums.normalFirst) / scale,
      second: (d * d * sums.square + 2 * d * e * sums.cross + e * e * sums.normalSecond) / scale,
      firstError: (abs(d) * sums.momentError + abs(e) * sums.normalFirstError) / scale,
      secondError:
        (d * d * sums.squareError + 2 * abs(d * e) * sums.crossError + e * e * sums.normalSecondError)
        / scale,
      firstTruncation: abs(d) * cuts.first + abs(e) * cuts.normalFirst,
      secondTruncation:
        d * d * cuts.second + abs(d * e) * (cuts.second + cuts.normalSecond) + e * e * cuts.normalSecond)
  }

  /// A bound of the truth numerator's integrand beyond the `cuts` (`truthNumerator`), or `nil`
  /// where sup |x g(x)| beyond them is infinite.
  private func numeratorBeyond(_ cuts: CutBounds) -> Double? {
    guard let moment = cuts.weightedFirst else { return nil }
    return abs(carrier.truthRatio) * moment
      + abs(part.truthRatio) * noise * cuts.first + abs(spreads.normal) * cuts.normalFirst
  }

  /// What the cut numbered `level` drops on both sides at s (`CutBounds`).
  private func cutBounds(level: Int, at s: Double) -> CutBounds {
    let side = { (below: Bool) in
      CutBounds(
        self.kernel, carrier: self.carrier, noise: self.noise, level: level, below: below, at: s)
    }
    return CutBounds(side(true), side(false))
  }

  /// E[(T_S − t)² · 1{S ∈ ds}]/ds for s >= 0 and a fixed t, or `nil` when the pass cannot vouch
  /// for it: the density's integral with the factor (r_A (s − σ_B y) + r_B σ_B y − t)², each
  /// term non-negative. Beyond ±L the factor times g/σ_A is at most three times
  /// r_A² σ_A sup(x² g(x)) + (r_B² σ_B² y² + t²) g/σ_A, with g/σ_A bounded on each side (`CutBounds`).
  func truthSquareNumerator(at s: Double, about t: Double) -> Double? {
    guard !hasNormalPart else { return nil }
    let (ratioA, ratioB) = (carrier.truthRatio, part.truthRatio)
    return weighted(
      at: s, size: truthSize * truthSize + t * t,
      weight: { y in
        let centred = ratioA * (s - noise * y) + ratioB * noise * y - t
        return centred * centred
      },
      beyond: { cuts in squareBeyond(cuts).map { $0.fixed + t * t * $0.perSquare } ?? .infinity })
  }

  /// The bound of the square numerator's integrand beyond the `cuts` (`truthSquareNumerator`),
  /// as fixed + t² perSquare, or `nil` where sup x² g(x) is infinite (with a normal part,
  /// T_S − t has a fourth term, e m, and the factor 3 becomes 4).
  private func squareBeyond(_ cuts: CutBounds) -> (fixed: Double, perSquare: Double)? {
    guard let moment = cuts.weightedSecond else { return nil }
    let (ratioA, ratioB) = (carrier.truthRatio, part.truthRatio)
    let normal = spreads.normal
    let terms: Double = hasNormalPart ? 4 : 3
    return (
      terms
        * (ratioA * ratioA * carrier.scale * moment
          + ratioB * ratioB * noise * noise * cuts.second + normal * normal * cuts.normalSecond),
      terms * cuts.density
    )
  }

  /// ∫ f_Y(y) h(y) g((s − σ_B y)/σ_A) dy / σ_A over [−L, L] for the weight h, with L the least of
  /// the kernel's cuts where `beyond`, a bound of what lies outside, is within 10^−13 `size`
  /// times a lower bound of f_S(s) (the absolute tolerance of `Convolution`'s adaptive route),
  /// and the rules' estimated error within that or 10^−10 of the result; `nil` otherwise.
  private func weighted(
    at s: Double, size: Double, weight: (Double) -> Double, beyond: (CutBounds) -> Double
  ) -> Double? {
    guard s >= 0, s.isFinite else { return nil }
    let floor = 1e-13 * size * densityFloor(at: s)
    guard floor > 0,
      let level = kernel.reaches.indices.first(where: {
        beyond(cutBounds(level: $0, at: s)) <= floor
      }),
      let panels = panels(below: level, above: level, around: max(0, s / noise - shift))
    else { return nil }
    var (value, error) = (0.0, 0.0)
    for panel in panels {
      let fine = evaluate(panel.fine, at: s, weight)
      value += fine
      error += abs(fine - evaluate(panel.coarse, at: s, weight))
    }
    value /= carrier.scale
    error /= carrier.scale
    return error <= max(Self.relativeTolerance * abs(value), floor) ? value : nil
  }

  /// A lower bound of f_S(s), s >= 0: f_S(s) >= P(|Y| <= 1) min_{|y|<=1} f_A(s − σ_B y), and
  /// likewise with A and B swapped (both densities fall away from 0).
  func densityFloor(at s: Double) -> Double {
    max(
      kernel.inner * carrier.density((s + noise) / carrier.scale) / carrier.scale,
      inner * kernel.law.density((s + carrier.scale) / noise) / noise)
  }

  /// The panels over [−L₋, L₊] (the kernel's cuts numbered `below` and `above`) for A's
  /// singularity nearest to the line at y = `centre` ± i `strip` (`QuadratureKernel.panels`),
  /// `nil` beyond the kernel's limit.
  private func panels(below: Int, above: Int, around centre: Double) -> [KernelPanel]? {
    guard
      let panels = kernel.panels(
        below: below, above: above, limit: kernel.panelLimit,
        criterion: ComplexSingularity(centre: centre, strip: strip))
    else { return nil }
    return hasCorner ? split(panels, at: centre) : panels
  }

  /// `panels` with the one that holds y = `corner` inside it (a Laplace carrier's corner) cut
  /// there into two panels made for this pass alone. Kept out of line: inlined, it cost the t(3)
  /// model's first best-of-n 2 %.
  @inline(never)
  private func split(_ panels: [KernelPanel], at corner: Double) -> [KernelPanel] {
    guard let index = panels.firstIndex(where: { $0.lower < corner && corner < $0.upper })
    else { return panels }
    let panel = panels[index]
    var split = panels
    split.replaceSubrange(
      index...index,
      with: [
        KernelPanel(kernel.law, from: panel.lower, to: corner),
        KernelPanel(kernel.law, from: corner, to: panel.upper),
      ])
    return split
  }

  /// Σ w f_Y(y) g, Σ w Q_Y(y) g, Σ w f_Y(y) y g and Σ w f_Y(y) y² g over one rule's nodes y, with
  /// g = A's standard density at (s − σ_B y)/σ_A, and with `normal` (a normal-Laplace kernel)
  /// Σ w E[M | Y = y] f_Y(y) g, Σ w y E[M | Y = y] f_Y(y) g and Σ w E[M² | Y = y] f_Y(y) g
  /// (M = N/σ_B; 0 without). Inlined into the pass: called, it costs the t(3) model's first
  /// best-of-n a fifth more.
  @inline(__always)
  private func evaluate(_ nodes: KernelPanel.Nodes, at s: Double, normal: Bool)
    -> (
      density: Double, tail: Double, moment: Double, square: Double, normalFirst: Double,
      cross: Double, normalSecond: Double
    )
  {
    var density = 0.0
    var tail = 0.0
    var moment = 0.0
    var square = 0.0
    var (normalFirst, cross, normalSecond) = (0.0, 0.0, 0.0)
    // The carrier's law and scale, read once (not the whole component per node).
    let (law, centre, scale) = (carrier.law, carrier.centre, carrier.scale)
    for index in nodes.points.indices {
      let y = nodes.points[index]
      let value = law.density((s - noise * y) / scale + centre)
      let g = value.isFinite ? value : 0
      let weighted = nodes.densityWeights[index] * g
      density += weighted
      tail += nodes.tailWeights[index] * g
      moment += weighted * y
      square += weighted * y * y
      if normal {
        let first = nodes.normalFirstWeights[index] * g
        normalFirst += first
        cross += first * y
        normalSecond += nodes.normalSecondWeights[index] * g
      }
    }
    return (density, tail, moment, square, normalFirst, cross, normalSecond)
  }

  /// Σ w f_Y(y) h(y) g over one rule's nodes y, with g = A's standard density at
  /// (s − σ_B y)/σ_A.
  private func evaluate(_ nodes: KernelPanel.Nodes, at s: Double, _ weight: (Double) -> Double)
    -> Double
  {
    var total = 0.0
    for index in nodes.points.indices {
      let y = nodes.points[index]
      total +=
        nodes.densityWeights[index] * weight(y) * carrier.density((s - noise * y) / carrier.scale)
    }
    return total
  }

  /// The running sums of a pass.
  private struct Sums {
    var density = 0.0
    var tail = 0.0
    var moment = 0.0
    var square = 0.0
    var densityError = 0.0
    var tailError = 0.0
    var momentError = 0.0
    var squareError = 0.0
    var normalFirst = 0.0
    var cross = 0.0
    var normalSecond = 0.0
    var normalFirstError = 0.0
    var crossError = 0.0
    var normalSecondError = 0.0
  }
}
