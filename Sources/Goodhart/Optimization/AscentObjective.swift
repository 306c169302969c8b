/// An objective J(w) that `ActiveSetAscent` climbs: its value, and its gradient and Hessian from
/// one shared evaluation per iterate.
protocol AscentObjective {
  /// What one evaluation at an iterate shares between the gradient, the scale and the Hessian.
  associatedtype Iterate

  /// J(w); −∞ or NaN where it is not finite (the ascent stops there).
  func value(_ w: [Double]) -> Double
  /// The shared evaluation at `w`, or `nil` where the derivatives do not exist (the ascent
  /// stops).
  func iterate(at w: [Double]) -> Iterate?
  /// J at the iterate (the same number as `value` at its point).
  func value(at iterate: Iterate) -> Double
  /// ∇J at the iterate.
  func gradient(_ iterate: Iterate) -> [Double]
  /// The size of the terms summed in ∇J (at least 1), against which stationarity is measured.
  func stationarityScale(_ iterate: Iterate, gradient: [Double]) -> Double
  /// Writes −∇²J on the coordinates `free` into `matrix[a][b]` for a, b < free.count (rows and
  /// columns in the order of `free`; the rest of `matrix` is left alone).
  func writeNegatedHessian(_ iterate: Iterate, on free: [Int], into matrix: inout [[Double]])
  /// A face is done once the largest |∂J/∂w_i − λ| on it is below this times the scale.
  var stationarityTolerance: Double { get }
  /// A line-search step is taken when J falls by at most this fraction of |J|.
  var acceptanceSlack: Double { get }
}
