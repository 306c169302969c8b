import Goodhart
import Testing

/// Bad requests are errors naming the field; degenerate ones give answers without NaN.
@Suite struct SimulationEdgeTests {
  static let model = Preset.cheapPersuasion.model

  @Test(arguments: [-1, 0, 1, Simulation.maximumSamples + 1])
  func sampleCountOutOfRangeIsAnError(samples: Int) {
    #expect(throws: SimulationError.self) {
      try Simulation(model: SimulationEdgeTests.model, samples: samples, seed: 0)
    }
  }

  @Test(arguments: [0, -3, Simulation.maximumThreads + 1])
  func threadCountOutOfRangeIsAnError(threads: Int) throws {
    let simulation = try Simulation(model: SimulationEdgeTests.model, samples: 10, seed: 0)
    #expect(throws: SimulationError(field: .threads, rule: "must be an integer with 1 <= threads <= 1024 (got \(threads))")) {
      try simulation.run(threads: threads)
    }
  }

  @Test(arguments: [(0, 10), (1, 1), (BestOfNTrials.maximumCandidates + 1, 10), (1_000_000, 1_000_000_000_000)])
  func badBestOfNIsAnError(n: Int, trials: Int) {
    #expect(throws: SimulationError.self) { try BestOfNTrials(n: n, trials: trials) }
  }

  @Test(arguments: [0, -1, Double.nan, .infinity])
  func badTiltTemperatureIsAnError(beta: Double) {
    #expect(throws: SimulationError.self) {
      try Simulation(model: SimulationEdgeTests.model, samples: 10, seed: 0, tilts: [beta])
    }
  }

  @Test func tinyTemperatureGivesNoNaN() throws {
    // exp(P/β) with β = 1e-6 spans far more than the double range: the running maximum keeps
    // every weight finite, and the winner dominates (effective samples near 1).
    let result = try Simulation(
      model: SimulationEdgeTests.model, samples: 50_000, seed: 2, tilts: [1e-6]
    ).run(threads: 2)
    let tilt = result.tilts[0]
    #expect(tilt.meanPersuasiveness.map { $0.estimate.isFinite && !$0.standardError.isNaN } == true)
    #expect(tilt.effectiveSamples >= 1 && tilt.effectiveSamples < 2)
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteThresholdIsAnError(tau: Double) {
    #expect(throws: SimulationError.self) { try PersuasivenessWindow.threshold(tau) }
  }

  @Test func emptyWindowHasNoMeanButAZeroAcceptance() throws {
    let result = try Simulation(
      model: SimulationEdgeTests.model, samples: 1000, seed: 0, windows: [.threshold(50)]
    ).run()
    let window = result.windows[0]
    #expect(window.accepted == 0)
    #expect(window.acceptance == Estimate(estimate: 0, standardError: 0))
    #expect(window.meanTruth == nil && window.meanPersuasiveness == nil)
  }

  @Test func constantPersuasivenessKeepsAllOrNothing() throws {
    // P = 0 for every output: a threshold at 0 keeps everything, at 0.1 nothing.
    let model = try Model(
      submodules: [Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 0)], weights: [1])
    let result = try Simulation(
      model: model, samples: 5000, seed: 4, windows: [.threshold(0), .threshold(0.1)],
      bestOfN: [BestOfNTrials(n: 8, trials: 500)]
    ).run()
    #expect(result.windows[0].accepted == 5000)
    #expect(result.windows[1].accepted == 0)
    #expect(result.moments.variancePersuasiveness == Estimate(estimate: 0, standardError: 0))
    // Selecting on a constant score leaves truth alone: E[T] = 1 within 4 SE.
    SimulationFixtures.expectAgreement(result.bestOfN[0].meanTruth, 1, 4, "best-of-8 truth")
  }

  @Test func bestOfOneIsThePlainMean() throws {
    let result = try Simulation(
      model: SimulationEdgeTests.model, samples: 2, seed: 9,
      bestOfN: [BestOfNTrials(n: 1, trials: 20_000)]
    ).run()
    SimulationFixtures.expectAgreement(result.bestOfN[0].meanPersuasiveness, 1, 4, "best-of-1 P")
  }
}
