import Foundation
import Testing

@testable import Goodhart

/// The comparison behind `goodhart compare`, checked against hand-derived preset values.
@Suite struct OptimizationComparisonTests {
  typealias F = OptimizationFixtures

  /// cheap-persuasion: μ_T = 2/3, μ_P = 1, σ_P² = 2/9, c = 1/9, so E[T | P] has slope 1/2 and at
  /// p* = 2 every filter gives 2/3 + 1/2 = 7/6 while RL gives 0; the tilt needs z*²/2 = 9/4 nats.
  @Test func cheapPersuasionHasAGoodhartGapOfSevenSixths() throws {
    let comparison = try GoodhartComparison(model: Preset.cheapPersuasion.model)
    #expect(comparison.maximiser.submodule == "C")
    #expect(comparison.targetPersuasiveness == 2)
    #expect(F.relativeError(comparison.conditionalTruth!, 7.0 / 6) <= 1e-14)
    #expect(F.relativeError(comparison.goodhartGap!, 7.0 / 6) <= 1e-14)
    let tilt = try #require(comparison.tilt)
    #expect(F.relativeError(tilt.outcome.kl, 9.0 / 4) <= 1e-14)
    #expect(F.relativeError(tilt.beta, 2.0 / 9) <= 1e-14)
    let best = try #require(comparison.bestOfN)
    #expect(F.relativeError(best.outcome.meanPersuasiveness!, 2) <= 1e-10)
    #expect(F.relativeError(best.outcome.meanTruth!, 7.0 / 6) <= 1e-10)
    let law = try Preset.cheapPersuasion.model.jointLaw()
    #expect(try law.bestOfN(best.smallestInteger).meanPersuasiveness! >= 2)
    #expect(try law.bestOfN(best.smallestInteger - 1).meanPersuasiveness! < 2)
    let threshold = try #require(comparison.threshold)
    #expect(F.relativeError(threshold.outcome.meanPersuasiveness!, 2) <= 1e-10)
    #expect(F.relativeError(threshold.outcome.kl, -log(threshold.acceptance)) <= 1e-12)
    // The tilt is the cheapest in KL, best-of-n next, the threshold last.
    #expect(tilt.outcome.kl < best.outcome.kl)
    #expect(best.outcome.kl < threshold.outcome.kl)
  }

  @Test func honestPersuasionHasANegativeGap() throws {
    let comparison = try GoodhartComparison(model: Preset.honestPersuasion.model)
    #expect(comparison.maximiser.submodule == "A")
    #expect(F.relativeError(comparison.goodhartGap!, -0.5) <= 1e-14)
  }

  /// The penalised rows: E[P] rises as β falls, and the truth lost is never negative on
  /// cheap-persuasion (the tilt keeps the filtering truth at equal E[P]).
  @Test func penalisedRowsRiseTowardsTheVertex() throws {
    let comparison = try GoodhartComparison(model: Preset.cheapPersuasion.model)
    let persuasiveness = comparison.penalised.map(\.optimum.meanPersuasiveness)
    #expect(persuasiveness == persuasiveness.sorted())
    #expect(persuasiveness.allSatisfy { $0 < 2 })
    #expect(comparison.penalised.allSatisfy { ($0.goodhartGap ?? -1) > 0 })
  }

  /// compare's penalised optima on both presets are certified global, and the multi-start
  /// search (an independent route to the same maximiser here) finds no larger J (1e-9 relative).
  @Test(arguments: [Preset.cheapPersuasion, .honestPersuasion])
  func penalisedRowsAreCertified(preset: Preset) throws {
    let comparison = try GoodhartComparison(model: preset.model)
    let family = try WeightFamily(model: preset.model)
    for row in comparison.penalised {
      #expect(row.certificate == .global)
      let search = try family.optimum(beta: row.optimum.beta).outcome.objective
      #expect(search <= row.optimum.objective + 1e-9 * max(1, abs(row.optimum.objective)))
    }
  }

  /// The base already at the maximiser: no filtering is needed, and the table says so.
  @Test func maximiserAtTheBaseNeedsNoFiltering() throws {
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 1, sd: 1, truth: 0, persuasion: 1),
      ], weights: [0.5, 0.5])
    let comparison = try GoodhartComparison(model: model)
    #expect(comparison.bestOfN?.n == 1)
    #expect(comparison.threshold == nil)
    #expect(comparison.tilt?.outcome.kl == 0)
    #expect(comparison.notes.contains { $0.contains("no filtering is needed") })
  }

  @Test func constantPersuasivenessIsANoteNotAFailure() throws {
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 0),
        Submodule(name: "B", mean: 2, sd: 1, truth: 1, persuasion: 0),
      ], weights: [0.5, 0.5])
    let comparison = try GoodhartComparison(model: model)
    #expect(comparison.goodhartGap == nil)
    #expect(comparison.notes.contains { $0.contains("zero variance") })
  }
}
