import Foundation
import Testing

@testable import Goodhart

/// The `empirical` family in a model file: samples inline or from a file beside the model, the
/// law written back inline, and an error naming the field for every bad input.
@Suite struct EmpiricalModelFileTests {
  /// 200 distinct samples.
  static let samples = (0..<200).map { i in Double(i) * 0.01 + sin(Double(i)) }

  static func model(_ distribution: String, truth: Int = 0, persuasion: Int = 1) -> Data {
    Data("""
      {"submodules": [
        {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
        {"name": "C", "distribution": \(distribution), "truth": \(truth), "persuasion": \(persuasion)}],
       "weights": [0.5, 0.5], "composition": "mixture"}
      """.utf8)
  }

  static var inline: String {
    #"{"family": "empirical", "samples": ["# + samples.map { "\($0)" }.joined(separator: ", ") + "]}"
  }

  func error(_ data: Data, folder: URL? = nil) -> ModelError? {
    do {
      _ = try Model(json: data, folder: folder)
      return nil
    } catch { return error }
  }

  @Test func inlineSamplesMakeTheLawAndRoundTrip() throws {
    let model = try Model(json: EmpiricalModelFileTests.model(EmpiricalModelFileTests.inline))
    let law = model.submodules[1].distribution
    #expect(law.location == 0 && law.scale == 1, "an empirical law is in its samples' units by default")
    guard case .empirical(let empirical, .right) = law.family else {
      Issue.record("not an empirical law: \(law.family)")
      return
    }
    #expect(empirical.samples == EmpiricalModelFileTests.samples.sorted())
    #expect(try Model(json: model.json) == model)
  }

  /// `file` is read beside the model file, one number per line (blank lines and spaces allowed),
  /// and gives the same law as the samples inline.
  @Test func fileIsReadBesideTheModel() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("goodhart-empirical-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = EmpiricalModelFileTests.samples.map { "  \($0) " }.joined(separator: "\n") + "\n\n"
    try text.write(to: folder.appendingPathComponent("scores.txt"), atomically: true, encoding: .utf8)
    let fromFile = try Model(
      json: EmpiricalModelFileTests.model(#"{"family": "empirical", "file": "scores.txt"}"#), folder: folder)
    let inline = try Model(json: EmpiricalModelFileTests.model(EmpiricalModelFileTests.inline))
    #expect(fromFile == inline)
    try "1.5\n2.5\nnot a number\n".write(to: folder.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
    let bad = error(EmpiricalModelFileTests.model(#"{"family": "empirical", "file": "bad.txt"}"#), folder: folder)
    #expect(bad?.field == "submodules[1].distribution.file")
    #expect(bad?.rule.contains("line 3") == true, "\(String(describing: bad))")
    let missing = error(EmpiricalModelFileTests.model(#"{"family": "empirical", "file": "none.txt"}"#), folder: folder)
    #expect(missing?.field == "submodules[1].distribution.file")
  }

  /// Without a folder (the explorer, a model from a string) nothing is read: `file` is refused.
  @Test func fileIsRefusedWithoutAFolder() {
    let refused = error(EmpiricalModelFileTests.model(#"{"family": "empirical", "file": "/etc/passwd"}"#))
    #expect(refused?.field == "submodules[1].distribution.file")
    #expect(refused?.rule.contains("inline") == true)
  }

  @Test(arguments: [
    (#"{"family": "empirical", "samples": [1, 2, 3]}"#, "submodules[1].distribution.samples"),
    (#"{"family": "empirical"}"#, "submodules[1].distribution.samples"),
    (#"{"family": "empirical", "samples": "x"}"#, "submodules[1].distribution.samples"),
    (#"{"family": "empirical", "sigma": 1, "samples": []}"#, "submodules[1].distribution.sigma"),
    (#"{"family": "normal", "location": 0, "scale": 1, "samples": [1]}"#, "submodules[1].distribution.samples"),
    (#"{"family": "normal", "location": 0, "scale": 1, "file": "x"}"#, "submodules[1].distribution.file"),
    (#"{"family": "empirical", "scale": 0, "samples": []}"#, "submodules[1].distribution.samples"),
  ])
  func badLawsNameTheField(law: String, field: String) {
    #expect(error(EmpiricalModelFileTests.model(law))?.field == field, "\(law)")
  }

  /// Too few samples, a tie that leaves no body, a scale of 0: each named.
  @Test func degenerateSamplesAreNamed() {
    let equal = #"{"family": "empirical", "samples": ["# + Array(repeating: "1", count: 150).joined(separator: ", ") + "]}"
    let flat = error(EmpiricalModelFileTests.model(equal))
    #expect(flat?.field == "submodules[1].distribution.samples")
    #expect(flat?.rule.contains("no body") == true)
    let scaled = EmpiricalModelFileTests.inline.replacingOccurrences(of: "\"samples\"", with: "\"scale\": 0, \"samples\"")
    #expect(error(EmpiricalModelFileTests.model(scaled))?.field == "submodules[1].distribution.scale")
  }

  /// The sum reading takes an empirical law that carries persuasion beside the normal A (its
  /// convolution cuts at the knots; `EmpiricalSumTests` checks the numbers), and one that carries
  /// truth only, whose mean it uses exactly.
  @Test func sumReadingTakesEmpiricalLaws() throws {
    func sumReading(truth: Int, persuasion: Int) -> Data {
      let text = String(
        decoding: EmpiricalModelFileTests.model(EmpiricalModelFileTests.inline, truth: truth, persuasion: persuasion),
        as: UTF8.self)
      return Data(text.replacingOccurrences(of: #", "composition": "mixture""#, with: "").utf8)
    }
    let persuading = try Model(json: sumReading(truth: 0, persuasion: 1)).outputLaw()
    let selected = try #require(try persuading.bestOfN(10).meanPersuasiveness)
    #expect(selected > (try #require(persuading.moments.meanPersuasiveness)) + 0.5)
    let model = try Model(json: sumReading(truth: 1, persuasion: 0))
    let outcome = try model.outputLaw().bestOfN(10)
    guard case .empirical(let law, _) = model.submodules[1].distribution.family else { return }
    // T = 0.5 A + 0.5 C with P = 0.5 A: E[T] = 0.5 E[A | best] + 0.5 E[C].
    let meanA = 1 + (try ExpectedMaximum.ofStandardNormals(10))
    #expect(relativeError(try #require(outcome.meanTruth), 0.5 * meanA + 0.5 * law.mean) <= 1e-9)
  }
}
