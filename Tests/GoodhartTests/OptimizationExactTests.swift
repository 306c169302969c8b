import Foundation
import PropertyBased
import Testing

@testable import Goodhart

/// The exact optimum of E_w[P] − β KL over the simplex.
@Suite struct OptimizationExactTests {
  typealias F = OptimizationFixtures

  /// The comment's case split: unpenalised RL lands on the cheapest persuader.
  @Test func cheapPersuasionAbandonsTruth() throws {
    let optimum = try WeightFamily(model: Preset.cheapPersuasion.model).optimum(beta: 0)
    #expect(optimum.outcome.weights == [0, 0, 1])
    #expect(optimum.outcome.meanTruth == 0)
    #expect(optimum.outcome.meanPersuasiveness == 2)
    #expect(optimum.outcome.kl == .infinity)
    #expect(optimum.outcome.objective == 2)
  }

  @Test func honestPersuasionKeepsTruth() throws {
    let optimum = try WeightFamily(model: Preset.honestPersuasion.model).optimum(beta: 0)
    #expect(optimum.outcome.weights == [1, 0, 0])
    #expect(optimum.outcome.meanTruth == 2, "A's mean")
  }

  /// For random models β = 0 gives the vertex argmax p_i m_i, and nothing on the simplex beats it.
  @Test func randomModelsGoToTheVertex() async {
    seededPropertyCheck(count: 50, input: Gen.int(in: 0...Int(Int32.max))) { seed in
      let model = F.randomModel(seed: UInt64(seed))
      let optimum = try! WeightFamily(model: model).optimum(beta: 0)
      let rewards = model.submodules.map { $0.persuasion * $0.distribution.location }
      let best = rewards.indices.max { rewards[$0] < rewards[$1] || (rewards[$0] == rewards[$1] && $0 > $1) }!
      #expect(optimum.outcome.weights[best] == 1)
      #expect(optimum.outcome.meanPersuasiveness == rewards[best])
      #expect(optimum.kktResidual == 0)
    }
  }

  /// A huge penalty keeps the base weights.
  @Test(arguments: [Preset.cheapPersuasion, .honestPersuasion])
  func hugeBetaStaysAtTheBase(preset: Preset) throws {
    let family = try WeightFamily(model: preset.model)
    let optimum = try family.optimum(beta: 1e7)
    #expect(F.distance(optimum.outcome.weights, family.baseWeights) <= 1e-6)
    #expect(optimum.outcome.kl <= 1e-12)
  }

  /// The preset optima: KKT-verified, on a face where the comment's B is useless, and better than
  /// every point of a fine grid of the simplex.
  @Test(arguments: [(Preset.cheapPersuasion, 0.1), (.cheapPersuasion, 1), (.honestPersuasion, 0.03)])
  func presetOptimaBeatAGrid(preset: Preset, beta: Double) throws {
    let family = try WeightFamily(model: preset.model)
    let optimum = try family.optimum(beta: beta)
    #expect(optimum.kktResidual <= ExactOptimum.kktTolerance)
    let steps = 100
    for i in 0...steps {
      for j in 0...(steps - i) {
        let w = [Double(i) / Double(steps), Double(j) / Double(steps), Double(steps - i - j) / Double(steps)]
        #expect(family.outcome(at: w, beta: beta).objective <= optimum.outcome.objective + 1e-12)
      }
    }
  }

  @Test func smallBetaOptimumSitsOnAFace() throws {
    let optimum = try WeightFamily(model: Preset.cheapPersuasion.model).optimum(beta: 0.1)
    #expect(optimum.outcome.weights[1] == 0, "B carries no persuasiveness: exactly 0")
    #expect(optimum.support == [0, 2])
  }

  /// On random models: KKT verified, reported numbers equal those of the weights, the optimum
  /// beats w0 and 100 random points, and as β falls E[P] rises.
  @Test func randomModelsOptimaAreVerifiedAndMonotone() async {
    seededPropertyCheck(count: 30, input: Gen.int(in: 0...Int(Int32.max))) { seed in
      let model = F.randomModel(seed: UInt64(seed))
      let family = try! WeightFamily(model: model)
      var random = F.Stream(seed: UInt64(seed))
      var previous = -Double.infinity
      for beta in [10.0, 1, 0.3, 0.1, 0.03] {
        let optimum = try! family.optimum(beta: beta)
        let outcome = optimum.outcome
        #expect(optimum.kktResidual <= ExactOptimum.kktTolerance)
        #expect(outcome == family.outcome(at: outcome.weights, beta: beta))
        #expect(abs(outcome.weights.reduce(0, +) - 1) <= 1e-12)
        #expect(outcome.objective >= family.outcome(at: family.baseWeights, beta: beta).objective)
        for _ in 0..<100 {
          let w = random.simplexPoint(model.submodules.count)
          #expect(family.outcome(at: w, beta: beta).objective <= outcome.objective + 1e-12 * max(1, abs(outcome.objective)))
        }
        #expect(outcome.meanPersuasiveness >= previous - 1e-9, "seed \(seed), beta \(beta)")
        previous = outcome.meanPersuasiveness
      }
    }
  }

  /// The smooth search (BFGS on the softmax logits) ends this model's search at β = 0.3 with
  /// weights of about 1e-14 on three submodules, whose removal gains less than J's rounding; the
  /// ascent drops them and the optimum verifies on the face {S2, S3}, equal (1e-12 relative in J)
  /// to the certified branch and bound. Before the drop no start verified (KKT residual 0.0146).
  @Test func negligibleWeightsFromTheSmoothSearchAreDropped() throws {
    let model = F.randomModel(seed: 1_948_554_964)
    let optimum = try WeightFamily(model: model).optimum(beta: 0.3)
    #expect(optimum.support == [2, 3])
    #expect(optimum.kktResidual <= ExactOptimum.kktTolerance)
    let certified = try model.regularisedOptimum(beta: 0.3, regulariser: .outputKL, domain: .simplex)
    #expect(certified.certificate == .global)
    #expect(relativeError(optimum.outcome.objective, certified.outcome.objective) <= 1e-12)
  }

  /// The tilt π0 exp(P/β') is optimal over ALL laws: at the family optimum's KL it reaches at least
  /// the family's E[P].
  @Test func theTiltIsNeverBeatenAtEqualKL() async {
    seededPropertyCheck(count: 30, input: Gen.int(in: 0...Int(Int32.max))) { seed in
      let model = F.randomModel(seed: UInt64(seed))
      let family = try! WeightFamily(model: model)
      let base = try! model.jointLaw()
      for beta in [3.0, 0.5, 0.05] {
        let outcome = try! family.optimum(beta: beta).outcome
        guard outcome.kl > 1e-9, base.variancePersuasiveness > 0 else { continue }
        let tilt = try! base.tilt(kl: outcome.kl).outcome
        #expect(tilt!.meanPersuasiveness! >= outcome.meanPersuasiveness - 1e-12 * max(1, abs(outcome.meanPersuasiveness)),
                "seed \(seed), beta \(beta)")
      }
    }
  }

  /// A model where J has a KKT point on the face {S0, S2} that is only a local optimum: the
  /// global one also weights S1 (found by SLSQP from 200 starts, J = −0.169832647538654).
  @Test func faceSearchEscapesALocalOptimum() throws {
    let model = OptimizationFixtures.localOptimumModel
    let family = try WeightFamily(model: model)
    let beta = OptimizationFixtures.localOptimumBeta
    let optimum = try family.optimum(beta: beta)
    #expect(optimum.outcome.objective >= -0.169832647538654 - 1e-12)
    #expect(optimum.support == [0, 1, 2])
    // The local optimum it must not stop at.
    #expect(family.outcome(at: [0.6866208540751615, 0, 0.31337914592483856, 0], beta: beta).objective < -0.1735)
  }

  @Test(arguments: [-1.0, .nan, .infinity, -.infinity])
  func badBetaIsAnError(beta: Double) throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    #expect(throws: OptimisationError.self) { try family.optimum(beta: beta) }
  }
}
