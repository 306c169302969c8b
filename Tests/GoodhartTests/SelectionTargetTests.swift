import Foundation
import Testing

@testable import Goodhart

/// The inverse queries a researcher needs: how much selection reaches a target E[P].
@Suite struct SelectionTargetTests {
  let law = try! Preset.cheapPersuasion.model.jointLaw()

  func target(shift: Double) -> Double {
    law.meanPersuasiveness + shift * law.standardDeviationPersuasiveness
  }

  /// The shift the target really asks for, after its rounding.
  func realisedShift(_ target: Double) -> Double {
    (target - law.meanPersuasiveness) / law.standardDeviationPersuasiveness
  }

  @Test(arguments: [1e-9, 0.3, 1.0, 2.5, 5.0, 8.0])
  func bestOfNReachesTheTargetAtItsRealN(requested: Double) throws {
    let goal = target(shift: requested)
    let shift = realisedShift(goal)
    let requirement = try law.bestOfN(reachingMeanPersuasiveness: goal)
    let e = try ExpectedMaximum.ofStandardNormals(requirement.n)
    // Near n = 1, e_n ≈ 0.9 (n − 1): a Double n resolves e_n only to ulp(n)/(n − 1).
    #expect(relativeError(e, shift) <= 1e-12 + requirement.n.ulp / (requirement.n - 1))
    #expect(requirement.outcome.meanPersuasiveness == (try law.bestOfN(requirement.n)).meanPersuasiveness)
    // Near 10^15 consecutive e_m differ by less than their rounding: no integer claim there.
    guard requirement.n < 1e12 else { return }
    // The smallest integer: e at it reaches the shift, e one below does not.
    let m = Double(requirement.smallestInteger)
    #expect(try ExpectedMaximum.ofStandardNormals(m) >= shift)
    if m > 1 { #expect(try ExpectedMaximum.ofStandardNormals(m - 1) < shift) }
    #expect(m >= requirement.n && m < requirement.n + 1)
  }

  @Test func bestOfNForTheComparisonInTheComment() throws {
    // The reward maximiser of cheap-persuasion reaches E[P] = 2 (all weight on C): best-of-n
    // needs e_n = (2 − 1)/sqrt(2/9) = 2.12132…, which takes 37 draws
    // (mpmath: e_36 = 2.118123…, e_37 = 2.129277…).
    let requirement = try law.bestOfN(reachingMeanPersuasiveness: 2)
    #expect(requirement.smallestInteger == 37)
    #expect(requirement.n > 36 && requirement.n < 37)
  }

  @Test(arguments: [1e-12, 1e-3, 0.5, 0.79, 0.8, 1.0, 3.0, 30.0, 1e4, 1e8])
  func thresholdReachesTheTarget(requested: Double) throws {
    let goal = target(shift: requested)
    let shift = realisedShift(goal)
    let selection = try law.threshold(reachingMeanPersuasiveness: goal)
    let z = (selection.threshold - law.meanPersuasiveness) / law.standardDeviationPersuasiveness
    #expect(relativeError(StandardNormal.inverseMillsRatio(z), shift) <= 1e-12)
  }

  @Test(arguments: [0.1, 1.0, 6.0])
  func tiltNeedsHalfTheSquaredShift(shift: Double) throws {
    let selection = try law.tilt(reachingMeanPersuasiveness: target(shift: shift))
    #expect(relativeError(selection.outcome!.kl, shift * shift / 2) <= 4e-15)
    #expect(relativeError(selection.beta!, law.variancePersuasiveness / (target(shift: shift) - law.meanPersuasiveness)) <= 1e-15)
    let forward = try law.tilt(beta: selection.beta!)
    #expect(relativeError(forward.outcome!.meanPersuasiveness!, target(shift: shift)) <= 1e-15)
  }

  @Test(arguments: [-1.0, 0.0, .nan, .infinity])
  func targetsAtOrBelowTheMeanAreErrors(shift: Double) {
    let goal = shift.isFinite ? target(shift: shift) : shift
    for query in [
      { _ = try law.bestOfN(reachingMeanPersuasiveness: goal) },
      { _ = try law.threshold(reachingMeanPersuasiveness: goal) },
      { _ = try law.tilt(reachingMeanPersuasiveness: goal) },
    ] as [() throws -> Void] {
      #expect { try query() } throws: { ($0 as? SelectionError)?.field == .target }
    }
  }

  @Test func bestOfNBeyondTenToTheFifteenIsAnError() throws {
    let beyond = target(shift: try ExpectedMaximum.ofStandardNormals(1e15) * 1.001)
    #expect { try law.bestOfN(reachingMeanPersuasiveness: beyond) } throws: { error in
      guard let error = error as? SelectionError else { return false }
      return error.field == .target && error.rule.contains("10^15")
    }
    // Threshold and tilt reach any finite target.
    #expect(try law.threshold(reachingMeanPersuasiveness: beyond).outcome.kl > 30)
  }
}
