import CGSL

/// Carries a Swift closure through GSL's `void *params`, so that quadrature and root finding can
/// take ordinary closures.
final class FunctionBox {
  let call: (Double) -> Double
  init(_ call: @escaping (Double) -> Double) { self.call = call }

  /// Runs `body` with a `gsl_function` that calls `f`, valid only during `body`.
  static func withGSLFunction<Result>(
    _ f: (Double) -> Double, _ body: (UnsafeMutablePointer<gsl_function>) -> Result
  ) -> Result {
    withoutActuallyEscaping(f) { escapable in
      let box = FunctionBox(escapable)
      return withExtendedLifetime(box) {
        var function = gsl_function(
          function: { x, parameters in
            // Borrowed for the call, without a retain and release per evaluation (the box
            // outlives `body`).
            Unmanaged<FunctionBox>.fromOpaque(parameters!)._withUnsafeGuaranteedRef { $0.call(x) }
          },
          params: Unmanaged.passUnretained(box).toOpaque())
        return body(&function)
      }
    }
  }
}
