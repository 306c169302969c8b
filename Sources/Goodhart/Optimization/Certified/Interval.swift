/// A closed interval [lo, hi] of reals with the arithmetic of interval analysis (Moore): each
/// operation's result contains every value the operation takes on its operands. Used to
/// enclose the Hessian of J over a box. No directed rounding: callers add a rounding margin.
struct Interval: Sendable {
  /// The lower end.
  var lo: Double
  /// The upper end.
  var hi: Double

  /// [lo, hi].
  init(_ lo: Double, _ hi: Double) {
    self.lo = lo
    self.hi = hi
  }

  /// The point interval [x, x].
  init(_ x: Double) { self.init(x, x) }

  /// max(|lo|, |hi|).
  var magnitude: Double { max(abs(lo), abs(hi)) }

  /// { x² : x in self }.
  var squared: Interval {
    if lo >= 0 { return Interval(lo * lo, hi * hi) }
    if hi <= 0 { return Interval(hi * hi, lo * lo) }
    return Interval(0, max(lo * lo, hi * hi))
  }

  static func + (a: Interval, b: Interval) -> Interval { Interval(a.lo + b.lo, a.hi + b.hi) }
  static func - (a: Interval, b: Interval) -> Interval { Interval(a.lo - b.hi, a.hi - b.lo) }
  static func * (a: Interval, b: Interval) -> Interval {
    let (p, q, r, t) = (a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi)
    return Interval(min(min(p, q), min(r, t)), max(max(p, q), max(r, t)))
  }
  static func * (a: Double, b: Interval) -> Interval { Interval(a) * b }

  /// a / b for b > 0 throughout.
  static func / (a: Interval, b: Interval) -> Interval {
    a * Interval(1 / b.hi, 1 / b.lo)
  }
}
