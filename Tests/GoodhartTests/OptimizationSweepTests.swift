import Foundation
import PropertyBased
import Testing

@testable import Goodhart

/// The exact optima along a sweep of β (`WeightFamily.optima(betas:)`), against the full
/// multi-start search at each β.
@Suite struct OptimizationSweepTests {
  typealias F = OptimizationFixtures

  /// `count` betas from 10 down to 0.01, evenly spaced in ln β.
  static func betas(_ count: Int) -> [Double] {
    (0..<count).map { pow(10, 1 - 3 * Double($0) / Double(count - 1)) }
  }

  /// Two KKT points of the same local optimum: J equal to rounding, weights close.
  static func expectSame(_ sweep: ExactOptimum, _ full: ExactOptimum, _ label: String) {
    let scale = max(1, abs(full.outcome.objective))
    #expect(abs(sweep.outcome.objective - full.outcome.objective) <= 1e-11 * scale, "\(label)")
    #expect(F.distance(sweep.outcome.weights, full.outcome.weights) <= 1e-7, "\(label)")
    #expect(sweep.support == full.support, "\(label)")
    #expect(sweep.kktResidual <= ExactOptimum.kktTolerance, "\(label)")
  }

  /// On random models (2–5 submodules, many with several local optima), every optimum of the
  /// sweep is the one the full search finds at that β.
  @Test func sweepMatchesTheFullSearch() async {
    seededPropertyCheck(count: 10, input: Gen.int(in: 0...Int(Int32.max))) { seed in
      let family = try! WeightFamily(model: F.randomModel(seed: UInt64(seed)))
      let betas = OptimizationSweepTests.betas(16)
      let sweep = try! family.optima(betas: betas)
      #expect(sweep.count == betas.count)
      for (beta, optimum) in zip(betas, sweep) {
        #expect(optimum.outcome.beta == beta)
        #expect(optimum.outcome == family.outcome(at: optimum.outcome.weights, beta: beta))
        // Never worse than the multi-start search at that β (better where a path holds an
        // optimum the multi-start search misses), and a verified KKT point.
        let full = try! family.optimum(beta: beta)
        let scale = max(1, abs(full.outcome.objective))
        #expect(optimum.outcome.objective >= full.outcome.objective - 1e-11 * scale, "seed \(seed), beta \(beta)")
        #expect(optimum.kktResidual <= ExactOptimum.kktTolerance, "seed \(seed), beta \(beta)")
      }
    }
  }

  /// Models where a branch of local optima is born partway through the sweep and becomes the
  /// global one (found with the 40-beta sweep below against the full search): a single path from
  /// β = 10 down stays on its old branch, the two-way sweep does not.
  @Test(arguments: [(UInt64(40), 0.01), (52, 0.01)])
  func branchBornMidSweepIsSeen(seed: UInt64, beta: Double) throws {
    let family = try WeightFamily(model: F.randomModel(seed: seed))
    let betas = OptimizationSweepTests.betas(40)
    #expect(betas.last == beta)
    var path = OptimumPath(family: family)
    let oneWay = try betas.map { try path.search(beta: $0).optimum(beta: $0) }
    let full = try family.optimum(beta: beta)
    #expect(oneWay.last!.outcome.objective < full.outcome.objective - 1e-3, "the case is still hard")
    OptimizationSweepTests.expectSame(try family.optima(betas: betas).last!, full, "seed \(seed)")
  }

  /// A branch both paths missed (random model 693032648, 16 betas, at β ≈ 0.398 the paths stayed
  /// on support {0, 1, 3} with J = 0.589; the global optimum is on {0, 1, 2} with J = 0.738): the
  /// multi-start search at every β catches it.
  @Test func branchMissedByBothPathsIsCaught() throws {
    let family = try WeightFamily(model: F.randomModel(seed: 693_032_648))
    let betas = OptimizationSweepTests.betas(16)
    let sweep = try family.optima(betas: betas)
    OptimizationSweepTests.expectSame(sweep[7], try family.optimum(beta: betas[7]), "beta \(betas[7])")
    #expect(sweep[7].support == [0, 1, 2])
  }

  /// Order does not matter to the answer, β = 0 is the vertex, and an empty sweep is empty.
  @Test func unorderedBetasAndTheVertex() throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    let betas = [0.3, 0, 3, 0.01, 0.3]
    let sweep = try family.optima(betas: betas)
    for (beta, optimum) in zip(betas, sweep) {
      OptimizationSweepTests.expectSame(optimum, try family.optimum(beta: beta), "beta \(beta)")
    }
    #expect(sweep[1].outcome.weights == [0, 0, 1])
    #expect(try family.optima(betas: []).isEmpty)
    #expect(try family.optima(betas: [0.1]).map(\.outcome) == [try family.optimum(beta: 0.1).outcome])
  }

  @Test(arguments: [-1.0, .nan, .infinity])
  func badBetaIsAnError(beta: Double) throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    #expect(throws: OptimisationError(field: .beta, rule: "must be finite and >= 0 (got \(beta))")) {
      try family.optima(betas: [1, beta])
    }
  }

  @Test func degenerateBaseIsAnError() throws {
    let line = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 2, sd: 1, truth: 1, persuasion: 1),
      ],
      weights: [0.5, 0.5])
    let family = try WeightFamily(model: line)
    #expect(throws: OptimisationError.degenerateBase) { try family.optima(betas: [0.5]) }
    #expect(try family.optima(betas: [0]).count == 1)
  }
}
