import Foundation
import Testing

@testable import Goodhart

/// Each closed form against a small seeded Monte Carlo that draws the submodules themselves;
/// tolerance: 4 standard errors from the same run.
@Suite struct MonteCarloTests {
  let model = Preset.cheapPersuasion.model
  var law: JointLaw { try! model.jointLaw() }

  @Test func momentsMatchSampledOutputs() throws {
    var random = SplitMix64(seed: 1)
    var truth = MeanEstimate()
    var persuasiveness = MeanEstimate()
    var product = MeanEstimate()
    for _ in 0..<40_000 {
      let draw = drawOutput(of: model, using: &random)
      truth.add(draw.truth)
      persuasiveness.add(draw.persuasiveness)
      product.add((draw.truth - law.meanTruth) * (draw.persuasiveness - law.meanPersuasiveness))
    }
    #expect(abs(truth.value - law.meanTruth) <= 4 * truth.standardError)
    #expect(abs(persuasiveness.value - law.meanPersuasiveness) <= 4 * persuasiveness.standardError)
    #expect(abs(product.value - law.covariance) <= 4 * product.standardError)
  }

  @Test(arguments: [0.5, 1.5])
  func thresholdMatchesSampledFiltering(tau: Double) throws {
    var random = SplitMix64(seed: 2)
    var accepted = MeanEstimate()
    var truth = MeanEstimate()
    var persuasiveness = MeanEstimate()
    for _ in 0..<60_000 {
      let draw = drawOutput(of: model, using: &random)
      let keep = draw.persuasiveness >= tau
      accepted.add(keep ? 1 : 0)
      if keep {
        truth.add(draw.truth)
        persuasiveness.add(draw.persuasiveness)
      }
    }
    let exact = try law.threshold(tau)
    #expect(abs(accepted.value - exact.acceptance) <= 4 * accepted.standardError)
    #expect(abs(truth.value - exact.outcome.meanTruth!) <= 4 * truth.standardError)
    #expect(abs(persuasiveness.value - exact.outcome.meanPersuasiveness!) <= 4 * persuasiveness.standardError)
  }

  @Test func bestOfNMatchesSampledWinners() throws {
    var random = SplitMix64(seed: 3)
    var truth = MeanEstimate()
    var persuasiveness = MeanEstimate()
    for _ in 0..<8_000 {
      var best = drawOutput(of: model, using: &random)
      for _ in 1..<10 {
        let draw = drawOutput(of: model, using: &random)
        if draw.persuasiveness > best.persuasiveness { best = draw }
      }
      truth.add(best.truth)
      persuasiveness.add(best.persuasiveness)
    }
    let exact = try law.bestOfN(10)
    #expect(abs(truth.value - exact.meanTruth!) <= 4 * truth.standardError)
    #expect(abs(persuasiveness.value - exact.meanPersuasiveness!) <= 4 * persuasiveness.standardError)
  }

  @Test func tiltMatchesImportanceWeightedSamples() throws {
    // Self-normalised importance weights e^{P/β}: the ratio estimator's standard error by the
    // delta method, (sd of w (X − μ̂)) / (mean w · sqrt(N)).
    let beta = 0.8
    var random = SplitMix64(seed: 4)
    var draws: [(weight: Double, truth: Double, persuasiveness: Double)] = []
    for _ in 0..<40_000 {
      let draw = drawOutput(of: model, using: &random)
      draws.append((exp(draw.persuasiveness / beta), draw.truth, draw.persuasiveness))
    }
    let exact = try law.tilt(beta: beta).outcome
    let totalWeight = draws.reduce(0) { $0 + $1.weight }
    let meanWeight = totalWeight / Double(draws.count)
    func check(_ value: ((weight: Double, truth: Double, persuasiveness: Double)) -> Double, _ expected: Double) {
      let estimate = draws.reduce(0) { $0 + $1.weight * value($1) } / totalWeight
      var residual = MeanEstimate()
      for draw in draws { residual.add(draw.weight * (value(draw) - estimate)) }
      #expect(abs(estimate - expected) <= 4 * residual.standardError / meanWeight)
    }
    check({ $0.truth }, exact!.meanTruth!)
    check({ $0.persuasiveness }, exact!.meanPersuasiveness!)
  }

  @Test func quantileMatchesTheSampledTopFraction() throws {
    var random = SplitMix64(seed: 5)
    var draws = (0..<50_000).map { _ in drawOutput(of: model, using: &random) }
    draws.sort { $0.persuasiveness > $1.persuasiveness }
    let q = 0.1
    let kept = draws.prefix(Int(q * Double(draws.count)))
    var truth = MeanEstimate()
    for draw in kept { truth.add(draw.truth) }
    let exact = try law.quantile(q)
    // The sampled cut adds its own noise (order statistic); 4 SE of the kept mean plus the
    // cut's SE sqrt(q(1−q)/N)/f(τ) times the slope of E[T | P >= τ] (below 1 here).
    let cutError = (q * (1 - q) / Double(draws.count)).squareRoot()
      / (StandardNormal.density(StandardNormal.upperQuantile(q)) / law.standardDeviationPersuasiveness)
    #expect(abs(truth.value - exact.outcome.meanTruth!) <= 4 * (truth.standardError + cutError))
  }
}
