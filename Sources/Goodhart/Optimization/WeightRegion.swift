import Foundation

/// What holds for RL on the weights whatever the regulariser: every weight vector's
/// (E_w[P], E_w[T]) lies in the convex hull of the submodules' points (p_i m_i, t_i m_i), in the
/// sum reading on the simplex and in the mixture reading alike (both means are linear in w).
///
/// At a mean persuasiveness x, the weights' truths therefore span [lower(x), upper(x)], the lower
/// and upper envelopes of the hull. Where the filters' truth at E[P] = x lies above upper(x),
/// filtering beats every weight vector, whatever regulariser or domain RL uses on the simplex;
/// where it lies below lower(x), every weight vector beats filtering. The intervals are over the
/// persuasiveness both can reach, [E_0[P], max_i p_i m_i]. With a straight filter line (a
/// bivariate normal law) each crossing solves a linear equation between two hull vertices; for a
/// curved filter (the mixture reading's tilt) each hull segment is sampled at 64 points and every
/// sign change refined by Brent's method to 1e-13 relative.
public struct WeightRegion: Hashable, Sendable {
  /// One submodule's point.
  public struct Vertex: Hashable, Sendable {
    /// The submodule's name.
    public let submodule: String
    /// p_i m_i: E[P] with all weight on the submodule.
    public let meanPersuasiveness: Double
    /// t_i m_i: E[T] with all weight on the submodule.
    public let meanTruth: Double
  }

  /// The submodules' points, in file order.
  public let vertices: [Vertex]
  /// The E[P] intervals where the filters' truth exceeds every weight vector's.
  public let filterBeatsEveryWeight: [ClosedRange<Double>]
  /// The E[P] intervals where the filters' truth falls below every weight vector's.
  public let everyWeightBeatsFilter: [ClosedRange<Double>]

  /// The region of `model` against the filters' truth `filterTruth(x)` at E[P] = x.
  ///
  /// - Parameters:
  ///   - model: a model whose submodules have means (`Distribution.centre`: the mean).
  ///   - baseMeanPersuasiveness: E_0[P], the lower end of the range.
  ///   - filterIsLinear: whether `filterTruth` is affine in x (crossings are then exact).
  ///   - filterTruth: the filters' truth at E[P] = x (`nil` where no filter reaches x).
  /// - Complexity: O(k log k) for k submodules, plus the filter's evaluations.
  public init(
    model: Model, baseMeanPersuasiveness: Double, filterIsLinear: Bool,
    filterTruth: (Double) -> Double?
  ) {
    vertices = WeightRegion.vertices(of: model)
    let points = vertices.map { ($0.meanPersuasiveness, $0.meanTruth) }
    let upper = WeightRegion.envelope(points, upper: true)
    let lower = WeightRegion.envelope(points, upper: false)
    let top = points.map(\.0).max() ?? baseMeanPersuasiveness
    let low = baseMeanPersuasiveness
    guard top > low else {
      filterBeatsEveryWeight = []
      everyWeightBeatsFilter = []
      return
    }
    let breaks = Array(Set([low, top] + points.map(\.0).filter { $0 > low && $0 < top })).sorted()
    func intervals(_ excess: (Double) -> Double?) -> [ClosedRange<Double>] {
      WeightRegion.positiveIntervals(
        excess, breaks: breaks, samplesPerPiece: filterIsLinear ? 1 : 64, linear: filterIsLinear)
    }
    filterBeatsEveryWeight = intervals { x in
      filterTruth(x).map { $0 - WeightRegion.evaluate(upper, at: x) }
    }
    everyWeightBeatsFilter = intervals { x in
      filterTruth(x).map { WeightRegion.evaluate(lower, at: x) - $0 }
    }
  }

  /// The submodules' points of `model` (`Distribution.centre` read as the mean).
  public static func vertices(of model: Model) -> [Vertex] {
    model.submodules.map { submodule in
      Vertex(
        submodule: submodule.name,
        meanPersuasiveness: submodule.persuasion * submodule.distribution.centre,
        meanTruth: submodule.truth * submodule.distribution.centre)
    }
  }

  /// The convex hull of `vertices` as a closed polygon (upper chain left to right, then the lower
  /// chain back), in the (E[P], E[T]) plane: where every weight vector's means lie.
  public static func hull(of vertices: [Vertex]) -> [(meanPersuasiveness: Double, meanTruth: Double)] {
    let points = vertices.map { ($0.meanPersuasiveness, $0.meanTruth) }
    let upper = envelope(points, upper: true)
    let lower = envelope(points, upper: false)
    return (upper + lower.reversed().dropFirst().dropLast()).map { ($0.0, $0.1) }
  }

  /// The upper (or lower) chain of the convex hull of `points`, x increasing (Andrew's monotone
  /// chain; at equal x only the highest, or lowest, point counts).
  static func envelope(_ points: [(Double, Double)], upper: Bool) -> [(Double, Double)] {
    let sign: Double = upper ? 1 : -1
    let sorted = points.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : sign * $0.1 > sign * $1.1 }
    var chain: [(Double, Double)] = []
    for point in sorted {
      if let last = chain.last, last.0 == point.0 { continue }
      while chain.count >= 2 {
        let (a, b) = (chain[chain.count - 2], chain[chain.count - 1])
        let cross = (b.0 - a.0) * (point.1 - a.1) - (b.1 - a.1) * (point.0 - a.0)
        // Upper chain: drop b unless it turns clockwise (cross < 0); lower: counter-clockwise.
        if sign * cross >= 0 { chain.removeLast() } else { break }
      }
      chain.append(point)
    }
    return chain
  }

  /// The chain's height at x (linear between its vertices; its end values beyond them).
  static func evaluate(_ chain: [(Double, Double)], at x: Double) -> Double {
    guard let first = chain.first, let last = chain.last else { return .nan }
    if x <= first.0 { return first.1 }
    if x >= last.0 { return last.1 }
    var index = 1
    while chain[index].0 < x { index += 1 }
    let (a, b) = (chain[index - 1], chain[index])
    return a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
  }

  /// The closed intervals of [breaks.first, breaks.last] where `excess` > 0: on each piece
  /// between breaks, `samplesPerPiece` sub-pieces, each sign change located exactly (linear) or
  /// by Brent's method; adjacent intervals merged.
  static func positiveIntervals(
    _ excess: (Double) -> Double?, breaks: [Double], samplesPerPiece: Int, linear: Bool
  ) -> [ClosedRange<Double>] {
    var nodes: [Double] = []
    for (a, b) in zip(breaks, breaks.dropFirst()) {
      for k in 0..<samplesPerPiece { nodes.append(a + (b - a) * Double(k) / Double(samplesPerPiece)) }
    }
    nodes.append(breaks[breaks.count - 1])
    let values = nodes.map(excess)
    var intervals: [ClosedRange<Double>] = []
    var start: Double? = nil
    for index in nodes.indices {
      guard let value = values[index] else {
        if let open = start { intervals.append(open...nodes[index - 1]) }
        start = nil
        continue
      }
      if index == 0 {
        if value > 0 { start = nodes[0] }
        continue
      }
      let previous = values[index - 1]
      let (x0, x1) = (nodes[index - 1], nodes[index])
      if let previous, (previous > 0) != (value > 0) {
        let crossing: Double
        if linear {
          crossing = x0 + (x1 - x0) * previous / (previous - value)
        } else {
          let finder = RootFinder(
            absoluteTolerance: 0, relativeTolerance: 1e-13, maximumIterations: 200,
            operation: "crossing of the filters' truth and the hull")
          crossing = (try? finder.root(of: { excess($0) ?? 0 }, between: x0, and: x1)) ?? 0.5 * (x0 + x1)
        }
        if value > 0 { start = crossing } else if let open = start {
          intervals.append(open...crossing)
          start = nil
        }
      } else if previous == nil, value > 0 {
        start = x1
      }
    }
    if let open = start { intervals.append(open...nodes[nodes.count - 1]) }
    return intervals.filter { $0.upperBound > $0.lowerBound }
  }
}
