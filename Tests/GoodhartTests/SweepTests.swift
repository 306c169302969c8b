import Foundation
import Testing

@testable import Goodhart

/// The sweep engine: its grid, its shards and its values against closed forms derived here.
@Suite struct SweepTests {
  static func spec(_ text: String) throws -> SweepSpec { try SweepSpec(json: Data(text.utf8)) }

  @Test func gridIsRowMajorWithExactEndpoints() throws {
    let spec = try Self.spec(#"""
      {"preset": "cheap-persuasion",
       "axes": [{"path": "submodules[2].mean", "from": 0.1, "to": 0.7, "steps": 3},
                {"path": "submodules[0].sd", "from": 0.3, "to": 1.9, "steps": 4}],
       "record": ["goodhart_gap"]}
      """#)
    #expect(spec.pointCount == 12)
    #expect(spec.coordinates(ofPoint: 0) == [0.1, 0.3])
    #expect(spec.coordinates(ofPoint: 3) == [0.1, 1.9])
    #expect(spec.coordinates(ofPoint: 4) == [0.1 + 0.6 / 2, 0.3])
    #expect(spec.coordinates(ofPoint: 11) == [0.7, 1.9])
    let model = try spec.model(atPoint: 7)
    #expect(model.submodules[2].distribution.location == spec.coordinates(ofPoint: 7)[0])
    #expect(model.submodules[0].distribution.scale == 1.9)
    #expect(model.submodules[1] == Preset.cheapPersuasion.model.submodules[1])
  }

  /// cheap-persuasion with C ~ N(m, s²): T = (X_A + X_B)/3, P = (X_A + X_C)/3, so μ_T = 2/3,
  /// μ_P = (1 + m)/3, Var P = (1 + s²)/9, Cov = 1/9. The reward maximiser is C (truth 0, E[P] = m)
  /// for m > 1 and A (truth 1, E[P] = 1) for m < 1; filtering at E[P] = p* keeps
  /// μ_T + Cov/Var P (p* − μ_P).
  @Test func gapMatchesTheBivariateNormalFormula() throws {
    let spec = try Self.spec(#"""
      {"preset": "cheap-persuasion",
       "axes": [{"path": "submodules[2].mean", "from": 0.05, "to": 3.05, "steps": 13},
                {"path": "submodules[2].sd", "from": 0.25, "to": 2.5, "steps": 7}],
       "record": ["goodhart_gap", "reward_maximiser", "target_persuasion", "base_mean_persuasion"]}
      """#)
    let sweep = Sweep(spec: spec)
    for index in 0..<spec.pointCount {
      let (m, s) = (spec.coordinates(ofPoint: index)[0], spec.coordinates(ofPoint: index)[1])
      let target = max(m, 1)
      let rlTruth = m > 1 ? 0.0 : 1.0
      let filtering = 2.0 / 3 + (1.0 / 9) / ((1 + s * s) / 9) * (target - (1 + m) / 3)
      let values = try sweep.values(atPoint: index)
      let gap = try #require(values[0].number)
      #expect(abs(gap - (filtering - rlTruth)) <= 1e-12 * max(1, abs(gap)), "m = \(m), s = \(s)")
      #expect(values[1] == .text(m > 1 ? "C" : "A"))
      #expect(values[2] == .number(target))
      #expect(abs(values[3].number! - (1 + m) / 3) <= 1e-15)
    }
  }

  /// The recorded best-of-n, penalised optimum and asymptote are the library's own answers for
  /// the model at that point (the sweep adds routing, not numerics).
  @Test func recordedQuantitiesAreTheLibrarysAnswers() throws {
    let spec = try Self.spec(#"""
      {"preset": "honest-persuasion",
       "axes": [{"path": "submodules[1].mean", "from": 0.5, "to": 1.5, "steps": 3}],
       "record": ["best_of_n_mean_truth", "penalised_mean_truth", "penalised_certificate",
                  "asymptote", "limit_mean_truth", "correlation"],
       "n": 37, "beta": 0.3}
      """#)
    for index in 0..<spec.pointCount {
      let model = try spec.model(atPoint: index)
      let values = try Sweep(spec: spec).values(atPoint: index)
      #expect(values[0] == .number(try model.outputLaw().bestOfN(37).meanTruth!))
      let optimum = try model.regularisedOptimum(beta: 0.3, regulariser: .outputKL, domain: .simplex)
      #expect(values[1] == .number(optimum.outcome.meanTruth))
      #expect(values[2] == .text(optimum.certificate.rawValue))
      #expect(values[3] == .text(model.bestOfNAsymptote().kind.rawValue))
      #expect(values[4] == .missing)  // normal errors: unbounded, no finite limit
      #expect(values[5] == .number(model.moments.correlation!))
    }
  }

  @Test func aWeightAxisRescalesTheOtherWeights() throws {
    let spec = try Self.spec(#"""
      {"model": {"submodules": [
          {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
          {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
          {"name": "C", "mean": 2, "sd": 1, "truth": 0, "persuasion": 1}],
        "weights": [0.2, 0.6, 0.2]},
       "axes": [{"path": "weights[2]", "from": 0, "to": 1, "steps": 5}],
       "record": ["base_mean_truth"]}
      """#)
    let model = try spec.model(atPoint: 1)
    #expect(model.weights[2] == 0.25)
    #expect(abs(model.weights[0] - 0.75 * 0.25) <= 1e-16)
    #expect(abs(model.weights[1] - 0.75 * 0.75) <= 1e-16)
    #expect(try spec.model(atPoint: 4).weights == [0, 0, 1])
  }

  /// Shards are contiguous, disjoint, in order, cover the grid, and differ in size by at most one.
  @Test func shardsPartitionTheGrid() throws {
    var random = SplitMix64(seed: 2026)
    for _ in 0..<500 {
      let total = Int(random.next() % 5001)
      let count = 1 + Int(random.next() % 60)
      var next = 0
      var sizes: [Int] = []
      for index in 1...count {
        let range = try SweepShard(index: index, count: count).points(of: total)
        #expect(range.lowerBound == next)
        next = range.upperBound
        sizes.append(range.count)
      }
      #expect(next == total)
      #expect(sizes.max()! - sizes.min()! <= 1)
    }
    #expect(throws: SweepError.self) { try SweepShard(parsing: "0/3") }
    #expect(throws: SweepError.self) { try SweepShard(parsing: "4/3") }
    #expect(throws: SweepError.self) { try SweepShard(parsing: "1-3") }
    #expect(try SweepShard(parsing: "2/3") == SweepShard(index: 2, count: 3))
  }

  @Test(arguments: [
    (#"{"axes": [], "record": []}"#, "model"),
    (#"{"preset": "cheap-persuasion", "axes": [], "record": ["goodhart_gap"]}"#, "axes"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 2}], "record": []}"#, "record"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 2}], "record": ["goodhart_gap"], "extra": 1}"#, "extra"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[9].mean", "from": 0, "to": 1, "steps": 2}], "record": ["goodhart_gap"]}"#, "axes[0].path"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 1}], "record": ["goodhart_gap"]}"#, "axes[0].steps"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].sd", "from": 0, "to": 1, "steps": 2}], "record": ["goodhart_gap"]}"#, "axes"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 2}], "record": ["asymptote"], "heatmap": "asymptote"}"#, "heatmap"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 2}], "record": ["goodhart_gap"], "n": -1}"#, "n"),
    (#"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 2}, {"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 2}], "record": ["goodhart_gap"]}"#, "axes[1].path"),
  ])
  func badSpecsNameTheirField(_ text: String, _ field: String) {
    #expect {
      try Self.spec(text)
    } throws: { error in
      (error as? SweepError)?.field == field
    }
  }
}
