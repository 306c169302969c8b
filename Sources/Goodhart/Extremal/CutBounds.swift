import Foundation

/// What a `KernelQuadrature` pass over y drops beyond a cut on one side (y <= −L or y >= L), or
/// beyond both of its cuts y = −L₋ and y = L₊ (the sum of the two sides), at s >= 0, by bounds:
/// beyond a cut the carrier's standard variable x(y) = (s − σ_B y)/σ_A is at least `nearest` = m
/// in size, so its density g (symmetric and unimodal at 0) is at most g(m)/σ_A there and
/// |x|^k g(x) at most its supremum beyond m (`PersuasionComponent.weightedDensityBound`); those
/// weigh the kernel's mass and moments beyond the cut (`QuadratureKernel`'s `reaches` and
/// `reachMoments`; Y is symmetric, so its moments beyond −L are those beyond L).
struct CutBounds {
  /// Q_Y(L) (a bound), summed over the sides.
  let mass: Double
  /// p Q_Y(L), p = g(m)/σ_A: what the density's integrand drops.
  let density: Double
  /// p ∫_L^∞ |y| f_Y.
  let first: Double
  /// The same with y².
  let second: Double
  /// The same with |E[N | Y = y]| f_Y (0 without a normal-Laplace kernel).
  let normalFirst: Double
  /// The same with E[N² | Y = y] f_Y.
  let normalSecond: Double
  /// Q_Y(L) sup |x g(x)| beyond the cut (`nil` where infinite or not asked for).
  let weightedFirst: Double?
  /// The same with x² g(x).
  let weightedSecond: Double?

  /// The least |x(y)| beyond the cut at `reach` on one side, s >= 0: below −L, x >= x(−L) > 0;
  /// above L, x <= x(L), which is below 0 while s < σ_B L (else 0).
  static func nearest(below: Bool, reach: Double, at s: Double, scale: Double, noise: Double)
    -> Double
  {
    below ? (s + noise * reach) / scale : max(0, noise * reach - s) / scale
  }

  /// The bounds beyond the cut numbered `level` of `kernel` on one side (`below` or above) at s,
  /// for the `carrier` beside the kernel's part of scale `noise`; the weighted suprema only with
  /// `weighted`.
  init(
    _ kernel: QuadratureKernel, carrier: PersuasionComponent, noise: Double, level: Int,
    below: Bool, at s: Double, weighted: Bool = true
  ) {
    let (reach, beyond) = kernel.reaches[level]
    let moments = kernel.reachMoments[level]
    let m = Self.nearest(below: below, reach: reach, at: s, scale: carrier.scale, noise: noise)
    let density = carrier.density(m)
    let peak = density / carrier.scale
    mass = beyond
    self.density = peak * beyond
    first = peak * moments.first
    second = peak * moments.second
    normalFirst = peak * moments.normalFirst
    normalSecond = peak * moments.normalSecond
    guard weighted else {
      (weightedFirst, weightedSecond) = (nil, nil)
      return
    }
    weightedFirst = carrier.weightedDensityBound(power: 1, beyond: m, densityThere: density)
      .map { $0 * beyond }
    weightedSecond = carrier.weightedDensityBound(power: 2, beyond: m, densityThere: density)
      .map { $0 * beyond }
  }

  /// The bounds beyond both cuts: the sums of the two sides'.
  init(_ below: CutBounds, _ above: CutBounds) {
    mass = below.mass + above.mass
    density = below.density + above.density
    first = below.first + above.first
    second = below.second + above.second
    normalFirst = below.normalFirst + above.normalFirst
    normalSecond = below.normalSecond + above.normalSecond
    weightedFirst = below.weightedFirst.flatMap { a in above.weightedFirst.map { a + $0 } }
    weightedSecond = below.weightedSecond.flatMap { a in above.weightedSecond.map { a + $0 } }
  }
}
