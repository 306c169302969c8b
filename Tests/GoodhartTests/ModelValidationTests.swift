import Foundation
import Testing

@testable import Goodhart

/// Bad model files: each is a `ModelError` naming the offending field, never a crash.
@Suite struct ModelValidationTests {
  static let a = #"{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1}"#
  static let b = #"{"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0}"#

  /// (file, field the error must name, a word the rule must contain).
  static let badFiles: [(String, String, String)] = [
    ("", "model", "JSON"),
    ("{", "model", "JSON"),
    ("[1, 2]", "model", "object"),
    ("null", "model", "object"),
    (#"{"weights": [1]}"#, "submodules", "required"),
    (#"{"submodules": [\#(a)]}"#, "weights", "required"),
    (#"{"submodules": [\#(a)], "weights": [1], "wieghts": [1]}"#, "wieghts", "not a known key"),
    (#"{"submodules": {"A": 1}, "weights": [1]}"#, "submodules", "array"),
    (#"{"submodules": [], "weights": []}"#, "submodules", "at least 1"),
    (#"{"submodules": [\#(a)], "weights": "1"}"#, "weights", "array"),
    (#"{"submodules": [\#(a)], "weights": ["1"]}"#, "weights[0]", "number"),
    (#"{"submodules": [\#(a), \#(b)], "weights": [1]}"#, "weights", "one weight per submodule"),
    (#"{"submodules": [\#(a), \#(b)], "weights": [0.6, 0.6]}"#, "weights", "sum to 1"),
    (#"{"submodules": [\#(a), \#(b)], "weights": [1.5, -0.5]}"#, "weights[1]", ">= 0"),
    (#"{"submodules": [\#(a), \#(a)], "weights": [0.5, 0.5]}"#, "submodules[1].name", "unique"),
    (#"{"submodules": [{"name": "", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].name", "non-empty"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 0, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].sd", "> 0"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": -2, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].sd", "> 0"),
    (#"{"submodules": [{"name": "A", "mean": "1", "sd": 1, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].mean", "number"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": null, "persuasion": 1}], "weights": [1]}"#, "submodules[0].truth", "number"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1}], "weights": [1]}"#, "submodules[0].persuasion", "required"),
    (#"{"submodules": [{"name": 7, "mean": 1, "sd": 1, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].name", "string"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1, "colour": 1}], "weights": [1]}"#, "submodules[0].colour", "not a known key"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1, "distribution": {"family": "normal", "location": 0, "scale": 1}}], "weights": [1]}"#, "submodules[0].mean", "distribution"),
    (#"{"submodules": [{"name": "A", "distribution": {"family": "normal", "location": 0, "scale": 1, "dof": 3}, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].distribution.dof", "normal family"),
    (#"{"submodules": [{"name": "A", "distribution": {"family": "student_t", "location": 0, "scale": 1}, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].distribution.dof", "required"),
    (#"{"submodules": [{"name": "A", "distribution": {"family": "gamma", "location": 0, "scale": 1}, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].distribution.family", "one of"),
    (#"{"submodules": [{"name": "A", "distribution": {"family": "laplace", "location": 0, "scale": 0}, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].distribution.scale", "> 0"),
  ]

  @Test(arguments: 0..<badFiles.count)
  func badFileNamesTheFieldAndTheRule(index: Int) {
    let (file, field, word) = Self.badFiles[index]
    do {
      _ = try Model(json: Data(file.utf8))
      Issue.record("accepted \(file)")
    } catch {
      #expect(error.field == field, "\(file)")
      #expect(error.rule.contains(word), "\(error.rule)")
    }
  }

  /// `Model.json` writes a file that reads back to the same model, every double exactly, for
  /// every family and both readings, names that need escaping included.
  @Test func jsonRoundTripsExactly() throws {
    var generator = SplitMix64(seed: 2026)
    let families: [Distribution.Family] = [.normal, .studentT(degreesOfFreedom: 2.5), .laplace, .logistic, .cauchy]
    for trial in 0..<200 {
      let count = 1 + trial % 5
      var submodules: [Submodule] = []
      for index in 0..<count {
        let family = families[(trial + index) % families.count]
        let law = try Distribution(
          family: family, location: generator.uniform(-1e3, 1e3) / 7, scale: generator.uniform(1e-3, 50))
        let name = index == 0 ? "q\"uote\\ \u{1}é" : "S\(index)"
        submodules.append(
          try Submodule(
            name: name, distribution: law, truth: generator.uniform(-2, 2),
            persuasion: generator.uniform(-2, 2)))
      }
      let raw = (0..<count).map { _ in generator.uniform(0, 1) }
      var weights = raw.map { $0 / raw.reduce(0, +) }
      weights[count - 1] = 1 - weights.dropLast().reduce(0, +)
      let model = try Model(
        submodules: submodules, weights: weights.map { max(0, $0) },
        composition: trial.isMultiple(of: 2) ? .sum : .mixture)
      let back = try Model(json: model.json)
      #expect(back.json == model.json)
      #expect(back.weights == model.weights)
      #expect(back.composition == model.composition)
      for (a, b) in zip(back.submodules, model.submodules) {
        #expect(a.name == b.name && a.truth == b.truth && a.persuasion == b.persuasion)
        #expect(a.distribution.location == b.distribution.location && a.distribution.scale == b.distribution.scale)
        #expect(a.distribution.family.name == b.distribution.family.name)
        #expect(a.distribution.degreesOfFreedom == b.distribution.degreesOfFreedom)
      }
    }
  }

  @Test func theContractFileIsTheDefaultPreset() throws {
    let file = #"""
      {"submodules": [
        {"name": "A", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 1.0},
        {"name": "B", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 0.0},
        {"name": "C", "mean": 2.0, "sd": 1.0, "truth": 0.0, "persuasion": 1.0}],
       "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}
      """#
    #expect(try Model(json: Data(file.utf8)) == Preset.cheapPersuasion.model)
  }

  @Test(arguments: [1000, 1001])
  func atMostOneThousandSubmodules(count: Int) throws {
    let submodules = (0..<count).map {
      #"{"name": "S\#($0)", "mean": 0, "sd": 1, "truth": 1, "persuasion": 1}"#
    }
    let weights = [Double](repeating: 1 / Double(count), count: count).map { "\($0)" }
    let file = #"{"submodules": [\#(submodules.joined(separator: ","))], "weights": [\#(weights.joined(separator: ","))]}"#
    if count <= 1000 {
      #expect(try Model(json: Data(file.utf8)).submodules.count == count)
    } else {
      #expect { try Model(json: Data(file.utf8)) } throws: {
        ($0 as? ModelError)?.field == "submodules"
      }
    }
  }

  @Test(arguments: [(5e-10, true), (2e-9, false)])
  func weightsSumToOneWithinOneBillionth(excess: Double, valid: Bool) {
    let weights = [0.5, 0.5 + excess]
    let submodules = Preset.cheapPersuasion.model.submodules.prefix(2)
    let result = Result { () throws(ModelError) in try Model(submodules: Array(submodules), weights: weights) }
    #expect((try? result.get()) != nil || !valid)
    if !valid { #expect(throws: ModelError.self) { try result.get() } }
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteNumbersAreRejectedByTheInitialisers(value: Double) {
    #expect(throws: ModelError.self) { try Submodule(name: "A", mean: value, sd: 1, truth: 1, persuasion: 1) }
    #expect(throws: ModelError.self) { try Submodule(name: "A", mean: 1, sd: value, truth: 1, persuasion: 1) }
    #expect(throws: ModelError.self) { try Submodule(name: "A", mean: 1, sd: 1, truth: value, persuasion: 1) }
    #expect(throws: ModelError.self) { try Model(submodules: Preset.cheapPersuasion.model.submodules, weights: [value, 0.5, 0.5]) }
  }

  @Test func heavyTailedModelsHaveNoGaussianJointLaw() throws {
    let file = #"{"submodules": [{"name": "A", "distribution": {"family": "cauchy", "location": 0, "scale": 1}, "truth": 1, "persuasion": 1}], "weights": [1]}"#
    let model = try Model(json: Data(file.utf8))
    #expect { try model.jointLaw() } throws: {
      ($0 as? ModelError)?.field == "submodules[0].distribution"
    }
  }
}
