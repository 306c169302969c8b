/// A running sum with Neumaier's compensation: the rounding error of every addition is kept and
/// added back at the end, so the result is as accurate as if it were summed in twice the
/// precision and then rounded (error about one ulp of the result plus 1e-32 of the terms' size).
struct CompensatedSum {
  private var sum = 0.0
  private var compensation = 0.0

  /// Adds `term`.
  mutating func add(_ term: Double) {
    let total = sum + term
    if abs(sum) >= abs(term) {
      compensation += (sum - total) + term
    } else {
      compensation += (term - total) + sum
    }
    sum = total
  }

  /// The compensated total.
  var value: Double { sum + compensation }
}
