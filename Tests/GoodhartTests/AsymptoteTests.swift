import Foundation
import Testing

@testable import Goodhart

/// The asymptote of best-of-n truth (`Model.bestOfNAsymptote`), decided from the tails, against
/// the quadrature route at n = 1e15 where the convergence is fast enough to show it, and against
/// the limits written out here by hand.
@Suite struct AsymptoteTests {
  /// cheap-persuasion's A and B with C from `family` (location 1, scale `scale`, truth `truthC`).
  static func model(
    _ family: Distribution.Family, scale: Double = 1, truthC: Double = 0, persuasionC: Double = 1,
    composition: Composition = .sum
  ) throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
        Submodule(
          name: "C", distribution: Distribution(family: family, location: 1, scale: scale),
          truth: truthC, persuasion: persuasionC),
      ],
      weights: [1.0 / 3, 1.0 / 3, 1.0 / 3], composition: composition)
  }

  static func truthAt(_ n: Double, _ model: Model) throws -> Double {
    try model.outputLaw().bestOfNMeans(at: [n])[0].meanTruth!
  }

  @Test func normalErrorsAreUnbounded() throws {
    for preset in [Preset.cheapPersuasion, .honestPersuasion] {
      let asymptote = preset.model.bestOfNAsymptote()
      #expect(asymptote.kind == .unbounded && asymptote.limit == nil)
    }
  }

  /// Student-t of every dof and Cauchy: base. Quadrature at 1e15 is within 1e-4 of base for
  /// t(3) and 1e-9 for Cauchy; for t(50) it is still far (1.80), which is why a verdict from
  /// the largest n tried was wrong.
  @Test func polynomialTailsReturnToBase() throws {
    for dof in [1.5, 3, 10, 50, 100] {
      let asymptote = try AsymptoteTests.model(.studentT(degreesOfFreedom: dof)).bestOfNAsymptote()
      #expect(asymptote.kind == .base && abs(asymptote.limit! - 2.0 / 3) <= 1e-15, "dof \(dof)")
    }
    #expect(try AsymptoteTests.model(.cauchy).bestOfNAsymptote().kind == .base)
    #expect(abs(try AsymptoteTests.truthAt(1e15, AsymptoteTests.model(.studentT(degreesOfFreedom: 3))) - 2.0 / 3) <= 1e-4)
    #expect(abs(try AsymptoteTests.truthAt(1e15, AsymptoteTests.model(.cauchy)) - 2.0 / 3) <= 1e-9)
    #expect(try AsymptoteTests.truthAt(1e15, AsymptoteTests.model(.studentT(degreesOfFreedom: 50))) > 1.5)
  }

  /// Laplace and logistic C of scale s: plateau at E[T] + a_A (r b_A s_A²) with r = 1/(b_C s):
  /// 2/3 + (1/3)(3/s)(1/3) = 2/3 + 1/(3s); quadrature at 1e15 agrees to 1e-9 relative.
  @Test(arguments: [Distribution.Family.laplace, .logistic])
  func exponentialTailsLevelOffAtTheTiltedMean(family: Distribution.Family) throws {
    for scale in [1.0, 2, 0.5] {
      let model = try AsymptoteTests.model(family, scale: scale)
      let asymptote = model.bestOfNAsymptote()
      let expected = 2.0 / 3 + 1 / (3 * scale)
      #expect(asymptote.kind == .plateau)
      #expect(abs(asymptote.limit! - expected) <= 1e-14 * expected, "scale \(scale)")
      let quadrature = try AsymptoteTests.truthAt(1e15, model)
      #expect(abs(quadrature - expected) <= 1e-9 * expected, "scale \(scale): \(quadrature) vs \(expected)")
    }
  }

  /// A heavy-tailed part that carries truth: E[T] grows like (t_C/p_C) p, or falls to −∞.
  @Test func truthOnTheHeaviestPartIsUnboundedEitherWay() throws {
    let up = try AsymptoteTests.model(.studentT(degreesOfFreedom: 3), truthC: 0.5).bestOfNAsymptote()
    #expect(up.kind == .unbounded)
    let down = try AsymptoteTests.model(.laplace, truthC: -0.5).bestOfNAsymptote()
    #expect(down.kind == .belowBase && down.limit == nil)
    let noMean = try AsymptoteTests.model(.cauchy, truthC: 0.5).bestOfNAsymptote()
    #expect(noMean.kind == .undetermined)
  }

  /// A part whose right tail ends (a left-oriented law) never carries P's extremes beside an
  /// unbounded part: beside a Student-t(3) C a bounded D that carries truth leaves the verdict
  /// base (it was undetermined), and the quadrature's E[T] closes in on base (within 1e-3 at
  /// 1e15). A P bounded above, and normal parts beside a bounded one, stay undetermined.
  @Test func boundedPartsNeverCarryTheExtremes() throws {
    let bounded = try Distribution(family: .weibull(shape: 1.5, orientation: .left), location: 2, scale: 1)
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(
          name: "C", distribution: Distribution(family: .studentT(degreesOfFreedom: 3), location: 1, scale: 1),
          truth: 0, persuasion: 1),
        Submodule(name: "D", distribution: bounded, truth: 0.5, persuasion: 1),
      ],
      weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
    let asymptote = model.bestOfNAsymptote()
    let base = try #require(model.moments.meanTruth)
    #expect(asymptote.kind == .base && asymptote.limit == base, "\(asymptote.reason)")
    let gaps = try [1e3, 1e9, 1e15].map { abs(try AsymptoteTests.truthAt($0, model) - base) }
    #expect(gaps[0] > gaps[1] && gaps[1] > gaps[2] && gaps[2] <= 1e-3, "\(gaps)")

    let onlyBounded = try AsymptoteTests.model(bounded.family).bestOfNAsymptote()
    #expect(onlyBounded.kind == .unbounded, "A (normal, carrying truth) is heavier than C")
    // A normal part beside D: one that carries no persuasion (P = D's share, bounded above), or
    // one that carries persuasion but no truth.
    for (normalPersuasion, named) in [(0.0, "bounded above"), (1, "normal")] {
      let verdict = try Model(
        submodules: [
          Submodule(name: "B", mean: 1, sd: 1, truth: 1 - normalPersuasion, persuasion: normalPersuasion),
          Submodule(name: "D", distribution: bounded, truth: 0.5, persuasion: 1),
        ],
        weights: [0.5, 0.5]
      ).bestOfNAsymptote()
      #expect(verdict.kind == .undetermined && verdict.reason.contains(named), "\(verdict.reason)")
    }
  }

  /// The mixture reading of cheap-persuasion: C (persuasion only, the widest tail of P) takes
  /// the posterior, so E[T] -> 0 below the base 2/3; quadrature at 1e15 is below 0.01.
  @Test func theMixtureFallsBelowBase() throws {
    let model = try AsymptoteTests.model(.normal, scale: 1.5, composition: .mixture)
    let asymptote = model.bestOfNAsymptote()
    #expect(asymptote.kind == .belowBase && asymptote.limit == 0)
    #expect(try AsymptoteTests.truthAt(1e15, model) < 0.01)
    let truthful = try AsymptoteTests.model(.normal, scale: 0.5, composition: .mixture).bestOfNAsymptote()
    #expect(truthful.kind == .unbounded, "A's tail (sd 1) is the widest: it carries truth")
  }
}
