import CGSL

/// Nonlinear least squares (GSL's `gsl_multifit_nlinear`, trust region with Levenberg–Marquardt
/// steps): minimise ½ Σ_i r_i(x)² over parameters x, given the residuals r and their Jacobian.
///
/// Each call allocates its own workspace (held by a `final class` that frees it), so concurrent
/// calls never share state.
struct NonlinearLeastSquares: Sendable {
  /// What a converged fit returns.
  struct Solution: Sendable {
    /// The minimising parameters x*.
    var parameters: [Double]
    /// The residuals r(x*).
    var residuals: [Double]
    /// Trust-region iterations taken.
    var iterations: Int
  }

  /// Stop when every step satisfies |dx_i| <= xtol (|x_i| + xtol) (GSL's xtol).
  var parameterTolerance: Double = 1e-15
  /// Stop when the scaled gradient is below this (GSL's gtol).
  var gradientTolerance: Double = 1e-15
  /// Stop when the cost changes by less than this relatively (GSL's ftol; 0 disables).
  var costTolerance: Double = 0
  /// The most trust-region iterations.
  var maximumIterations: Int = 200
  /// Words for error messages.
  var operation: String = "nonlinear least squares"

  /// Minimises ½ Σ r_i(x)² from `start`.
  ///
  /// - Parameters:
  ///   - count: the number of residuals n (>= number of parameters).
  ///   - start: the initial parameters x0.
  ///   - residuals: fills `r` (length n) at `x`.
  ///   - jacobian: fills the row-major n × p matrix `J[i·p + j] = ∂r_i/∂x_j` at `x`.
  /// - Returns: the solution; `start` itself, after no iteration, when its residuals are all 0.
  /// - Throws: `NumericalError` with GSL's status when the iteration fails, makes no progress,
  ///   or does not converge within `maximumIterations`, or when a residual is not finite.
  func minimise(
    count: Int, start: [Double],
    residuals: (_ x: [Double], _ r: inout [Double]) -> Void,
    jacobian: (_ x: [Double], _ J: inout [Double]) -> Void
  ) throws(NumericalError) -> Solution {
    _ = GSLRuntime.ready
    let p = start.count
    guard p > 0, count >= p else {
      throw NumericalError(
        operation: operation, kind: .invalidArgument,
        reason: "needs at least as many residuals (\(count)) as parameters (\(p))")
    }
    // A start with zero residuals is already the minimiser (GSL would iterate to its limit).
    var initial = [Double](repeating: 0, count: count)
    residuals(start, &initial)
    if initial.allSatisfy({ $0 == 0 }) {
      return Solution(parameters: start, residuals: initial, iterations: 0)
    }
    guard let workspace = Workspace(count: count, parameters: p) else {
      throw NumericalError(operation: operation, kind: .outOfMemory, reason: "no memory")
    }
    var outcome: Result<Solution, NumericalError> = .failure(
      NumericalError(operation: operation, kind: .other, reason: "not run"))
    withoutActuallyEscaping(residuals) { residualsEscapable in
      withoutActuallyEscaping(jacobian) { jacobianEscapable in
        let box = ResidualBox(
          count: count, parameters: p, residuals: residualsEscapable, jacobian: jacobianEscapable)
        withExtendedLifetime(box) {
          outcome = run(workspace, box: box, start: start)
        }
      }
    }
    return try outcome.get()
  }

  private func run(_ workspace: Workspace, box: ResidualBox, start: [Double])
    -> Result<Solution, NumericalError>
  {
    var fdf = gsl_multifit_nlinear_fdf()
    fdf.f = { x, parameters, f in
      let box = Unmanaged<ResidualBox>.fromOpaque(parameters!).takeUnretainedValue()
      return box.evaluateResiduals(x!, into: f!)
    }
    fdf.df = { x, parameters, J in
      let box = Unmanaged<ResidualBox>.fromOpaque(parameters!).takeUnretainedValue()
      return box.evaluateJacobian(x!, into: J!)
    }
    fdf.fvv = nil
    fdf.n = box.count
    fdf.p = box.parameters
    fdf.params = Unmanaged.passUnretained(box).toOpaque()
    for (index, value) in start.enumerated() { gsl_vector_set(workspace.start, index, value) }
    var status = gsl_multifit_nlinear_init(workspace.start, &fdf, workspace.solver)
    guard status == gslSuccess else {
      return .failure(NumericalError(operation: operation, status: status))
    }
    var info: Int32 = 0
    status = gsl_multifit_nlinear_driver(
      maximumIterations, parameterTolerance, gradientTolerance, costTolerance, nil, nil, &info,
      workspace.solver)
    // GSL reports "no progress" when the start (or an iterate) is already exact to rounding:
    // accept it when the gradient has vanished, as the driver's own gtol test would.
    if status != gslSuccess, !(Int(status) == GSL_ENOPROG && workspace.gradientVanished) {
      return .failure(NumericalError(operation: operation, status: status))
    }
    guard box.failed == false else {
      return .failure(
        NumericalError(operation: operation, kind: .domain, reason: "a residual is not finite"))
    }
    let x = gsl_multifit_nlinear_position(workspace.solver)!
    let f = gsl_multifit_nlinear_residual(workspace.solver)!
    return .success(
      Solution(
        parameters: (0..<box.parameters).map { gsl_vector_get(x, $0) },
        residuals: (0..<box.count).map { gsl_vector_get(f, $0) },
        iterations: gsl_multifit_nlinear_niter(workspace.solver)))
  }
}

/// The GSL allocations of one fit, freed when the fit is done.
private final class Workspace {
  let solver: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>
  let start: UnsafeMutablePointer<gsl_vector>

  init?(count: Int, parameters: Int) {
    var settings = gsl_multifit_nlinear_default_parameters()
    guard let solver = gsl_multifit_nlinear_alloc(
      cgsl_multifit_nlinear_trust(), &settings, count, parameters)
    else { return nil }
    guard let start = gsl_vector_alloc(parameters) else {
      gsl_multifit_nlinear_free(solver)
      return nil
    }
    self.solver = solver
    self.start = start
  }

  /// Whether the gradient Jᵀr at the current iterate is zero to rounding.
  var gradientVanished: Bool {
    guard let gradient = solver.pointee.g, let residuals = solver.pointee.f else { return false }
    let cost = (0..<residuals.pointee.size).reduce(0.0) { sum, index in
      let r = gsl_vector_get(residuals, index)
      return sum + r * r
    }
    let scale = max(1, cost.squareRoot())
    return (0..<gradient.pointee.size).allSatisfy {
      abs(gsl_vector_get(gradient, $0)) <= 1e-12 * scale
    }
  }

  deinit {
    gsl_vector_free(start)
    gsl_multifit_nlinear_free(solver)
  }
}

/// Carries the Swift residual and Jacobian closures through GSL's `void *params`.
private final class ResidualBox {
  let count: Int
  let parameters: Int
  let residuals: ([Double], inout [Double]) -> Void
  let jacobian: ([Double], inout [Double]) -> Void
  private(set) var failed = false

  init(
    count: Int, parameters: Int, residuals: @escaping ([Double], inout [Double]) -> Void,
    jacobian: @escaping ([Double], inout [Double]) -> Void
  ) {
    self.count = count
    self.parameters = parameters
    self.residuals = residuals
    self.jacobian = jacobian
  }

  func evaluateResiduals(_ x: UnsafePointer<gsl_vector>, into f: UnsafeMutablePointer<gsl_vector>)
    -> Int32
  {
    var r = [Double](repeating: 0, count: count)
    residuals(read(x), &r)
    for (index, value) in r.enumerated() {
      guard value.isFinite else {
        failed = true
        return Int32(GSL_EDOM)
      }
      gsl_vector_set(f, index, value)
    }
    return gslSuccess
  }

  func evaluateJacobian(_ x: UnsafePointer<gsl_vector>, into J: UnsafeMutablePointer<gsl_matrix>)
    -> Int32
  {
    var values = [Double](repeating: 0, count: count * parameters)
    jacobian(read(x), &values)
    for row in 0..<count {
      for column in 0..<parameters {
        let value = values[row * parameters + column]
        guard value.isFinite else {
          failed = true
          return Int32(GSL_EDOM)
        }
        gsl_matrix_set(J, row, column, value)
      }
    }
    return gslSuccess
  }

  private func read(_ x: UnsafePointer<gsl_vector>) -> [Double] {
    (0..<parameters).map { gsl_vector_get(x, $0) }
  }
}
