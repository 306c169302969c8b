import Foundation

/// A panel [lower, upper] of a kernel's variable y with the 24- and 16-point Gauss–Legendre
/// nodes, each with the weights w f_Y(y) and w Q_Y(y) of `QuadratureKernel`'s law (and, for a
/// normal-Laplace law, w E[N | Y = y] f_Y(y) and w E[N² | Y = y] f_Y(y)) (a class:
/// passes share the fixed panels and the halved ones kept by `KernelQuadrature`).
final class KernelPanel: Sendable {
  /// The left end.
  let lower: Double
  /// The right end.
  let upper: Double
  /// The 24-point rule's nodes, whose values are returned.
  let fine: Nodes
  /// The 16-point rule's nodes, whose difference from `fine` is the error estimate.
  let coarse: Nodes

  /// The 24-point rule.
  private static let fineRule = GaussLegendreRule(points: 24)
  /// The 16-point rule.
  private static let coarseRule = GaussLegendreRule(points: 16)

  /// The panel [lower, upper] for the kernel law `law`.
  init(_ law: KernelLaw, from lower: Double, to upper: Double) {
    self.lower = lower
    self.upper = upper
    fine = Nodes(Self.fineRule, law, from: lower, to: upper)
    coarse = Nodes(Self.coarseRule, law, from: lower, to: upper)
  }

  /// One rule's nodes y on a panel, with the weights w f_Y(y) and w Q_Y(y), and for a
  /// normal-Laplace law w E[N | Y = y] f_Y(y) and w E[N² | Y = y] f_Y(y).
  struct Nodes: Sendable {
    /// The nodes y.
    let points: [Double]
    /// w f_Y(y) at each node.
    let densityWeights: [Double]
    /// w Q_Y(y) at each node.
    let tailWeights: [Double]
    /// w E[N | Y = y] f_Y(y) at each node (empty unless the law is normal-Laplace).
    let normalFirstWeights: [Double]
    /// w E[N² | Y = y] f_Y(y) at each node (empty unless the law is normal-Laplace).
    let normalSecondWeights: [Double]

    init(_ rule: GaussLegendreRule, _ law: KernelLaw, from lower: Double, to upper: Double) {
      let nodes = rule.points(from: lower, to: upper)
      points = nodes.map(\.point)
      guard case .normalLaplace(let joint) = law else {
        densityWeights = nodes.map { $0.weight * law.density($0.point) }
        tailWeights = nodes.map { $0.weight * law.survival($0.point) }
        (normalFirstWeights, normalSecondWeights) = ([], [])
        return
      }
      let values = nodes.map { ($0.weight, joint.values($0.point)) }
      densityWeights = values.map { $0.0 * $0.1.density }
      tailWeights = values.map { $0.0 * $0.1.survival }
      normalFirstWeights = values.map { $0.0 * $0.1.first }
      normalSecondWeights = values.map { $0.0 * $0.1.second }
    }
  }

  /// The semi-axes of the Bernstein ellipse of parameter 3 (`isClear`) of a panel of half-width
  /// `half`: (3 + 1/3)/2 = 5/3 of it along the line and (3 − 1/3)/2 = 4/3 of it across.
  static func ellipseSemiAxes(half: Double) -> (along: Double, across: Double) {
    (5.0 / 3.0 * half, 4.0 / 3.0 * half)
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
