import Goodhart
import Testing

/// The standard errors are right: over many independent seeds, the z-scores
/// (estimate − exact) / standard error of a known quantity have variance 1.
///
/// With k seeds and z-scores of variance 1, (k − 1) s² is (asymptotically) chi-square with k − 1
/// degrees of freedom; the test accepts s² between its 0.01% and 99.99% quantiles (Wilson–Hilferty
/// approximation), so a correct engine fails with probability 2e-4, and the fixed seeds make the
/// outcome the same on every run. For k = 300 that is s² in about [0.71, 1.33]; an SE off by 25%
/// either way fails.
@Suite struct SimulationStandardErrorTests {
  static let seeds = 300

  /// The chi-square(df) quantile at probability p (Wilson–Hilferty).
  static func chiSquareQuantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
    let z = StandardNormal.quantile(p)
    let term = 1 - 2 / (9 * df) + z * (2 / (9 * df)).squareRoot()
    return df * term * term * term
  }

  static func expectUnitVariance(_ zScores: [Double], _ label: String) {
    let k = Double(zScores.count)
    let mean = zScores.reduce(0, +) / k
    let variance = zScores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (k - 1)
    let low = chiSquareQuantile(1e-4, degreesOfFreedom: k - 1) / (k - 1)
    let high = chiSquareQuantile(1 - 1e-4, degreesOfFreedom: k - 1) / (k - 1)
    #expect(variance >= low && variance <= high, "\(label): Var z = \(variance), allowed [\(low), \(high)]")
    // And the z-scores are centred: |mean| <= 4 / sqrt(k).
    #expect(abs(mean) <= 4 / k.squareRoot(), "\(label): mean z = \(mean)")
  }

  @Test func zScoresOfKnownQuantitiesHaveUnitVariance() throws {
    let model = Preset.honestPersuasion.model
    let law = try model.jointLaw()
    let threshold = try law.threshold(1.2)
    let best = try law.bestOfN(4)
    let beta = 1.5 * law.standardDeviationPersuasiveness
    let tilt = try law.tilt(beta: beta)
    var zMean: [Double] = [], zVariance: [Double] = [], zCovariance: [Double] = []
    var zThreshold: [Double] = [], zBest: [Double] = [], zTilt: [Double] = []
    for seed in 0..<SimulationStandardErrorTests.seeds {
      let result = try Simulation(
        model: model, samples: 2000, seed: UInt64(seed), windows: [.threshold(1.2)],
        bestOfN: [BestOfNTrials(n: 4, trials: 300)], tilts: [beta]
      ).run()
      let moments = result.moments
      zMean.append(try #require(moments.meanTruth).zScore(against: law.meanTruth))
      zVariance.append(try #require(moments.varianceTruth).zScore(against: law.varianceTruth))
      zCovariance.append(try #require(moments.covariance).zScore(against: law.covariance))
      zThreshold.append(
        try #require(result.windows[0].meanTruth).zScore(against: threshold.outcome.meanTruth!))
      zBest.append(try #require(result.bestOfN[0].meanTruth).zScore(against: best.meanTruth!))
      zTilt.append(try #require(result.tilts[0].meanTruth).zScore(against: tilt.outcome!.meanTruth!))
    }
    SimulationStandardErrorTests.expectUnitVariance(zMean, "E[T]")
    SimulationStandardErrorTests.expectUnitVariance(zVariance, "Var T")
    SimulationStandardErrorTests.expectUnitVariance(zCovariance, "Cov")
    SimulationStandardErrorTests.expectUnitVariance(zThreshold, "E[T | P >= 1.2]")
    SimulationStandardErrorTests.expectUnitVariance(zBest, "best-of-4 truth")
    SimulationStandardErrorTests.expectUnitVariance(zTilt, "tilt truth")
  }
}
