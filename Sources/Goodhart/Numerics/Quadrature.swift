import CGSL

/// Adaptive Gauss–Kronrod quadrature (GSL's QAG family), the integration routine every exact
/// result in Goodhart that has no closed form goes through.
///
/// Each call allocates its own workspace, so concurrent calls never share state.
struct Quadrature: Sendable {
  /// The Gauss–Kronrod rule used on each subinterval (QAG only).
  enum Rule: Int32, Sendable {
    case gauss15 = 1, gauss21 = 2, gauss31 = 3, gauss41 = 4, gauss51 = 5, gauss61 = 6
  }

  /// A value with GSL's estimate of its absolute error.
  struct Estimate: Sendable {
    var value: Double
    var absoluteError: Double
  }

  /// Absolute tolerance (GSL's epsabs).
  var absoluteTolerance: Double = 0
  /// Relative tolerance (GSL's epsrel).
  var relativeTolerance: Double = 1e-11
  /// Maximum number of subintervals.
  var limit: Int = 200
  /// Rule for finite intervals.
  var rule: Rule = .gauss31
  /// Words for error messages ("quadrature of ...").
  var operation: String = "quadrature"

  /// ∫_a^b f(x) dx by QAG.
  func integrate(
    _ f: (Double) -> Double, from a: Double, to b: Double
  ) throws(NumericalError) -> Estimate {
    try run(f) { function, workspace, result, error in
      gsl_integration_qag(
        function, a, b, absoluteTolerance, relativeTolerance, limit, rule.rawValue, workspace,
        result, error)
    }
  }

  /// ∫_a^b f(x) dx by QAGS, whose extrapolation also converges on integrable singularities at
  /// the ends (a density unbounded at the end of its support) and on jumps there.
  func integrateAllowingEndSingularities(
    _ f: (Double) -> Double, from a: Double, to b: Double
  ) throws(NumericalError) -> Estimate {
    try run(f) { function, workspace, result, error in
      gsl_integration_qags(
        function, a, b, absoluteTolerance, relativeTolerance, limit, workspace, result, error)
    }
  }

  /// ∫_a^∞ f(x) dx by QAGIU (x = a + (1 - t)/t).
  func integrate(
    _ f: (Double) -> Double, from a: Double, toInfinity: Void = ()
  ) throws(NumericalError) -> Estimate {
    try run(f) { function, workspace, result, error in
      gsl_integration_qagiu(
        function, a, absoluteTolerance, relativeTolerance, limit, workspace, result, error)
    }
  }

  /// ∫_-∞^b f(x) dx by QAGIL.
  func integrate(
    _ f: (Double) -> Double, fromMinusInfinityTo b: Double
  ) throws(NumericalError) -> Estimate {
    try run(f) { function, workspace, result, error in
      gsl_integration_qagil(
        function, b, absoluteTolerance, relativeTolerance, limit, workspace, result, error)
    }
  }

  /// ∫_-∞^∞ f(x) dx by QAGI.
  func integrateOverRealLine(_ f: (Double) -> Double) throws(NumericalError) -> Estimate {
    try run(f) { function, workspace, result, error in
      gsl_integration_qagi(
        function, absoluteTolerance, relativeTolerance, limit, workspace, result, error)
    }
  }

  private func run(
    _ f: (Double) -> Double,
    _ body: (
      UnsafeMutablePointer<gsl_function>, UnsafeMutablePointer<gsl_integration_workspace>,
      UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>
    ) -> Int32
  ) throws(NumericalError) -> Estimate {
    _ = GSLRuntime.ready
    guard let workspace = gsl_integration_workspace_alloc(limit) else {
      throw NumericalError(operation: operation, kind: .outOfMemory, reason: "no memory")
    }
    defer { gsl_integration_workspace_free(workspace) }
    var result = 0.0
    var error = 0.0
    let status = FunctionBox.withGSLFunction(f) { function in
      body(function, workspace, &result, &error)
    }
    try check(status, operation)
    guard result.isFinite else {
      throw NumericalError(operation: operation, kind: .divergence, reason: "non-finite integral")
    }
    return Estimate(value: result, absoluteError: error)
  }
}
