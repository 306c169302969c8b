import Foundation

/// A linear axis over [lower, upper] with "nice" ticks (steps of 1, 2 or 5 × 10^k).
struct AxisScale {
  /// The axis range, widened to whole steps.
  let lower: Double
  let upper: Double
  /// The tick step.
  let step: Double

  /// An axis covering [minimum, maximum] with about `ticks` ticks. A degenerate range is widened
  /// by 1 (or 10% of its magnitude) each side; non-finite input gives [0, 1].
  init(covering minimum: Double, _ maximum: Double, ticks: Int = 6) {
    var low = minimum.isFinite ? minimum : 0
    var high = maximum.isFinite ? maximum : 1
    if high < low { swap(&low, &high) }
    if high - low <= 1e-12 * max(1, abs(high)) {
      let pad = low == 0 ? 1 : 0.1 * abs(low)
      low -= pad
      high += pad
    }
    let raw = (high - low) / Double(max(1, ticks - 1))
    let magnitude = pow(10, floor(log10(raw)))
    let fraction = raw / magnitude
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10
    step = nice * magnitude
    lower = floor(low / step + 1e-9) * step
    upper = ceil(high / step - 1e-9) * step
  }

  /// An axis covering the finite `values` with 3% room each side (so points at the extremes do
  /// not sit on the frame); with `nonNegative` the axis does not go below 0.
  init(padding values: [Double], nonNegative: Bool = false) {
    let finite = values.filter(\.isFinite)
    let low = finite.min() ?? 0
    let high = finite.max() ?? 1
    let room = 0.03 * (high - low)
    self.init(covering: nonNegative ? max(0, low - room) : low - room, high + room)
  }

  /// The tick values from `lower` to `upper`.
  var ticks: [Double] {
    let count = Int(((upper - lower) / step).rounded())
    return (0...max(0, count)).map { lower + Double($0) * step }
  }

  /// Where `value` falls, from 0 at `lower` to 1 at `upper`.
  func fraction(_ value: Double) -> Double { (value - lower) / (upper - lower) }

  /// A tick label with just enough decimals for the step ("-0" printed as "0").
  func label(_ value: Double) -> String {
    let decimals = max(0, Int(ceil(-log10(step) - 1e-9)) + (step / pow(10, floor(log10(step))) == 2.5 ? 1 : 0))
    let text = String(format: "%.\(decimals)f", abs(value) < step * 1e-9 ? 0 : value)
    return text
  }
}
