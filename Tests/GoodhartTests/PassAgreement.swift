import Foundation
import Testing
@testable import Goodhart

/// Expects one fixed-rule pass's values at s >= 0 to agree with the same sum without the pass
/// (`slow`): the tail and the density to 10^−9 relative and, where the pass vouches for its truth
/// values, the truth numerator to 10^−9 of |N| + Σ|r_k|σ_k f_S, and the square numerator about
/// t = 0.2 and Var[T_S | S = s] to 10^−7 relative. Returns whether the truth values were there
/// to check.
func expectPassAgrees(
  _ values: PassValues, with slow: any CentredSum, at s: Double, label: String
) throws -> Bool {
  let (tail, density) = (try slow.tail(s), try slow.density(s))
  #expect(heavyTailRelativeError(values.tail, tail) < 1e-9, "\(label): tail at s = \(s)")
  #expect(heavyTailRelativeError(values.density, density) < 1e-9, "\(label): density at s = \(s)")
  let t = 0.2
  guard let numerator = values.truthNumerator, let moments = values.truthMoments,
    let square = moments.squareNumerator(about: t), let spread = moments.spreadVariance()
  else { return false }
  let exact = try slow.truthNumerator(s)
  #expect(
    abs(numerator - exact) <= 1e-9 * (abs(exact) + slow.truthScale * density),
    "\(label): numerator at s = \(s)")
  #expect(
    heavyTailRelativeError(square, try slow.truthSquareNumerator(s, about: t)) < 1e-7,
    "\(label): square at s = \(s)")
  #expect(
    heavyTailRelativeError(spread, try slow.truthSpreadVariance(s, density: density)) < 1e-7,
    "\(label): spread variance at s = \(s)")
  return true
}
