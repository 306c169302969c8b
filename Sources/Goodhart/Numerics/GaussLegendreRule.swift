import CGSL

/// A fixed-order Gauss–Legendre rule: ∫_a^b f ≈ h Σ_i w_i f(c + h t_i), c = (a + b)/2,
/// h = (b − a)/2, exact for polynomials of degree < 2 × `points`.
///
/// The nodes and weights on [−1, 1] come from GSL's `gsl_integration_glfixed_table` (tabulated to
/// double precision up to 1024 points), are copied into Swift arrays once and the GSL table is
/// freed at once, so a rule is an immutable value, safe to share between threads (keep one in a
/// `static let`).
struct GaussLegendreRule: Sendable {
  /// The positive nodes t_i in (0, 1), with the node 0 first when `points` is odd.
  let nodes: [Double]
  /// The weight of each node (the node ±t_i has weight w_i).
  let weights: [Double]
  /// Whether the rule has the node 0 (odd `points`): nodes[0] = 0 is then counted once.
  let hasCentre: Bool

  /// The `points`-point rule (points >= 1; GSL tables are exact for the usual sizes).
  init(points: Int) {
    _ = GSLRuntime.ready
    let count = max(1, points)
    var nodes: [Double] = []
    var weights: [Double] = []
    if let table = gsl_integration_glfixed_table_alloc(count) {
      defer { gsl_integration_glfixed_table_free(table) }
      // Keep the nodes t >= 0 (each stands for the pair ±t); they are sorted below.
      for index in 0..<count {
        var node = 0.0
        var weight = 0.0
        let status = gsl_integration_glfixed_point(-1, 1, index, &node, &weight, table)
        if status == gslSuccess, node >= 0 {
          nodes.append(node)
          weights.append(weight)
        }
      }
    }
    let order = nodes.indices.sorted { nodes[$0] < nodes[$1] }
    self.nodes = order.map { nodes[$0] }
    self.weights = order.map { weights[$0] }
    self.hasCentre = count % 2 == 1
  }

  /// ∫_a^b f by this rule (b − a may be of either sign; 0 for an empty interval).
  ///
  /// - Complexity: `points` evaluations of f.
  @inline(__always)
  func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double {
    let centre = 0.5 * (a + b)
    let half = 0.5 * (b - a)
    var sum = 0.0
    for index in nodes.indices {
      let offset = half * nodes[index]
      let pair = hasCentre && index == 0 ? f(centre) : f(centre - offset) + f(centre + offset)
      sum += weights[index] * pair
    }
    return half * sum
  }

  /// Every node of the rule on [a, b] with its weight (h w_i, so that ∫_a^b f ≈ Σ weight f(point)),
  /// in increasing order of the node on [−1, 1] mapped to [a, b].
  func points(from a: Double, to b: Double) -> [(point: Double, weight: Double)] {
    let centre = 0.5 * (a + b)
    let half = 0.5 * (b - a)
    var points: [(point: Double, weight: Double)] = []
    points.reserveCapacity(2 * nodes.count)
    for index in nodes.indices.reversed() where !(hasCentre && index == 0) {
      points.append((centre - half * nodes[index], half * weights[index]))
    }
    if hasCentre { points.append((centre, half * weights[0])) }
    for index in nodes.indices where !(hasCentre && index == 0) {
      points.append((centre + half * nodes[index], half * weights[index]))
    }
    return points
  }
}
