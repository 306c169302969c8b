import Foundation

extension OutputLaw {
  /// The regime of best-of-n: E[T] at `count` log-spaced n in [1, maximumN], its peak, its value
  /// at maximumN and the verdict (see `GoodhartRegime`).
  ///
  /// - Parameters:
  ///   - count: number of points, 3...1000 (default 60).
  ///   - maximumN: the largest n, in (1, 10^15] (default 10^12).
  /// - Throws: `SelectionError` naming `points` or `max_n` out of range, `model` when E[T] does
  ///   not exist (a submodule with a_i ≠ 0 has no mean), or a quadrature failure (naming `n`).
  /// - Complexity: `count` best-of-n evaluations (`bestOfNMeans(at:)`: for two non-normal
  ///   components spread over the available cores, all through one checked table).
  public func goodhartRegime(count: Int = 60, maximumN: Double = 1e12) throws(SelectionError)
    -> GoodhartRegime
  {
    guard (3...1000).contains(count) else {
      throw SelectionError(field: .points, rule: "must be an integer in 3...1000 (got \(count))")
    }
    guard maximumN.isFinite, maximumN > 1, maximumN <= 1e15 else {
      throw SelectionError(field: .maxN, rule: "must be in (1, 10^15] (got \(maximumN))")
    }
    guard moments.meanTruth != nil else {
      throw SelectionError(
        field: .model,
        rule: "E[T] does not exist (a submodule that carries truth has no mean: Cauchy, or Student-t with dof <= 1), so there is no curve of mean truth")
    }
    let grid = (0..<count).map { index in
      index == count - 1 ? maximumN : pow(10, log10(maximumN) * Double(index) / Double(count - 1))
    }
    let outcomes = try bestOfNMeans(at: grid)
    var points: [GoodhartRegime.Point] = []
    for (n, outcome) in zip(grid, outcomes) {
      points.append(
        GoodhartRegime.Point(
          n: n, meanTruth: outcome.meanTruth ?? .nan, meanPersuasiveness: outcome.meanPersuasiveness,
          kl: outcome.kl))
    }
    // The no-gain test's scale of T: its standard deviation where it exists.
    return GoodhartRegime(
      points: points, truthScale: moments.varianceTruth.map { $0.squareRoot() } ?? 0)
  }
}

