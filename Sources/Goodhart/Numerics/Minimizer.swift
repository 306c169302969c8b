import CGSL

/// Unconstrained minimisation of a smooth function of several variables with its gradient
/// (GSL's `vector_bfgs2`, a quasi-Newton method with a Moré–Thuente style line search).
///
/// The caller supplies f(x) and ∇f(x) in one closure; iterations stop when |∇f|₂ falls below
/// `gradientTolerance`, when the line search can make no further progress (reported as
/// converged: the point is as good as double precision allows along the search direction), or
/// after `maximumIterations`.
struct Minimizer: Sendable {
  /// Stop when the Euclidean norm of the gradient is below this.
  var gradientTolerance: Double = 1e-10
  /// The iteration budget.
  var maximumIterations: Int = 1000
  /// The size of the first trial step.
  var initialStep: Double = 0.1
  /// The accuracy of each line search (GSL recommends 0.1 for BFGS).
  var lineSearchTolerance: Double = 0.1
  /// Words for error messages.
  var operation: String = "minimisation"

  /// f(x), with ∇f(x) written into the second buffer.
  typealias Objective = (
    _ point: UnsafeBufferPointer<Double>, _ gradient: UnsafeMutableBufferPointer<Double>
  ) -> Double

  /// The point reached and f there.
  struct Result: Sendable {
    /// The minimiser found.
    let point: [Double]
    /// f at `point`.
    let value: Double
    /// Iterations used.
    let iterations: Int
  }

  /// Minimises `objective` from `start`.
  ///
  /// - Parameters:
  ///   - objective: returns f(x) and writes ∇f(x) into its second argument (a buffer of the
  ///     length of x, reused between calls, as is the first: both are valid only during the
  ///     call, and no evaluation allocates). A non-finite f makes the line search back off; it
  ///     must be finite at `start`.
  ///   - start: the first point, finite, non-empty.
  /// - Throws: `NumericalError` if f is not finite at the start or GSL fails in a way other than
  ///   "no further progress".
  /// - Complexity: O(iterations · (cost of `objective` + n²)).
  func minimize(
    _ objective: @escaping Objective, from start: [Double]
  ) throws(NumericalError) -> Result {
    _ = GSLRuntime.ready
    let count = start.count
    guard count > 0 else {
      throw NumericalError(
        operation: operation, kind: .domain, reason: "the objective has no variables")
    }
    let box = GradientBox(count: count, objective)
    let firstValue = box.evaluate(start)
    guard firstValue.isFinite else {
      throw NumericalError(
        operation: operation, kind: .domain, reason: "the objective is not finite at the start")
    }
    let workspace = try MinimizerWorkspace(dimension: count, operation: operation)
    var failure: NumericalError? = nil
    let result: Result = withExtendedLifetime(box) {
      var function = gsl_multimin_function_fdf(
        f: { x, parameters in
          GradientBox.from(parameters).evaluate(x, gradient: nil)
        },
        df: { x, parameters, gradient in
          _ = GradientBox.from(parameters).evaluate(x, gradient: gradient)
        },
        fdf: { x, parameters, value, gradient in
          value?.pointee = GradientBox.from(parameters).evaluate(x, gradient: gradient)
        },
        n: count,
        params: Unmanaged.passUnretained(box).toOpaque())
      let initial = gsl_vector_alloc(count)
      defer { gsl_vector_free(initial) }
      for (index, value) in start.enumerated() { gsl_vector_set(initial, index, value) }
      var status = gsl_multimin_fdfminimizer_set(
        workspace.state, &function, initial, initialStep, lineSearchTolerance)
      guard status == gslSuccess else {
        failure = NumericalError(operation: operation, status: status)
        return Result(point: start, value: firstValue, iterations: 0)
      }
      var iterations = 0
      while iterations < maximumIterations {
        iterations += 1
        status = gsl_multimin_fdfminimizer_iterate(workspace.state)
        if status == Int32(GSL_ENOPROG) || status == Int32(GSL_CONTINUE) { break }
        guard status == gslSuccess else {
          failure = NumericalError(operation: operation, status: status)
          break
        }
        let gradient = gsl_multimin_fdfminimizer_gradient(workspace.state)
        if gsl_multimin_test_gradient(gradient, gradientTolerance) == gslSuccess { break }
      }
      let x = gsl_multimin_fdfminimizer_x(workspace.state)
      let point = (0..<count).map { gsl_vector_get(x, $0) }
      return Result(
        point: point, value: gsl_multimin_fdfminimizer_minimum(workspace.state),
        iterations: iterations)
    }
    if let failure { throw failure }
    return result
  }
}

/// Owns one GSL BFGS2 minimiser state and frees it.
private final class MinimizerWorkspace {
  let state: UnsafeMutablePointer<gsl_multimin_fdfminimizer>

  init(dimension: Int, operation: String) throws(NumericalError) {
    guard let state = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_vector_bfgs2(), dimension)
    else {
      throw NumericalError(operation: operation, kind: .outOfMemory, reason: "no memory")
    }
    self.state = state
  }

  deinit { gsl_multimin_fdfminimizer_free(state) }
}

/// Carries the Swift objective through GSL's `void *` parameter.
private final class GradientBox {
  let objective: Minimizer.Objective
  /// Scratch for the point and the gradient, reused by every evaluation: `let` buffers, so an
  /// evaluation neither allocates nor pays for dynamic exclusivity checks.
  private let point: UnsafeMutableBufferPointer<Double>
  private let slope: UnsafeMutableBufferPointer<Double>

  init(count: Int, _ objective: @escaping Minimizer.Objective) {
    self.objective = objective
    point = .allocate(capacity: count)
    point.initialize(repeating: 0)
    slope = .allocate(capacity: count)
    slope.initialize(repeating: 0)
  }

  deinit {
    point.deallocate()
    slope.deallocate()
  }

  static func from(_ parameters: UnsafeMutableRawPointer?) -> GradientBox {
    Unmanaged<GradientBox>.fromOpaque(parameters!).takeUnretainedValue()
  }

  /// f at `x` (the gradient is computed and dropped).
  func evaluate(_ x: [Double]) -> Double {
    for index in point.indices { point[index] = x[index] }
    return objective(UnsafeBufferPointer(point), slope)
  }

  func evaluate(_ x: UnsafePointer<gsl_vector>?, gradient: UnsafeMutablePointer<gsl_vector>?)
    -> Double
  {
    for index in point.indices { point[index] = gsl_vector_get(x, index) }
    let value = objective(UnsafeBufferPointer(point), slope)
    if let gradient {
      for index in slope.indices { gsl_vector_set(gradient, index, slope[index]) }
    }
    return value.isFinite ? value : .greatestFiniteMagnitude
  }
}
