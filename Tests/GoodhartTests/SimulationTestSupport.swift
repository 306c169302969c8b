import Goodhart
import Testing

/// Random Gaussian models drawn from a fixed seed, so every statistical test sees the same models
/// on every run and cannot flake.
enum SimulationFixtures {
  /// `count` random Gaussian models with 2 to 4 submodules (means in [−2, 2], sds in [0.3, 2],
  /// loadings in [−1, 1], weights a normalised uniform draw), from the seed `seed`.
  static func randomGaussianModels(count: Int, seed: UInt64) throws -> [Model] {
    var source = RandomSource(seed: seed, stream: 99)
    func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * source.uniform() }
    var models: [Model] = []
    for _ in 0..<count {
      let size = 2 + Int(source.nextBits() % 3)
      var submodules: [Submodule] = []
      var raw: [Double] = []
      for index in 0..<size {
        submodules.append(
          try Submodule(
            name: "S\(index)", mean: uniform(-2, 2), sd: uniform(0.3, 2), truth: uniform(-1, 1),
            persuasion: uniform(-1, 1)))
        raw.append(uniform(0.1, 1))
      }
      let total = raw.reduce(0, +)
      var weights = raw.map { $0 / total }
      weights[size - 1] = 1 - weights.dropLast().reduce(0, +)
      models.append(try Model(submodules: submodules, weights: weights))
    }
    return models
  }

  /// Expects `estimate` to lie within `bound` standard errors of `exact`.
  static func expectAgreement(
    _ estimate: Estimate?, _ exact: Double, _ bound: Double, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let estimate else {
      Issue.record("\(label): no estimate", sourceLocation: sourceLocation)
      return
    }
    let z = estimate.zScore(against: exact)
    #expect(
      abs(z) <= bound, "\(label): \(estimate) vs exact \(exact) (z = \(z))",
      sourceLocation: sourceLocation)
  }
}
