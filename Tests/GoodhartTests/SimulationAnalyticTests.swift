import Goodhart
import Testing

/// Every closed form of the Gaussian analytics against the Monte Carlo engine, on random models,
/// each within 4 standard errors computed in the same run (fixed seeds: the outcome is the same on
/// every run).
@Suite struct SimulationAnalyticTests {
  static let models = (try? SimulationFixtures.randomGaussianModels(count: 12, seed: 2026)) ?? []

  @Test func fixturesExist() { #expect(SimulationAnalyticTests.models.count == 12) }

  @Test(arguments: 0..<12)
  func everyAnalyticQuantityAgreesWithSimulation(index: Int) throws {
    let model = try #require(SimulationAnalyticTests.models.dropFirst(index).first)
    let law = try model.jointLaw()
    let (muP, sdP) = (law.meanPersuasiveness, law.standardDeviationPersuasiveness)
    // Three thresholds, then the quantilizer's threshold for the top 10%.
    let quantile = try law.quantile(0.1)
    let taus = [muP - sdP, muP, muP + 1.2 * sdP, quantile.threshold]
    let centre = muP + 0.5 * sdP
    let halfWidth = 0.3 * sdP
    let simulation = try Simulation(
      model: model, samples: 40_000, seed: UInt64(100 + index),
      windows: taus.map(PersuasivenessWindow.threshold)
        + [.around(centre, halfWidth: halfWidth)],
      bestOfN: [BestOfNTrials(n: 1, trials: 3000), BestOfNTrials(n: 5, trials: 3000)],
      tilts: [sdP, 2.5 * sdP])
    let result = try simulation.run(threads: 2)

    SimulationFixtures.expectAgreement(result.moments.meanTruth, law.meanTruth, 4, "E[T]")
    SimulationFixtures.expectAgreement(result.moments.meanPersuasiveness, law.meanPersuasiveness, 4, "E[P]")
    SimulationFixtures.expectAgreement(result.moments.varianceTruth, law.varianceTruth, 4, "Var T")
    SimulationFixtures.expectAgreement(result.moments.variancePersuasiveness, law.variancePersuasiveness, 4, "Var P")
    SimulationFixtures.expectAgreement(result.moments.covariance, law.covariance, 4, "Cov")

    for (tau, simulated) in zip(taus, result.windows) {
      let exact = try law.threshold(tau)
      SimulationFixtures.expectAgreement(simulated.acceptance, exact.acceptance, 4, "acceptance at \(tau)")
      SimulationFixtures.expectAgreement(simulated.meanTruth, exact.outcome.meanTruth!, 4, "E[T | P >= \(tau)]")
      SimulationFixtures.expectAgreement(simulated.meanPersuasiveness, exact.outcome.meanPersuasiveness!, 4, "E[P | P >= \(tau)]")
    }

    let top = result.windows[3]
    SimulationFixtures.expectAgreement(top.acceptance, quantile.fraction, 4, "quantile q")
    SimulationFixtures.expectAgreement(top.meanTruth, quantile.outcome.meanTruth!, 4, "quantile E[T]")
    SimulationFixtures.expectAgreement(
      top.meanPersuasiveness, quantile.outcome.meanPersuasiveness!, 4, "quantile E[P]")

    // The window: for a bivariate normal E[T | P in W] = E[T | P = E[P | P in W]] exactly (the
    // regression of T on P is linear), and E[P | P in W] is the truncated-normal mean.
    let window = try #require(result.windows.last)
    let alpha = (centre - halfWidth - muP) / sdP
    let beta = (centre + halfWidth - muP) / sdP
    let mass = StandardNormal.cdf(beta) - StandardNormal.cdf(alpha)
    let meanP = muP + sdP * (StandardNormal.density(alpha) - StandardNormal.density(beta)) / mass
    SimulationFixtures.expectAgreement(window.acceptance, mass, 4, "window acceptance")
    SimulationFixtures.expectAgreement(window.meanPersuasiveness, meanP, 4, "E[P | P in W]")
    SimulationFixtures.expectAgreement(
      window.meanTruth, try law.conditionalTruth(givenPersuasiveness: meanP).mean!, 4,
      "E[T | P in W]")

    // The tilt π0 · exp(P/β): E[P] = μ_P + σ_P²/β, E[T] = μ_T + c/β.
    for simulated in result.tilts {
      let exact = try law.tilt(beta: simulated.beta)
      SimulationFixtures.expectAgreement(
        simulated.meanTruth, exact.outcome!.meanTruth!, 4, "tilt β = \(simulated.beta) truth")
      SimulationFixtures.expectAgreement(
        simulated.meanPersuasiveness, exact.outcome!.meanPersuasiveness!, 4,
        "tilt β = \(simulated.beta) persuasiveness")
    }

    for simulated in result.bestOfN {
      let exact = try law.bestOfN(Double(simulated.experiment.n))
      SimulationFixtures.expectAgreement(simulated.meanTruth, exact.meanTruth!, 4, "best-of-\(simulated.experiment.n) truth")
      SimulationFixtures.expectAgreement(
        simulated.meanPersuasiveness, exact.meanPersuasiveness!, 4,
        "best-of-\(simulated.experiment.n) persuasiveness")
    }
  }

  @Test func presetsAgreeAtMoreSamples() throws {
    for preset in Preset.allCases {
      let law = try preset.model.jointLaw()
      let result = try Simulation(
        model: preset.model, samples: 200_000, seed: 7, windows: [.threshold(1.5)],
        bestOfN: [BestOfNTrials(n: 16, trials: 4000)]
      ).run(threads: 2)
      SimulationFixtures.expectAgreement(result.moments.meanTruth, law.meanTruth, 4, "\(preset) E[T]")
      SimulationFixtures.expectAgreement(result.moments.covariance, law.covariance, 4, "\(preset) Cov")
      SimulationFixtures.expectAgreement(result.windows[0].meanTruth, try law.threshold(1.5).outcome.meanTruth!, 4, "\(preset) E[T | P >= 1.5]")
      SimulationFixtures.expectAgreement(result.bestOfN[0].meanTruth, try law.bestOfN(16).meanTruth!, 4, "\(preset) best-of-16")
    }
  }
}
