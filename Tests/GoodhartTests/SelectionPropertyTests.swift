import Foundation
import PropertyBased
import Testing

@testable import Goodhart

/// Laws that hold for every valid Gaussian model (random models from random seeds).
@Suite struct SelectionPropertyTests {
  let seeds = Gen.int(in: 0...Int(Int32.max))

  /// For every selection on P, ΔE[T] = Cov(T,P)/Var(P) · ΔE[P].
  @Test func truthMovesWithTheRegressionSlopeUnderEverySelection() async {
    seededPropertyCheck(count: 60, input: seeds) { seed in
      let law = try! randomModel(seed: UInt64(seed)).jointLaw()
      guard law.variancePersuasiveness > 0 else { return }
      let slope = try! law.regressionSlope()
      let sd = law.standardDeviationPersuasiveness
      let outcomes = [
        try! law.threshold(law.meanPersuasiveness + 0.7 * sd).outcome,
        try! law.threshold(law.meanPersuasiveness - 2 * sd).outcome,
        try! law.quantile(0.01).outcome,
        try! law.bestOfN(37),
        try! law.tilt(kl: 1.3).outcome!,
        try! law.tilt(beta: 0.5).outcome!,
      ]
      for outcome in outcomes {
        let truthShift = outcome.meanTruth! - law.meanTruth
        let persuasivenessShift = outcome.meanPersuasiveness! - law.meanPersuasiveness
        let scale = abs(law.meanTruth) + abs(slope) * (abs(law.meanPersuasiveness) + abs(persuasivenessShift))
        #expect(abs(truthShift - slope * persuasivenessShift) <= 1e-13 * scale, "seed \(seed)")
      }
    }
  }

  /// KLs are non-negative and equal their formulas.
  @Test func divergencesAreNonNegativeAndMatchTheirFormulas() async {
    seededPropertyCheck(count: 60, input: seeds, Gen.double(in: -4...6), Gen.double(in: 1...1e6)) { seed, z, n in
      let law = try! randomModel(seed: UInt64(seed)).jointLaw()
      let sd = law.standardDeviationPersuasiveness
      let threshold = try! law.threshold(law.meanPersuasiveness + z * sd)
      #expect(threshold.outcome.kl >= 0)
      // -log(acceptance) inherits the rounding of acceptance (relative ulp ~ 1.1e-16) as an
      // absolute error, which dominates when acceptance is near 1 and the KL is tiny.
      #expect(
        abs(threshold.outcome.kl + log(threshold.acceptance))
          <= 1e-12 * threshold.outcome.kl + 2 * Double.ulpOfOne, "seed \(seed), z \(z)")
      let q = StandardNormal.survival(z)
      #expect(try! law.quantile(q).outcome.kl == -log(q))
      let best = try! law.bestOfN(n).kl
      #expect(best >= 0)
      #expect(relativeError(best, log(n) - (n - 1) / n) <= 1e-12 || n < 1.2)
      let tilt = try! law.tilt(beta: sd / (1 + abs(z)))
      #expect(relativeError(tilt.outcome!.kl, 0.5 * (1 + abs(z)) * (1 + abs(z))) <= 1e-14)
    }
  }

  @Test func expectedMaximumIsIncreasing() async {
    seededPropertyCheck(count: 100, input: Gen.double(in: 0...15), Gen.double(in: 1e-6...1)) { exponent, step in
      let n = pow(10, exponent)
      let larger = min(1e15, n * (1 + step))
      guard larger > n else { return }
      #expect(try! ExpectedMaximum.ofStandardNormals(n) < ExpectedMaximum.ofStandardNormals(larger))
    }
  }

  /// Var[T | P] = Var T (1 − ρ²) >= 0, and the moments are those of the weighted sum.
  @Test func conditionalVarianceIsTheUnexplainedTruthVariance() async {
    seededPropertyCheck(count: 100, input: seeds) { seed in
      let law = try! randomModel(seed: UInt64(seed)).jointLaw()
      let rho = law.correlation
      #expect(rho >= -1 && rho <= 1)
      let residual = law.residualVarianceTruth
      #expect(residual >= 0 && residual <= law.varianceTruth * (1 + 1e-15))
      #expect(abs(residual - law.varianceTruth * (1 - rho * rho)) <= 1e-12 * law.varianceTruth)
      let conditional = try! law.conditionalTruth(givenPersuasiveness: law.meanPersuasiveness + 1)
      #expect(conditional.variance == residual)
      #expect(relativeError(conditional.mean!, law.meanTruth + law.covariance / law.variancePersuasiveness) <= 1e-12
        || abs(conditional.mean!) < 1e-9)
    }
  }

  /// The three inverses give back their target, and at equal persuasiveness every policy gives
  /// the same mean truth (they differ only in KL: tilt <= best-of-n, tilt <= threshold).
  @Test func inversesReachTheirTargetWithEqualTruth() async {
    seededPropertyCheck(count: 25, input: seeds, Gen.double(in: 0.01...7.5)) { seed, shift in
      let law = try! randomModel(seed: UInt64(seed)).jointLaw()
      let target = law.meanPersuasiveness + shift * law.standardDeviationPersuasiveness
      let best = try! law.bestOfN(reachingMeanPersuasiveness: target)
      let threshold = try! law.threshold(reachingMeanPersuasiveness: target)
      let tilt = try! law.tilt(reachingMeanPersuasiveness: target)
      let scale = abs(target) + law.standardDeviationPersuasiveness
      let tilted = tilt.outcome!
      for outcome in [best.outcome, threshold.outcome, tilted] {
        #expect(abs(outcome.meanPersuasiveness! - target) <= 1e-12 * scale)
        #expect(abs(outcome.meanTruth! - tilted.meanTruth!) <= 1e-11 * (abs(tilted.meanTruth!) + law.standardDeviationTruth))
      }
      #expect(tilted.kl <= best.outcome.kl * (1 + 1e-12))
      #expect(tilted.kl <= threshold.outcome.kl * (1 + 1e-12))
      #expect(best.smallestIntegerOutcome.meanPersuasiveness! >= target - 1e-12 * scale)
    }
  }
}
