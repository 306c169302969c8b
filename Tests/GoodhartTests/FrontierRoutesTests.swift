import Foundation
import Goodhart
import Testing

/// The frontier on the routes other than closed forms: the mixture reading and heavy tails.
@Suite struct FrontierRoutesTests {
  static let grid = try! KLGrid(points: 24, maximumKL: 3)

  /// Mixture: every filtering point is the law's own policy at that budget; the tilt is the
  /// reference (gap 0 on it); the reward maximiser's gap is exact at a grid point's E[P]; the
  /// weight family's points are the certified optima.
  @Test func mixtureFrontierIsTheLawsOwnPolicies() throws {
    let model = Preset.cheapPersuasion.model.composed(as: .mixture)
    let frontier = try Frontier(model: model, grid: FrontierRoutesTests.grid)
    let law = try model.outputLaw()
    #expect(frontier.route == .mixture)
    let quantiles = try #require(frontier.curve(.quantilizer))
    for point in quantiles.points {
      let exact = try law.quantile(point.parameter).outcome
      #expect(relativeError(point.meanTruth, exact.meanTruth!) < 1e-12)
    }
    let tilt = try #require(frontier.curve(.tilt))
    #expect(tilt.points.allSatisfy { $0.goodhartGap == 0 })
    for point in tilt.points.dropFirst() {
      let exact = try #require(try law.tilt(kl: point.kl).outcome)
      #expect(relativeError(point.meanPersuasiveness, exact.meanPersuasiveness!) < 1e-10)
    }
    // The vertex's E[P] = 2 lies inside the tilt curve (KL 3 reaches E[P] > 2).
    let vertex = frontier.rewardMaximiser
    #expect(relativeError(vertex.kl, log(3)) < 1e-14)
    let reference = try #require(try law.tilt(reachingMeanPersuasiveness: 2).outcome)
    let gap = try #require(vertex.goodhartGap)
    // Linear interpolation between grid points: within 1e-3 of the exact tilt's truth here.
    #expect(abs(gap - reference.meanTruth!) < 1e-3)
    let family = try MixtureWeights(model: model)
    let weights = try #require(frontier.curve(.weightFamily))
    #expect(weights.points.count >= 10)
    for point in weights.points where point.parameter.isFinite {
      let optimum = try family.optimum(beta: point.parameter).outcome
      #expect(relativeError(point.meanTruth, optimum.meanTruth) < 1e-12)
      #expect(point.kl <= FrontierRoutesTests.grid.maximumKL * (1 + 1e-9))
    }
  }

  /// Heavy tails (Student-t C): no tilt exists, so the quantilizer is the reference; the weight
  /// family is left out with a note; the reward maximiser's KL is +∞ (its law lies on a line).
  @Test func heavyTailedFrontierUsesTheQuantilizer() throws {
    let model = try heavyTailModel(c: .studentT(degreesOfFreedom: 3))
    let frontier = try Frontier(model: model, grid: FrontierRoutesTests.grid)
    #expect(frontier.route == .quadrature)
    #expect(frontier.curve(.tilt) == nil && frontier.curve(.weightFamily) == nil)
    #expect(frontier.notes.contains { $0.contains("not normalisable") })
    #expect(frontier.notes.contains { $0.contains("weight family is not shown") })
    let quantiles = try #require(frontier.curve(.quantilizer))
    #expect(quantiles.points.allSatisfy { $0.goodhartGap == 0 })
    #expect(frontier.rewardMaximiser.kl == .infinity)
    let law = try model.outputLaw()
    for point in try #require(frontier.curve(.bestOfN)).points.suffix(3) {
      let exact = try law.bestOfN(point.parameter)
      #expect(relativeError(point.meanTruth, exact.meanTruth!) < 1e-9)
    }
  }

  /// A mixture with parallel vectors (A and A2 share a line): the weight family's optima need the
  /// inner Newton search at every β of the sweep, including large ones, and each is certified.
  @Test func mixtureFrontierWithParallelVectors() throws {
    let model = try MixtureLawTests.mixture(
      [(1, 1, 1, 1), (1.5, 0.5, 2, 2), (1, 1, 1, 0), (2, 1, 0, 1)], weights: [0.25, 0.25, 0.25, 0.25])
    let grid = try KLGrid(points: 6, maximumKL: 2)
    let frontier = try Frontier(model: model, grid: grid)
    let weights = try #require(frontier.curve(.weightFamily))
    // One point per budget below the vertex's KL (1.03 nats): the weights reach no further.
    #expect(weights.points.count == grid.values.filter { $0 < frontier.rewardMaximiser.kl }.count)
    let family = try MixtureWeights(model: model)
    for point in weights.points.dropFirst() {
      let optimum = try family.optimum(beta: point.parameter)
      #expect(optimum.kktResidual < ExactOptimum.kktTolerance)
    }
  }
}
