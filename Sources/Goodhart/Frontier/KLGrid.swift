/// The KL budgets at which the frontier is evaluated: evenly spaced in d = sqrt(KL) from 0 to
/// sqrt(maximumKL), so that charts against sqrt(KL) are evenly sampled.
public struct KLGrid: Hashable, Sendable {
  /// The fewest points (both ends).
  public static let minimumPoints = 2
  /// The most points.
  public static let maximumPoints = 100_000
  /// The largest budget, in nats: best-of-n then needs n ≈ 2.9 · 10^13, inside e_n's domain.
  public static let largestKL = 30.0

  /// The number of budgets N.
  public let points: Int
  /// The largest budget K, in nats.
  public let maximumKL: Double

  /// Creates a grid.
  ///
  /// - Parameters:
  ///   - points: N in [2, 100000].
  ///   - maximumKL: K in (0, 30] nats.
  /// - Throws: `FrontierError` naming `points` or `max_kl`.
  public init(points: Int, maximumKL: Double) throws(FrontierError) {
    guard points >= KLGrid.minimumPoints, points <= KLGrid.maximumPoints else {
      throw FrontierError(
        field: .points,
        rule: "must be an integer in [\(KLGrid.minimumPoints), \(KLGrid.maximumPoints)] (got \(points))")
    }
    guard maximumKL.isFinite, maximumKL > 0, maximumKL <= KLGrid.largestKL else {
      throw FrontierError(
        field: .maxKL, rule: "must be in (0, \(Int(KLGrid.largestKL))] nats (got \(maximumKL))")
    }
    self.points = points
    self.maximumKL = maximumKL
  }

  /// The budgets KL_i = (i / (N − 1))² K, i = 0, ..., N − 1 (the first is 0, the last is K).
  ///
  /// - Complexity: O(N).
  public var values: [Double] {
    let top = maximumKL.squareRoot()
    return (0..<points).map { index in
      if index == points - 1 { return maximumKL }
      let d = top * Double(index) / Double(points - 1)
      return d * d
    }
  }
}
