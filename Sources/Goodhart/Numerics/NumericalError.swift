import CGSL

/// A failure reported by the numerical engine (GSL) underneath Goodhart.
///
/// Every GSL status that is not `GSL_SUCCESS` becomes one of these; no GSL code or pointer is
/// seen above `Sources/Goodhart/Numerics`. The message names the operation that failed and GSL's
/// reason, for example `quadrature of the best-of-n integrand: roundoff error prevents tolerance
/// from being achieved`.
public struct NumericalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, in GSL's classification.
  public enum Kind: Hashable, Sendable {
    /// An argument lay outside the function's domain.
    case domain
    /// The result would overflow or underflow.
    case range
    /// An argument or tolerance was invalid.
    case invalidArgument
    /// The iteration limit was reached before convergence.
    case maximumIterations
    /// Round-off prevented the requested tolerance from being reached.
    case roundoff
    /// The requested tolerance could not be reached.
    case tolerance
    /// A singularity or extremely bad integrand behaviour was detected.
    case singularity
    /// An integral or iteration diverged.
    case divergence
    /// A root or minimum was not bracketed, or the iteration made no progress.
    case noProgress
    /// Memory could not be allocated.
    case outOfMemory
    /// Any other GSL status.
    case other
  }

  /// The operation that failed, in words (for example "root of the best-of-n inverse").
  public let operation: String
  /// The classified failure.
  public let kind: Kind
  /// GSL's own explanation of the status.
  public let reason: String

  /// Creates an error for `operation`.
  ///
  /// - Parameters:
  ///   - operation: what was being computed, in words.
  ///   - kind: the classified failure.
  ///   - reason: the explanation shown to users.
  public init(operation: String, kind: Kind, reason: String) {
    self.operation = operation
    self.kind = kind
    self.reason = reason
  }

  /// Maps a GSL status code to an error (internal: only Numerics sees status codes).
  init(operation: String, status: Int32) {
    let kind: Kind
    switch Int(status) {
    case GSL_EDOM: kind = .domain
    case GSL_ERANGE, GSL_EOVRFLW, GSL_EUNDRFLW: kind = .range
    case GSL_EINVAL, GSL_EBADTOL, GSL_EBADLEN, GSL_EBADFUNC: kind = .invalidArgument
    case GSL_EMAXITER: kind = .maximumIterations
    case GSL_EROUND, GSL_ELOSS: kind = .roundoff
    case GSL_ETOL, GSL_ETOLF, GSL_ETOLX, GSL_ETOLG: kind = .tolerance
    case GSL_ESING: kind = .singularity
    case GSL_EDIVERGE, GSL_ERUNAWAY: kind = .divergence
    case GSL_ENOPROG, GSL_ENOPROGJ: kind = .noProgress
    case GSL_ENOMEM: kind = .outOfMemory
    default: kind = .other
    }
    self.init(operation: operation, kind: kind, reason: String(cString: gsl_strerror(status)))
  }

  /// `"<operation>: <reason>"`.
  public var description: String { "\(operation): \(reason)" }
}

/// Throws unless `status` is `GSL_SUCCESS`.
@inline(__always)
func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(NumericalError) {
  if status != gslSuccess { throw NumericalError(operation: operation(), status: status) }
}

/// GSL's success status as the `Int32` its functions return.
let gslSuccess = Int32(GSL_SUCCESS)
