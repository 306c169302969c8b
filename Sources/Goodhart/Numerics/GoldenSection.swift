/// The maximiser of a unimodal function on an interval by golden-section search: each round
/// keeps the sub-interval holding the larger of two interior values and evaluates one new point.
enum GoldenSection {
  /// The point of [low, high] with the larger value once the interval is narrower than
  /// `width` (|a| + |b| + 1) or after `rounds` rounds, and f there.
  ///
  /// - Parameters:
  ///   - low: the left end.
  ///   - high: the right end (> low).
  ///   - width: the relative width at which to stop; 0 runs every round.
  ///   - rounds: the most rounds.
  ///   - f: the function, unimodal on [low, high].
  static func maximum<Failure: Error>(
    low: Double, high: Double, width: Double, rounds: Int,
    _ f: (Double) throws(Failure) -> Double
  ) throws(Failure) -> (point: Double, value: Double) {
    let ratio = (5.0.squareRoot() - 1) / 2
    var (a, b) = (low, high)
    var c = b - ratio * (b - a)
    var d = a + ratio * (b - a)
    var fc = try f(c)
    var fd = try f(d)
    var round = 0
    while round < rounds, b - a > width * (abs(a) + abs(b) + 1) {
      round += 1
      if fc >= fd {
        (b, d, fd) = (d, c, fc)
        c = b - ratio * (b - a)
        fc = try f(c)
      } else {
        (a, c, fc) = (c, d, fd)
        d = a + ratio * (b - a)
        fd = try f(d)
      }
    }
    return fc >= fd ? (c, fc) : (d, fd)
  }
}
