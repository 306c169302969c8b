import CGSL

/// Bracketing root finding (GSL's Brent solver) for monotone equations such as the inverses of
/// best-of-n and threshold filtering.
struct RootFinder: Sendable {
  /// Stop when the bracket is narrower than `absoluteTolerance + relativeTolerance * |x|`.
  var absoluteTolerance: Double = 0
  /// See `absoluteTolerance`.
  var relativeTolerance: Double = 1e-13
  /// Maximum number of Brent iterations.
  var maximumIterations: Int = 200
  /// Words for error messages ("root of ...").
  var operation: String = "root finding"

  /// A root of `f` in [lower, upper], where f(lower) and f(upper) have opposite signs.
  ///
  /// - Throws: `NumericalError` with kind `.noProgress` if the root is not bracketed, or the
  ///   GSL status if the iteration fails or does not converge.
  func root(
    of f: (Double) -> Double, between lower: Double, and upper: Double
  ) throws(NumericalError) -> Double {
    _ = GSLRuntime.ready
    let fLower = f(lower)
    let fUpper = f(upper)
    if fLower == 0 { return lower }
    if fUpper == 0 { return upper }
    guard fLower.isFinite, fUpper.isFinite, (fLower < 0) != (fUpper < 0) else {
      throw NumericalError(
        operation: operation, kind: .noProgress,
        reason: "the root is not bracketed by [\(lower), \(upper)]")
    }
    guard let solver = gsl_root_fsolver_alloc(cgsl_root_fsolver_brent()) else {
      throw NumericalError(operation: operation, kind: .outOfMemory, reason: "no memory")
    }
    defer { gsl_root_fsolver_free(solver) }
    var failure: NumericalError? = nil
    let root: Double = FunctionBox.withGSLFunction(f) { function in
      var status = gsl_root_fsolver_set(solver, function, lower, upper)
      guard status == gslSuccess else {
        failure = NumericalError(operation: operation, status: status)
        return .nan
      }
      for _ in 0..<maximumIterations {
        status = gsl_root_fsolver_iterate(solver)
        guard status == gslSuccess else {
          failure = NumericalError(operation: operation, status: status)
          return .nan
        }
        let low = gsl_root_fsolver_x_lower(solver)
        let high = gsl_root_fsolver_x_upper(solver)
        if gsl_root_test_interval(low, high, absoluteTolerance, relativeTolerance)
          == gslSuccess
        {
          return gsl_root_fsolver_root(solver)
        }
      }
      failure = NumericalError(operation: operation, status: Int32(GSL_EMAXITER))
      return .nan
    }
    if let failure { throw failure }
    return root
  }
}
