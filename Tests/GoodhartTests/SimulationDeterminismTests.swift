import Goodhart
import Testing

/// Chunks keyed by (seed, chunk index) and merged in chunk order: the thread count never changes a
/// bit of the result, and different seeds give different results.
@Suite struct SimulationDeterminismTests {
  static func simulation(seed: UInt64, model: Model = Preset.cheapPersuasion.model) throws
    -> Simulation
  {
    // 150_001 samples: two full chunks and a partial one.
    try Simulation(
      model: model, samples: 150_001, seed: seed,
      windows: [.threshold(1), .around(0.8, halfWidth: 0.1)],
      bestOfN: [BestOfNTrials(n: 3, trials: 50_000), BestOfNTrials(n: 70_000, trials: 3)],
      tilts: [0.3])
  }

  @Test func sameSeedSameBitsWhateverTheThreadCount() throws {
    let simulation = try SimulationDeterminismTests.simulation(seed: 11)
    let one = try simulation.run(threads: 1)
    for threads in [2, 7, 8] {
      #expect(try simulation.run(threads: threads) == one, "threads = \(threads)")
    }
  }

  @Test func heavyTailedRunsAreAlsoThreadIndependent() throws {
    let model = try SimulationSamplingTests.mixedFamilyModel()
    let simulation = try SimulationDeterminismTests.simulation(seed: 3, model: model)
    #expect(try simulation.run(threads: 1) == simulation.run(threads: 2))
  }

  @Test func differentSeedsDiffer() throws {
    let first = try SimulationDeterminismTests.simulation(seed: 1).run(threads: 2)
    let second = try SimulationDeterminismTests.simulation(seed: 2).run(threads: 2)
    #expect(first.moments.meanTruth != second.moments.meanTruth)
    #expect(first.windows[0].accepted != second.windows[0].accepted)
    #expect(first.bestOfN[0].meanTruth != second.bestOfN[0].meanTruth)
  }

  @Test func progressReachesTheTotalInOrder() throws {
    let simulation = try SimulationDeterminismTests.simulation(seed: 5)
    var reports: [SimulationProgress] = []
    _ = try simulation.run(threads: 2) { reports.append($0) }
    #expect(reports.last?.completed == simulation.totalDraws)
    #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.completed <= $1.completed })
    #expect(reports.allSatisfy { $0.total == simulation.totalDraws })
  }

  /// Every accumulator reads the same block of draws, so asking for windows and tilts leaves the
  /// moments' bits alone (an odd sample count exercises the last, unpaired draw).
  @Test(arguments: [false, true])
  func momentsDoNotDependOnTheSelectionsRequested(heavyTailed: Bool) throws {
    let model =
      heavyTailed ? try SimulationSamplingTests.mixedFamilyModel() : Preset.cheapPersuasion.model
    let plain = try Simulation(model: model, samples: 70_001, seed: 9).run()
    let withSelections = try Simulation(
      model: model, samples: 70_001, seed: 9, windows: [.threshold(1)], tilts: [0.5]
    ).run()
    #expect(plain.moments == withSelections.moments)
  }
}
