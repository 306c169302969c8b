import Foundation
import PropertyBased
import Testing

@testable import Goodhart

/// The KL of the weight family: closed form against Monte Carlo, derivatives against finite
/// differences, and the degenerate edges.
@Suite struct OptimizationKLTests {
  typealias F = OptimizationFixtures

  /// KL(law_w || law_w0) = E_w[ln π_w(y) − ln π_0(y)], estimated with 200 000 draws of y from
  /// an independent generator; the closed form must lie within 5 standard errors.
  @Test(arguments: [[0.5, 0.2, 0.3], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1]])
  func klMatchesMonteCarlo(weights: [Double]) throws {
    let seed = UInt64(weights[0] * 1000)
    let model = Preset.cheapPersuasion.model
    let family = try WeightFamily(model: model)
    let law = family.law(at: weights)
    let base = try model.jointLaw()
    var random = F.Stream(seed: seed)
    var sum = 0.0
    var squares = 0.0
    let draws = 200_000
    let l11 = law.varianceTruth.squareRoot()
    let l21 = law.covariance / l11
    let l22 = (law.variancePersuasiveness - l21 * l21).squareRoot()
    for _ in 0..<draws {
      let (e1, e2) = (random.normal(), random.normal())
      let y = (law.meanTruth + l11 * e1, law.meanPersuasiveness + l21 * e1 + l22 * e2)
      let ratio =
        F.logDensity(y, mean: (law.meanTruth, law.meanPersuasiveness), law: law)
        - F.logDensity(y, mean: (base.meanTruth, base.meanPersuasiveness), law: base)
      sum += ratio
      squares += ratio * ratio
    }
    let mean = sum / Double(draws)
    let standardError = ((squares / Double(draws) - mean * mean) / Double(draws)).squareRoot()
    let kl = family.kl(at: weights)
    #expect(abs(kl - mean) <= 5 * standardError, "KL \(kl), Monte Carlo \(mean) ± \(standardError)")
    #expect(standardError <= 0.02 * kl, "the check is sharp: SE \(standardError)")
  }

  @Test func klIsZeroAtTheBaseAndInfiniteAtAVertex() throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    #expect(family.kl(at: family.baseWeights) <= 1e-15)
    #expect(family.kl(at: [0, 0, 1]) == .infinity)
    #expect(family.kl(at: [1, 0, 0]) == .infinity)
    #expect(family.kl(at: [0.5, 0, 0.5]).isFinite, "a face with two non-proportional loadings")
    #expect(family.klGradient(at: [0, 0, 1]) == nil)
  }

  /// Only submodules with proportional (truth, persuasion) loadings weighted: Σ_w is singular.
  @Test func proportionalLoadingsGiveAnInfiniteKL() throws {
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 2),
        Submodule(name: "B", mean: 2, sd: 0.5, truth: 0.5, persuasion: 1),
        Submodule(name: "C", mean: 1, sd: 1, truth: 1, persuasion: 0),
      ], weights: [0.3, 0.3, 0.4])
    let family = try WeightFamily(model: model)
    #expect(family.kl(at: [0.5, 0.5, 0]) == .infinity)
    #expect(family.kl(at: [0.5, 0.4, 0.1]).isFinite)
  }

  /// A degenerate base law (one submodule weighted): the KL is along its line, and β > 0 is an
  /// error naming `weights`.
  @Test func degenerateBaseLaw() throws {
    let model = try Preset.cheapPersuasion.model.withWeights([0, 0, 1])
    let family = try WeightFamily(model: model)
    #expect(family.baseIsDegenerate)
    #expect(family.kl(at: [0, 0, 1]) == 0)
    #expect(family.kl(at: [0.5, 0, 0.5]) == .infinity)
    #expect(throws: OptimisationError.self) { try family.optimum(beta: 0.1) }
    do {
      _ = try family.optimum(beta: 0.1)
    } catch {
      #expect(error.field == .weights)
      #expect(error.rule.contains("singular"))
    }
    let vertex = try family.optimum(beta: 0)
    #expect(vertex.outcome.weights == [0, 0, 1])
    #expect(vertex.outcome.kl == 0)
  }

  /// Along one line the degenerate KL is the one-dimensional normal KL.
  @Test func degenerateBaseOnALineUsesTheOneDimensionalKL() throws {
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 3, sd: 2, truth: 2, persuasion: 2),
      ], weights: [1, 0])
    let family = try WeightFamily(model: model)
    // Base: y = X_A (1, 1); with w = (0, 1): y = 2 X_B (1, 1). Along e = (1, 1)/√2 the base is
    // N(√2, 2) and the other N(6√2, 32): KL = ½ (32/2 + (5√2)²/2 − 1 − ln 16).
    let expected = 0.5 * (32.0 / 2 + 50.0 / 2 - 1 - log(16.0))
    #expect(F.relativeError(family.kl(at: [0, 1]), expected) <= 1e-12)
  }

  @Test func heavyTailsAreAClearError() throws {
    let heavy = try Submodule(
      name: "H", distribution: Distribution(family: .studentT(degreesOfFreedom: 3), location: 0, scale: 1),
      truth: 1, persuasion: 1)
    let model = try Model(
      submodules: Preset.cheapPersuasion.model.submodules + [heavy], weights: [0.25, 0.25, 0.25, 0.25])
    #expect(throws: OptimisationError(field: .model, rule: """
      submodules[3].distribution: the optimisers on the weights need normal submodules in the \
      sum reading, since the KL penalty is the closed form between bivariate normal laws (got \
      student_t)
      """)) { try WeightFamily(model: model) }
  }

  /// ∇ KL against central differences along each coordinate (w is not renormalised: the
  /// formula holds off the simplex too), on random models at random interior points. The step is
  /// 1e-3: where the loadings are nearly parallel the covariance is nearly singular and the KL
  /// carries a relative rounding of about 1e-10, which a step of 1e-4 turns into differences off
  /// by 1.5e-5 (the worst of 3,000 random models; 2.9e-7 with 1e-3, whose truncation is O(h⁴)).
  @Test func gradientMatchesFiniteDifferences() async {
    seededPropertyCheck(count: 40, input: Gen.int(in: 0...Int(Int32.max))) { seed in
      let model = F.randomModel(seed: UInt64(seed))
      let family = try! WeightFamily(model: model)
      var random = F.Stream(seed: UInt64(seed) ^ 0xABCD)
      let w = random.simplexPoint(model.submodules.count).map { 0.1 + $0 }
      guard let gradient = family.klGradient(at: w) else { return }
      for i in w.indices {
        let difference = F.extrapolatedDifference(at: w, along: i, step: 1e-3) { family.kl(at: $0) }
        let scale = max(1, abs(family.kl(at: w)), abs(gradient[i]))
        #expect(abs(difference - gradient[i]) <= 1e-6 * scale, "seed \(seed), i \(i)")
      }
    }
  }

  /// The Hessian against central differences of the gradient.
  @Test func hessianMatchesFiniteDifferences() async {
    seededPropertyCheck(count: 25, input: Gen.int(in: 0...Int(Int32.max))) { seed in
      let model = F.randomModel(seed: UInt64(seed))
      let family = try! WeightFamily(model: model)
      var random = F.Stream(seed: UInt64(seed) ^ 0x1234)
      let w = random.simplexPoint(model.submodules.count).map { 0.1 + $0 }
      let law = family.normal(at: w)
      guard !law.isSingular else { return }
      let support = Array(w.indices)
      let hessian = family.klHessian(at: w, law: law, support: support)
      for j in w.indices {
        for i in w.indices {
          let difference = F.extrapolatedDifference(at: w, along: j) { family.klGradient(at: $0)![i] }
          let scale = max(1, abs(hessian[i][j]), abs(hessian[i][i]))
          #expect(abs(difference - hessian[i][j]) <= 1e-5 * scale, "seed \(seed), (\(i), \(j))")
        }
      }
    }
  }
}
