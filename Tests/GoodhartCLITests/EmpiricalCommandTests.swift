import Foundation
import Testing

/// An empirical law from the command line: samples from a file beside the model, the fitted
/// tails in `analyze`'s output, and the refusals that name the field.
@Suite struct EmpiricalCommandTests {
  /// 1000 Lomax(α = 2) scores (ξ = 1/2 beyond any threshold), from a fixed sequence.
  static let scores: [Double] = (0..<1000).map { i in
    let u = (Double(i) + 0.5) / 1000
    return pow(1 - u, -0.5) - 1
  }

  static func model(_ law: String) -> String {
    """
    {"submodules": [
      {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
      {"name": "C", "distribution": \(law), "truth": 0, "persuasion": 1}],
     "weights": [0.5, 0.5], "composition": "mixture"}
    """
  }

  /// A folder holding `model.json` and `scores.txt`.
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "goodhart-empirical-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try scores.map { "\($0)" }.joined(separator: "\n")
      .write(to: folder.appendingPathComponent("scores.txt"), atomically: true, encoding: .utf8)
    try model(#"{"family": "empirical", "file": "scores.txt"}"#)
      .write(to: folder.appendingPathComponent("model.json"), atomically: true, encoding: .utf8)
    return folder
  }

  /// `analyze` reads the file beside the model and reports both fitted tails; the upper one
  /// has ξ = 1/2 within 4 of its standard errors, and best-of-10⁹ (far beyond 1000 samples) is
  /// finite.
  @Test func analyzeReportsTheFittedTails() throws {
    let folder = try EmpiricalCommandTests.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let document = try CommandRunner.json([
      "analyze", "--model", folder.appendingPathComponent("model.json").path, "--best-of", "1e9",
      "--format", "json",
    ])
    let tails = try #require(document["fitted_tails"] as? [[String: Any]])
    #expect(tails.map { $0["side"] as? String } == ["lower", "upper"])
    #expect(tails.allSatisfy { $0["submodule"] as? String == "C" && $0["exceedances"] as? Double == 100 })
    let upper = tails[1]
    let shape = try #require(upper["shape"] as? Double)
    let error = try #require(upper["shape_se"] as? Double)
    #expect(abs(shape - 0.5) <= 4 * error, "ξ \(shape) ± \(error)")
    #expect(abs(try #require(upper["tail_index"] as? Double) * shape - 1) <= 1e-14)
    let best = try #require((document["best_of_n"] as? [[String: Any]])?.first)
    #expect((best["mean_persuasion"] as? Double)?.isFinite == true)
  }

  /// From standard input (as from the explorer) a `file` is refused, never read.
  @Test func standardInputRefusesFile() throws {
    let folder = try EmpiricalCommandTests.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("scores.txt").path
    let result = try CommandRunner.run(
      ["analyze", "--model", "-"],
      input: Data(EmpiricalCommandTests.model(#"{"family": "empirical", "file": "\#(path)"}"#).utf8))
    let line = CommandRunner.expectOneErrorLine(result, startingWith: "error: --model: submodules[1].distribution.file")
    #expect(line?.contains("inline") == true)
  }

  /// A sweep reads the file once, beside its spec, and moves the empirical law's location.
  @Test func sweepReadsTheFileBesideTheSpec() throws {
    let folder = try EmpiricalCommandTests.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A path must exist in the document: the location, 0 by default, is written out to move it.
    let model = EmpiricalCommandTests.model(#"{"family": "empirical", "location": 0, "file": "scores.txt"}"#)
    let spec = #"{"model": \#(model), "axes": [{"path": "submodules[1].distribution.location", "from": 0, "to": 1, "steps": 3}], "record": ["base_mean_persuasion"]}"#
    try spec.write(to: folder.appendingPathComponent("spec.json"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["sweep", "--spec", folder.appendingPathComponent("spec.json").path])
    #expect(result.status == 0, "\(result.standardError)")
    let rows = result.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
    #expect(rows.count == 3)
    // E[P] = 0.5·1 + 0.5·(L + E[Z]): each step of 0.5 in L moves it by 0.25.
    if rows.count == 3, rows.allSatisfy({ $0.count == 2 }) {
      #expect(abs((rows[1][1] - rows[0][1]) - 0.25) <= 1e-12)
      #expect(abs((rows[2][1] - rows[1][1]) - 0.25) <= 1e-12)
    }
  }

  /// The example of the README, 2000 Student-t(3) scores read beside the model: the fitted upper
  /// tail's ξ lies within 4 standard errors of the law's 1/3, and regime's asymptote is the
  /// fitted law's: the truthless persona's polynomial tail takes all the weight (below base).
  @Test func readmeExampleRuns() throws {
    let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Examples/models/reward-scores.json").path
    let analysis = try CommandRunner.json(["analyze", "--model", model, "--best-of", "1e6", "--format", "json"])
    let upper = try #require((analysis["fitted_tails"] as? [[String: Any]])?.last)
    let shape = try #require(upper["shape"] as? Double)
    let error = try #require(upper["shape_se"] as? Double)
    #expect(abs(shape - 1.0 / 3) <= 4 * error, "ξ \(shape) ± \(error)")
    let regime = try CommandRunner.json(["regime", "--model", model, "--format", "json"])
    #expect(regime["asymptote"] as? String == "below_base")
    #expect((regime["fitted_tails"] as? [Any])?.count == 2)
    let caveat = try #require(regime["asymptote_caveat"] as? String)
    #expect(caveat.contains("persuader's upper tail has ξ = ") && caveat.contains("polynomial beyond two standard errors"))
  }

  /// A line that is not a number is named with its line number.
  @Test func badLineIsNamed() throws {
    let folder = try EmpiricalCommandTests.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "1\n2\nNaN\n".write(to: folder.appendingPathComponent("scores.txt"), atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["regime", "--model", folder.appendingPathComponent("model.json").path])
    let line = CommandRunner.expectOneErrorLine(result, startingWith: "error: --model: submodules[1].distribution.file")
    #expect(line?.contains("line 3") == true)
  }
}
