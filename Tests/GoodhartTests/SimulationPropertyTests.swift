import Goodhart
import PropertyBased
import Testing

/// Laws that hold for every model and seed, whatever the draws: checked on random inputs.
@Suite struct SimulationPropertyTests {
  /// A three-submodule Gaussian model from generated means, loadings and raw weights.
  static func model(_ means: [Double], _ loadings: [Double], _ raw: [Double]) throws -> Model {
    let total = raw.reduce(0, +)
    var weights = raw.map { $0 / total }
    weights[2] = 1 - weights[0] - weights[1]
    return try Model(
      submodules: (0..<3).map { index in
        try Submodule(
          name: "S\(index)", mean: means[index], sd: 1 + abs(loadings[index]),
          truth: loadings[index], persuasion: loadings[(index + 1) % 3])
      }, weights: weights)
  }

  /// The thread count never changes a bit, and a lower threshold keeps at least as many draws
  /// as a higher one (never more than the samples).
  @Test func threadCountNeverChangesTheResult() async {
    seededPropertyCheck(
      count: 12, input: Gen.double(in: -3...3).array(of: 3...3),
      Gen.double(in: -1...1).array(of: 3...3), Gen.double(in: 0.05...1).array(of: 3...3),
      Gen.uint64(in: 0...UInt64.max)
    ) { means, loadings, raw, seed in
      let model = try SimulationPropertyTests.model(means, loadings, raw)
      let simulation = try Simulation(
        model: model, samples: 70_000, seed: seed, windows: [.threshold(-0.5), .threshold(0.5)],
        bestOfN: [BestOfNTrials(n: 3, trials: 30_000)])
      let one = try simulation.run(threads: 1)
      #expect(try simulation.run(threads: 3) == one)
      let (low, high) = (one.windows[0], one.windows[1])
      #expect(low.accepted >= high.accepted && low.accepted <= 70_000)
    }
  }
}
