import CGSL

/// The process-wide GSL settings, applied exactly once.
///
/// GSL's default error handler prints and calls `abort()`. Goodhart turns it off the first time
/// any GSL routine is reached (a lazily initialised `static let`, so thread-safe and never toggled
/// per call) and checks every returned status instead.
enum GSLRuntime {
  /// Touch this before calling into GSL; the initialiser runs once per process.
  static let ready: Void = {
    gsl_set_error_handler_off()
  }()
}
