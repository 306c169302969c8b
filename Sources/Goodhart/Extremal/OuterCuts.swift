/// Where the outer integrals over s (best-of-n, thresholds, quantilizers) are cut, and when.
///
/// S's density fails to be analytic only at its singular points (`CentredSum.singularPoints`).
/// When two components' densities jump or are unbounded it has corners there, and every outer
/// integral is cut at them. When at most one does, it is C¹ there, which the adaptive rule
/// usually resolves unaided; an integral that still stops short (GSL's round-off or subinterval
/// limit: best-of-2 over an empirical law beside a Weibull law with k = 1.5, where the weight
/// spreads over the bends) is tried again cut there.
struct OuterCuts: Sendable {
  /// S's singular points, sorted and distinct (none where S's density is analytic).
  let points: [Double]
  /// Whether every outer integral is cut at `points`, or only one that fails uncut.
  let always: Bool

  /// No cuts (one component, or an analytic sum).
  static let none = OuterCuts(points: [], always: false)

  /// The tries in order, each a relative tolerance and the points to cut at: `tolerance`, then
  /// 10^−7 (round-off in the inner integrals can stop GSL short of `tolerance`; 10^−7 is still far
  /// inside the 10^−6 the package promises), cut when `always` or where nothing is to be cut;
  /// otherwise `tolerance` uncut, then both cut (a failed uncut try costs up to 400 subintervals,
  /// so the loose one is not tried uncut).
  func attempts(tolerance: Double) -> [(relativeTolerance: Double, cuts: [Double])] {
    guard !always, !points.isEmpty else { return [(tolerance, points), (1e-7, points)] }
    return [(tolerance, []), (tolerance, points), (1e-7, points)]
  }
}
