import Foundation
import Goodhart
import Testing

/// The regulariser-free bound: every weight vector's (E_w[P], E_w[T]) lies in the hull of the
/// submodules' points, so some E[P] ranges are decided for every regulariser at once.
@Suite struct WeightRegionTests {
  /// The presets' crossings, from the hull by hand: cheap-persuasion's upper hull over [1, 2] is
  /// the segment A(1, 1)–C(2, 0), E[T] = 2 − x, against the filters' line 2/3 + (x − 1)/2: they
  /// cross at x = 11/9. honest-persuasion's lower hull is C(1, 0)–A(2, 2), E[T] = 2x − 2, against
  /// 1 + (x − 1)/2: x = 5/3.
  @Test func presetsCrossWhereTheHullSays() throws {
    let cheap = try #require(try GoodhartComparison(model: Preset.cheapPersuasion.model).weightRegion)
    #expect(cheap.filterBeatsEveryWeight.count == 1 && cheap.everyWeightBeatsFilter.isEmpty)
    #expect(relativeError(cheap.filterBeatsEveryWeight[0].lowerBound, 11.0 / 9) <= 1e-12)
    #expect(cheap.filterBeatsEveryWeight[0].upperBound == 2)
    let honest = try #require(try GoodhartComparison(model: Preset.honestPersuasion.model).weightRegion)
    #expect(honest.everyWeightBeatsFilter.count == 1 && honest.filterBeatsEveryWeight.isEmpty)
    #expect(relativeError(honest.everyWeightBeatsFilter[0].lowerBound, 5.0 / 3) <= 1e-12)
  }

  /// On random models, no weight vector contradicts an interval: inside "filter beats every
  /// weight" the filters' line lies above every sampled weight vector's truth at its E[P], inside
  /// "every weight beats filter" below it.
  @Test func noWeightVectorContradictsTheIntervals() throws {
    for seed in UInt64(1)...40 {
      let model = randomModel(seed: seed)
      let comparison = try GoodhartComparison(model: model, betas: [])
      guard let region = comparison.weightRegion, let law = try? model.jointLaw(),
        law.variancePersuasiveness > 0
      else { continue }
      let slope = law.covariance / law.variancePersuasiveness
      var random = SplitMix64(seed: seed &* 977)
      for _ in 0..<400 {
        var raw = model.submodules.map { _ in -log(random.uniform()) }
        if random.uniform() < 0.3 { raw[Int(random.next() % UInt64(raw.count))] *= 50 }
        let total = raw.reduce(0, +)
        let w = raw.map { $0 / total }
        let x = zip(w, model.submodules).reduce(0) { $0 + $1.0 * $1.1.persuasion * $1.1.distribution.location }
        let t = zip(w, model.submodules).reduce(0) { $0 + $1.0 * $1.1.truth * $1.1.distribution.location }
        let filter = law.meanTruth + slope * (x - law.meanPersuasiveness)
        let scale = 1e-9 * (1 + abs(filter))
        for interval in region.filterBeatsEveryWeight where interval.contains(x) {
          #expect(filter >= t - scale, "seed \(seed): at E[P] = \(x) a weight vector has E[T] = \(t) > \(filter)")
        }
        for interval in region.everyWeightBeatsFilter where interval.contains(x) {
          #expect(filter <= t + scale, "seed \(seed): at E[P] = \(x) a weight vector has E[T] = \(t) < \(filter)")
        }
      }
    }
  }

  /// The mixture reading: the same hull, against the tilt's curve; at the crossing the tilt's
  /// truth equals the upper hull's.
  @Test func mixtureCrossingIsWhereTheTiltMeetsTheHull() throws {
    let model = Preset.cheapPersuasion.model.composed(as: .mixture)
    let comparison = try GoodhartComparison(model: model, betas: [])
    let region = try #require(comparison.weightRegion)
    let crossing = try #require(region.filterBeatsEveryWeight.first?.lowerBound)
    let law = try model.outputLaw()
    let tilt = try #require(try law.tilt(reachingMeanPersuasiveness: crossing).outcome)
    // Upper hull over [1, 2]: A(1, 1)–C(2, 0), E[T] = 2 − x.
    #expect(abs(tilt.meanTruth! - (2 - crossing)) < 1e-9)
  }
}
