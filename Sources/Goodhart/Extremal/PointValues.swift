import Foundation

/// What selection integrals need of the law of S = P − μ at one point s.
struct PointValues: Sendable {
  /// Q_S(|s|) <= 1/2: the tail beyond |s|, so Q_S(s) = tail for s >= 0 and F_S(s) = tail for s < 0.
  let tail: Double
  /// Σ_k r_k E[W_k | S = s] f_S(s): E[T | P = μ + s] = c + truthNumerator / f_S(s).
  let truthNumerator: Double
}

/// Evaluates `PersuasionLaw.values(at:)` for one computation: remembers values at |s| (the law is
/// symmetric, and the outer integrals of one selection share many nodes) and the first failure,
/// since GSL's integrands cannot throw.
final class PointEvaluator {
  private let law: PersuasionLaw
  private var memo: [Double: PointValues] = [:]
  /// The first numerical failure, if any; later calls then return zeros.
  private(set) var failure: NumericalError?
  /// The largest s at which a best-of-n weight F(s)^{n−1} was seen to underflow (−∞ if none):
  /// F is increasing, so it underflows at every smaller s as well.
  private(set) var underflowBelow = -Double.infinity

  /// Records that F(s)^{n−1} underflows at s.
  func noteUnderflow(below s: Double) { underflowBelow = max(underflowBelow, s) }

  init(_ law: PersuasionLaw) { self.law = law }

  /// The values at s (zeros after a failure).
  func callAsFunction(_ s: Double) -> PointValues {
    if failure != nil { return PointValues(tail: 0, truthNumerator: 0) }
    let key = abs(s)
    let values: PointValues
    if let known = memo[key] {
      values = known
    } else {
      do {
        values = try law.values(at: key)
      } catch {
        failure = error
        return PointValues(tail: 0, truthNumerator: 0)
      }
      memo[key] = values
    }
    // The truth numerator is odd in s (every component is symmetric).
    return s < 0 ? PointValues(tail: values.tail, truthNumerator: -values.truthNumerator) : values
  }

  /// f_S(s) (not remembered: selections need it at one or two points), 0 after a failure.
  func density(_ s: Double) -> Double {
    if failure != nil { return 0 }
    do { return try law.centredDensity(s) } catch {
      failure = error
      return 0
    }
  }

  /// ln F_S(s).
  func logCDF(_ s: Double) -> Double {
    let tail = self(s).tail
    return s >= 0 ? log1p(-tail) : log(tail)
  }

  /// Throws the first failure as a `SelectionError` naming `field`.
  func rethrow(field: String) throws(SelectionError) {
    if let failure {
      throw SelectionError(field: field, rule: "could not be computed by quadrature (\(failure))")
    }
  }
}
