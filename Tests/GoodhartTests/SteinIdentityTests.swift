import Foundation
import Testing
@testable import Goodhart

/// Best-of-n, thresholds and quantilizers by Stein's identity (`PersuasionLaw.steinBestOfN`,
/// `steinKept`: E[T] and Var T from F_S and f_S alone, where only a normal part carries truth)
/// against the direct route (the truth numerator and truth-square numerator integrated node by
/// node), an independent computation of the same numbers.
@Suite struct SteinIdentityTests {
  /// Models where only a normal part of P carries truth, each with a label.
  static func models() throws -> [(String, Model)] {
    let normal = try Distribution.normal(mean: 1, standardDeviation: 1)
    let t3 = try Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1)
    let laplace = try Distribution(family: .laplace, location: -1, scale: 0.7)
    var models: [(String, Model)] = []
    let families: [(String, Distribution.Family)] = [
      ("t(3)", .studentT(degreesOfFreedom: 3)), ("Cauchy", .cauchy), ("Laplace", .laplace),
      ("lognormal σ = 1.5", .lognormal(sigma: 1.5, orientation: .right)),
      ("Lomax α = 1.5", .pareto(alpha: 1.5, orientation: .right)),
      ("left Weibull k = 0.5", .weibull(shape: 0.5, orientation: .left)),
    ]
    for (label, family) in families { models.append((label, try heavyTailModel(c: family))) }
    models.append((
      "t(3) and Laplace beside the normal part",
      try Model(
        submodules: [
          Submodule(name: "A", distribution: normal, truth: 1, persuasion: 1),
          Submodule(name: "B", distribution: normal, truth: 1, persuasion: 0),
          Submodule(name: "C", distribution: t3, truth: 0, persuasion: 1),
          Submodule(name: "D", distribution: laplace, truth: 0, persuasion: 2),
        ],
        weights: [0.3, 0.2, 0.3, 0.2])
    ))
    // Two normal parts with different truth ratios: one merged carrier with inner noise.
    models.append((
      "two normal carriers merged, beside t(3)",
      try Model(
        submodules: [
          Submodule(name: "A", distribution: normal, truth: 1, persuasion: 1),
          Submodule(name: "A2", distribution: try .normal(mean: 0, standardDeviation: 2), truth: 2, persuasion: 0.5),
          Submodule(name: "C", distribution: t3, truth: 0, persuasion: 1),
        ],
        weights: [0.4, 0.3, 0.3])
    ))
    return models
  }

  /// The two routes agree: E[T] − c and Var T to 1e-8 relative (the outer integrals ask 1e-9),
  /// and E[P], the same integral in both, to 1e-13 (a kernel pass asked for the truth may cut
  /// its line wider, so its tail and density differ in the last bits).
  private static func expectAgreement(
    _ stein: SelectionOutcome, _ direct: SelectionOutcome, law: PersuasionLaw, _ what: String
  ) throws {
    let offset = try #require(law.truthOffset)
    let steinExcess = try #require(stein.meanTruth) - offset
    let directExcess = try #require(direct.meanTruth) - offset
    let excessError = heavyTailRelativeError(steinExcess, directExcess, floor: 1e-13 * law.truthScale)
    #expect(excessError < 1e-8, "\(what): E[T] − c \(steinExcess) against \(directExcess)")
    let steinVariance = try #require(stein.varianceTruth)
    let directVariance = try #require(direct.varianceTruth)
    #expect(
      heavyTailRelativeError(steinVariance, directVariance) < 1e-8,
      "\(what): Var T \(steinVariance) against \(directVariance)")
    // E[P] is undefined (nil) alike in both where P has no mean (Cauchy).
    #expect((stein.meanPersuasiveness == nil) == (direct.meanPersuasiveness == nil), "\(what): E[P]")
    if let steinMean = stein.meanPersuasiveness, let directMean = direct.meanPersuasiveness {
      #expect(heavyTailRelativeError(steinMean, directMean) < 1e-13, "\(what): E[P]")
    }
  }

  @Test func bestOfNAgreesWithTheDirectRoute() throws {
    for (label, model) in try Self.models() {
      let law = try PersuasionLaw(model: model)
      #expect(law.steinCarrier != nil, "\(label): Stein's identity should apply")
      for n in [1.5, 2, 10, 1e3, 1e6, 1e9] {
        do {
          let stein = try law.bestOfN(n, table: nil, dispersion: true)
          let direct = try law.bestOfN(n, table: nil, dispersion: true, truthByStein: false)
          try Self.expectAgreement(stein, direct, law: law, "\(label), best of \(n)")
        } catch {
          Issue.record("\(label), best of \(n): \(error)")
        }
      }
    }
  }

  /// Beside a lognormal error with σ = 5 the best of 10 has the median of its maximum 900 above
  /// S's bulk and a width of 2300, and most of Stein's integrands' mass sits in the bulk, a spike
  /// of width 4e-4 in the split's variable (GSL reported round-off there, and missed it
  /// silently when the split was cut at 0): integrated from the centre, it agrees with the direct
  /// route.
  @Test func bulkFarBelowTheMaximumIsIntegratedFromTheCentre() throws {
    let law = try PersuasionLaw(model: try heavyTailModel(c: .lognormal(sigma: 5, orientation: .right)))
    for n in [10.0, 1e3] {
      let stein = try law.bestOfN(n, table: nil, dispersion: true)
      let direct = try law.bestOfN(n, table: nil, dispersion: true, truthByStein: false)
      try Self.expectAgreement(stein, direct, law: law, "lognormal σ = 5, best of \(n)")
    }
  }

  @Test func quantilizerAgreesWithTheDirectRoute() throws {
    for (label, model) in try Self.models() {
      let law = try PersuasionLaw(model: model)
      for q in [0.9, 0.5, 1e-3, 1e-8] {
        do {
          let stein = try law.quantile(q, table: nil, dispersion: true).outcome
          let direct = try law.quantile(q, table: nil, dispersion: true, truthByStein: false).outcome
          try Self.expectAgreement(stein, direct, law: law, "\(label), top \(q)")
        } catch {
          Issue.record("\(label), top \(q): \(error)")
        }
      }
    }
  }

  /// Stein's identity needs the truth in one normal component: not beside a heavy part that
  /// carries truth too, nor for one component alone (which has closed forms).
  @Test func appliesOnlyWhereOneNormalPartCarriesTruth() throws {
    // A normal N(1, 1) submodule and a t(3) one at equal weights, each (truth, persuasion).
    func pair(normal: (Double, Double), heavy: (Double, Double)) throws -> PersuasionLaw {
      let t3 = try Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1)
      return try PersuasionLaw(
        model: try Model(
          submodules: [
            Submodule(
              name: "A", distribution: try .normal(mean: 1, standardDeviation: 1), truth: normal.0,
              persuasion: normal.1),
            Submodule(name: "C", distribution: t3, truth: heavy.0, persuasion: heavy.1),
          ],
          weights: [0.5, 0.5]))
    }
    #expect(try pair(normal: (1, 1), heavy: (0, 1)).steinCarrier != nil)
    #expect(try pair(normal: (1, 1), heavy: (0.5, 1)).steinCarrier == nil)
    #expect(try pair(normal: (1, 0), heavy: (0, 1)).steinCarrier == nil)
  }

  /// Where the selection drives the normal part itself (beside a left Weibull error, bounded
  /// above, the top 10^−6 is decided by U), Var_sel[U] is a twentieth of σ² and the identity's
  /// terms cancel: it declines (`nil`), and the direct route answers.
  @Test func declinesTheVarianceWhereItsTermsCancel() throws {
    let law = try PersuasionLaw(model: try heavyTailModel(c: .weibull(shape: 0.5, orientation: .left)))
    let carrier = try #require(law.steinCarrier)
    let evaluator = PointEvaluator(law)
    let q = 1e-6
    let start = try law.centredUpperQuantile(q, evaluator: evaluator)
    let kept = law.steinKept(
      above: start, acceptance: q, carrier: carrier, evaluator: evaluator, dispersion: true)
    #expect(kept.variance == nil)
    // Its mean has no cancellation and stands.
    let direct = try law.quantile(q, table: nil, dispersion: true, truthByStein: false).outcome
    let offset = try #require(law.truthOffset)
    let directExcess = try #require(direct.meanTruth) - offset
    #expect(heavyTailRelativeError(kept.mean, directExcess) < 1e-8)
    // Near the base law the same model keeps its digits.
    let near = try law.centredUpperQuantile(0.5, evaluator: evaluator)
    let half = law.steinKept(
      above: near, acceptance: 0.5, carrier: carrier, evaluator: evaluator, dispersion: true)
    #expect(half.variance != nil)
  }
}
