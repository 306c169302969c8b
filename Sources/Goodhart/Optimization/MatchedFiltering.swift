import Foundation

/// The filtering policies tuned to reach a given mean persuasiveness, for the comparison.
///
/// Temporary: the foundation is adding the same inverses to Selection
/// (`JointLaw.bestOfN(reachingMeanPersuasiveness:)`, `threshold(reachingMeanPersuasiveness:)`,
/// `tilt(reachingMeanPersuasiveness:)`); once they land these private helpers should call them.
///
/// Every selection on P moves the standardised persuasiveness by a mean shift z* =
/// (p* − μ_P)/σ_P; the policies differ only in the parameter and the KL that buy that shift.
extension JointLaw {
  /// The mean shift z* = (p* − μ_P)/σ_P that a filter must produce to reach E[P] = p*.
  ///
  /// - Throws: `SelectionError` when Var P = 0.
  func matchingShift(reaching persuasiveness: Double) throws(SelectionError) -> Double {
    guard variancePersuasiveness > 0 else { throw .zeroVariance("persuasiveness") }
    return (persuasiveness - meanPersuasiveness) / standardDeviationPersuasiveness
  }

  /// The real n with μ_P + σ_P e_n = p* (n = 1 when p* <= μ_P), found by Brent's method on ln n.
  ///
  /// - Throws: `SelectionError` naming `n` when p* needs n > 10^15, or when Var P = 0.
  func matchingBestOfNCount(reaching persuasiveness: Double) throws(SelectionError) -> Double {
    let shift = try matchingShift(reaching: persuasiveness)
    guard shift > 0 else { return 1 }
    // Bracket ln n by decades (e_n grows like sqrt(2 ln n)), then refine with Brent.
    var lower = 0.0
    var upper = log(10.0)
    while try ExpectedMaximum.ofStandardNormals(exp(upper)) < shift {
      guard upper < log(ExpectedMaximum.maximumN) - 1e-9 else {
        throw SelectionError(
          field: "n", rule: "E[P] = \(persuasiveness) needs more than 10^15 samples")
      }
      lower = upper
      upper = min(upper + log(10.0), log(ExpectedMaximum.maximumN))
    }
    let finder = RootFinder(
      absoluteTolerance: 1e-13, relativeTolerance: 1e-13, maximumIterations: 200,
      operation: "root of the best-of-n inverse")
    do {
      let logN = try finder.root(
        of: { logN in ((try? ExpectedMaximum.ofStandardNormals(exp(logN))) ?? .nan) - shift },
        between: lower, and: upper)
      return min(ExpectedMaximum.maximumN, max(1, exp(logN)))
    } catch {
      throw SelectionError(field: "n", rule: error.description)
    }
  }

  /// The standardised threshold z with E[Z | Z >= z] = λ(z) = z* (the inverse Mills ratio),
  /// for z* > 0; λ rises from 0 (z → −∞) with λ(z) > z, so the root lies in [−40, z*].
  ///
  /// - Throws: `SelectionError` naming `tau` when z* <= 0 (no threshold is needed) or the
  ///   root cannot be found, or when Var P = 0.
  func matchingThreshold(reaching persuasiveness: Double) throws(SelectionError) -> Double {
    let shift = try matchingShift(reaching: persuasiveness)
    guard shift > 0 else {
      throw SelectionError(field: "tau", rule: "E[P] = \(persuasiveness) needs no filtering")
    }
    let finder = RootFinder(
      absoluteTolerance: 1e-14, relativeTolerance: 1e-14, maximumIterations: 200,
      operation: "root of the threshold inverse")
    do {
      return try finder.root(
        of: { StandardNormal.inverseMillsRatio($0) - shift }, between: -40, and: shift)
    } catch {
      throw SelectionError(field: "tau", rule: error.description)
    }
  }
}
