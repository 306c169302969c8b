import Foundation

/// What selection integrals need of the law of S = P − μ at one point s.
struct PointValues: Sendable {
  /// The tail beyond s on its side of 0: Q_S(s) for s >= 0 and F_S(s) for s < 0 (at most about
  /// 1/2, as the components are centred at their medians).
  let tail: Double
  /// Σ_k r_k E[W_k | S = s] f_S(s): E[T | P = μ + s] = c + truthNumerator / f_S(s).
  let truthNumerator: Double
}

/// Evaluates the law of S at points for one computation: remembers tails, truth numerators and
/// densities separately (the outer integrals of one selection share many nodes, and the persuasion
/// integrals and quantile searches need tails only; a tail, a density and a truth numerator that
/// one pass gives together are all kept), at |s| when S is symmetric, and the first failure, since GSL's
/// integrands cannot throw.
final class PointEvaluator {
  private let law: PersuasionLaw
  private var tails: [Double: Double] = [:]
  private var numerators: [Double: Double] = [:]
  private var densities: [Double: Double] = [:]
  /// The sums a fixed-rule pass left at a point, for the truth square numerator about any t.
  private var truthMoments: [Double: KernelTruthMoments] = [:]
  /// The first numerical failure, if any; later calls then return zeros.
  private(set) var failure: NumericalError?
  /// The largest s at which a best-of-n weight F(s)^{n−1} was seen to underflow (−∞ if none):
  /// F is increasing, so it underflows at every smaller s as well.
  private(set) var underflowBelow = -Double.infinity

  /// The law's interpolation table, consulted before direct quadrature (`nil`: direct only).
  private let table: PersuasionTable?
  /// Whether a pass giving tail and density should sum the truth values too (false where the
  /// computation reads no truth numerator: best-of-n's truth by Stein's identity).
  private let truth: Bool

  /// An evaluator of `law`, through `table` (a checked table of its law of S) where given;
  /// `truth: false` skips the truth sums of the passes that give tails and densities.
  init(_ law: PersuasionLaw, table: PersuasionTable? = nil, truth: Bool = true) {
    self.law = law
    self.table = table
    self.truth = truth
  }

  /// Whether a table is consulted before direct quadrature.
  var hasTable: Bool { table != nil }

  /// Records that F(s)^{n−1} underflows at s.
  func noteUnderflow(below s: Double) { underflowBelow = max(underflowBelow, s) }

  /// Tail and truth numerator at s (zeros after a failure).
  func callAsFunction(_ s: Double) -> PointValues {
    PointValues(tail: tail(s), truthNumerator: truthNumerator(s))
  }

  /// The point at which the law is evaluated for s: |s| for a symmetric S (both of whose
  /// functions here are even or odd), s otherwise.
  private func point(_ s: Double) -> Double { law.isSymmetric ? abs(s) : s }

  /// The tail beyond s on its side of 0 (`PointValues.tail`; 0 after a failure).
  func tail(_ s: Double) -> Double {
    let point = point(s)
    if failure == nil, let values = table?.values(at: point) { return values.tail }
    return remembered(point, in: &tails) { key throws(NumericalError) in
      if let both = law.centredTailAndDensity(key, truth: truth) {
        densities[key] = both.density
        keepTruth(of: both, at: key)
        return both.tail
      }
      return try law.centredTail(key)
    }
  }

  /// The truth numerator at s (0 after a failure).
  func truthNumerator(_ s: Double) -> Double {
    let point = point(s)
    let value =
      (failure == nil ? table?.values(at: point)?.truthNumerator : nil)
      ?? remembered(point, in: &numerators) { key throws(NumericalError) in
        try law.centredTruthNumerator(key)
      }
    return s < 0 && law.isSymmetric ? -value : value
  }

  /// E[(T_S − t)² · 1{S ∈ ds}]/ds at s from the sums a fixed-rule pass left there (`t` as
  /// `CentredSum.truthSquareNumerator` takes it at |s| for s's side), or `nil` where none did or
  /// they cannot vouch for it.
  func truthSquareNumerator(_ s: Double, about t: Double) -> Double? {
    failure == nil ? truthMoments[point(s)]?.squareNumerator(about: t) : nil
  }

  /// Keeps what a pass gave at `key` of the truth (its numerator, and the sums for the square
  /// numerator) beside the tail or density asked for (each caller keeps the other of those two
  /// itself: the one asked for is being remembered).
  private func keepTruth(of values: PassValues, at key: Double) {
    if let numerator = values.truthNumerator { numerators[key] = numerator }
    if let moments = values.truthMoments { truthMoments[key] = moments }
  }

  private func remembered(
    _ key: Double, in memo: inout [Double: Double],
    _ compute: (Double) throws(NumericalError) -> Double
  ) -> Double {
    if failure != nil { return 0 }
    if let known = memo[key] { return known }
    do {
      let value = try compute(key)
      memo[key] = value
      return value
    } catch {
      failure = error
      return 0
    }
  }

  /// f_S(s) (0 after a failure), remembered: best-of-n's truth by Stein's identity
  /// (`PersuasionLaw.steinBestOfN`) reads it at every node of two outer integrals.
  func density(_ s: Double) -> Double {
    remembered(point(s), in: &densities) { key throws(NumericalError) in
      if let both = law.centredTailAndDensity(key, truth: truth) {
        tails[key] = both.tail
        keepTruth(of: both, at: key)
        return both.density
      }
      return try law.centredDensity(key)
    }
  }

  /// ln F_S(s).
  func logCDF(_ s: Double) -> Double {
    let tail = tail(s)
    return s >= 0 ? log1p(-tail) : log(tail)
  }

  /// Throws the first failure as a `SelectionError` naming `field`.
  func rethrow(field: SelectionField) throws(SelectionError) {
    if let failure {
      throw SelectionError(field: field, rule: "could not be computed by quadrature (\(failure))")
    }
  }
}
