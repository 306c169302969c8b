/// ∫ h over the real line, cut at break points: the outer pieces in the scaled variable
/// p = b + width · y (GSL's QAGIL and QAGIU), the inner ones by QAG. For integrands concentrated
/// near a known point (the median of a maximum) with a known width, and with jumps at known
/// points (an atom of the law).
struct PiecewiseIntegral: Sendable {
  /// The sorted, distinct break points (at least one).
  let breaks: [Double]
  /// The length scale of the outer pieces (> 0).
  let width: Double
  /// The relative tolerance asked first; round-off then retries at 1e-8.
  var relativeTolerance = 1e-10
  /// Words for error messages.
  var operation = "quadrature"

  /// Creates an integral cut at `breaks` (sorted and made distinct here).
  init(breaks: [Double], width: Double) {
    self.breaks = Array(Set(breaks)).sorted()
    self.width = width > 0 && width.isFinite ? width : 1
  }

  /// ∫_{−∞}^{∞} h(p) dp, accepting an absolute error of `absoluteTolerance`.
  func integrate(absoluteTolerance: Double = 0, _ h: (Double) -> Double) throws(NumericalError)
    -> Double
  {
    let w = width
    let first = breaks[0]
    let last = breaks[breaks.count - 1]
    var total = try attempt(absoluteTolerance / w) { quadrature throws(NumericalError) in
      try quadrature.integrate({ y in h(first + w * y) }, fromMinusInfinityTo: 0).value
    } * w
    total += try attempt(absoluteTolerance / w) { quadrature throws(NumericalError) in
      try quadrature.integrate({ y in h(last + w * y) }, from: 0).value
    } * w
    for (a, b) in zip(breaks, breaks.dropFirst()) {
      total += try attempt(absoluteTolerance) { quadrature throws(NumericalError) in
        try quadrature.integrate(h, from: a, to: b).value
      }
    }
    return total
  }

  private func attempt(
    _ absoluteTolerance: Double,
    _ body: (Quadrature) throws(NumericalError) -> Double
  ) throws(NumericalError) -> Double {
    do {
      return try body(
        Quadrature(
          absoluteTolerance: absoluteTolerance, relativeTolerance: relativeTolerance, limit: 400,
          rule: .gauss21, operation: operation))
    } catch where error.kind == .roundoff {
      return try body(
        Quadrature(
          absoluteTolerance: absoluteTolerance, relativeTolerance: 1e-8, limit: 400,
          rule: .gauss21, operation: operation))
    }
  }
}
