/// The maximiser of a unimodal function on an interval by Brent's method (Brent, "Algorithms for
/// Minimization without Derivatives", 1973, ch. 5): a parabola through the three best points
/// where it steps well inside the bracket, a golden-section step where it does not.
///
/// On a smooth maximum the parabolic steps converge superlinearly, so it needs half of
/// `GoldenSection`'s evaluations or fewer for the same bracket (6–21 against about 43 at the
/// regime's 1e-9; `BrentMaximumTests`); where f is flat to its rounding the
/// parabolas are refused and the bracket still shrinks at least at the golden rate every two
/// steps. Use it where each evaluation is expensive (the regime's peak and best quantilizer);
/// `GoldenSection` stays where f is cheap.
enum BrentMaximum {
  /// The point with the largest value found once the bracket around it is narrower than
  /// `width` (2|x| + 1) on either side, or after `rounds` evaluations, and f there.
  ///
  /// - Parameters:
  ///   - low: the left end.
  ///   - high: the right end (> low).
  ///   - width: the relative half-width at which to stop (> 0).
  ///   - rounds: the most evaluations of f.
  ///   - f: the function, unimodal on [low, high]; the ends are never evaluated.
  static func maximum<Failure: Error>(
    low: Double, high: Double, width: Double, rounds: Int,
    _ f: (Double) throws(Failure) -> Double
  ) throws(Failure) -> (point: Double, value: Double) {
    let golden = (3 - 5.0.squareRoot()) / 2
    var (a, b) = (low, high)
    // x: the best point; w: the second best; v: the previous w.
    var x = a + golden * (b - a)
    var (w, v) = (x, x)
    var fx = try f(x)
    var (fw, fv) = (fx, fx)
    // d: the last step; e: the step before it (a parabola must halve it).
    var (d, e) = (0.0, 0.0)
    var evaluations = 1
    while evaluations < rounds {
      let middle = (a + b) / 2
      let tolerance = width * (2 * abs(x) + 1) / 2
      if abs(x - middle) <= 2 * tolerance - (b - a) / 2 { break }
      var parabolic = false
      if abs(e) > tolerance {
        // The vertex of the parabola through (v, fv), (w, fw), (x, fx), as x + p / q.
        let r = (x - w) * (fx - fv)
        var q = (x - v) * (fx - fw)
        var p = (x - v) * q - (x - w) * r
        q = 2 * (q - r)
        // The vertex does not depend on whether f is maximised or minimised.
        if q > 0 { p = -p }
        q = abs(q)
        let previous = e
        if abs(p) < abs(q * previous / 2), p > q * (a - x), p < q * (b - x) {
          e = d
          d = p / q
          let u = x + d
          if u - a < 2 * tolerance || b - u < 2 * tolerance {
            d = middle >= x ? tolerance : -tolerance
          }
          parabolic = true
        }
      }
      if !parabolic {
        e = x >= middle ? a - x : b - x
        d = golden * e
      }
      let u = abs(d) >= tolerance ? x + d : x + (d >= 0 ? tolerance : -tolerance)
      let fu = try f(u)
      evaluations += 1
      if fu >= fx {
        if u >= x { a = x } else { b = x }
        (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu)
      } else {
        if u < x { a = u } else { b = u }
        if fu >= fw || w == x {
          (v, fv, w, fw) = (w, fw, u, fu)
        } else if fu >= fv || v == x || v == w {
          (v, fv) = (u, fu)
        }
      }
    }
    return (x, fx)
  }
}
