import Foundation
import Testing

/// `goodhart analyze` against the contract: repeatable flags, order, keys, nulls, errors.
@Suite struct AnalyzeContractTests {
  @Test func everySectionInContractOrderWithItsKeys() throws {
    let result = try CommandRunner.run([
      "analyze", "--format", "json", "--kl", "0.5", "--best-of", "10", "--quantile", "0.1",
      "--threshold", "-0.5", "--condition", "2", "--condition", "-1", "--threshold", "1.5",
      "--best-of", "1e15", "--quantile", "1",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let text = result.standardOutput
    let sections = ["\"moments\"", "\"conditional\"", "\"threshold\"", "\"quantile\"", "\"best_of_n\"",
                    "\"tilt\"", "\"reward_maximiser\""]
    let positions = sections.map { text.range(of: $0)?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil }, "every requested section is present")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "contract order")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let keys: [String: Set<String>] = [
      "conditional": ["persuasion", "mean_truth", "var_truth"],
      "threshold": ["tau", "acceptance", "mean_truth", "mean_persuasion", "var_truth", "var_persuasion", "kl"],
      "quantile": ["q", "tau", "mean_truth", "mean_persuasion", "var_truth", "var_persuasion", "kl"],
      "best_of_n": ["n", "mean_truth", "mean_persuasion", "var_truth", "var_persuasion", "kl"],
      "tilt": ["kl", "beta", "mean_truth", "mean_persuasion", "var_truth", "var_persuasion"],
    ]
    for (section, expected) in keys {
      let rows = try #require(document[section] as? [[String: Any]])
      for row in rows { #expect(Set(row.keys) == expected, "\(section)") }
    }
    // Repeated flags keep their order.
    let conditional = try #require(document["conditional"] as? [[String: Any]])
    #expect(conditional.map { $0["persuasion"] as? Double } == [2, -1])
    let thresholds = try #require(document["threshold"] as? [[String: Any]])
    #expect(thresholds.map { $0["tau"] as? Double } == [-0.5, 1.5])
    let best = try #require(document["best_of_n"] as? [[String: Any]])
    #expect(best.map { $0["n"] as? Double } == [10, 1e15])
    // q = 1 keeps everything: its threshold is −∞, printed as null.
    let quantiles = try #require(document["quantile"] as? [[String: Any]])
    #expect(quantiles[1]["tau"] is NSNull)
    let maximiser = try #require(document["reward_maximiser"] as? [String: Any])
    #expect(Set(maximiser.keys) == ["submodule", "weights", "mean_truth", "mean_persuasion"])
    #expect(maximiser["submodule"] as? String == "C")
  }

  @Test func unrequestedSectionsAreAbsent() throws {
    let document = try CommandRunner.json(["analyze", "--format", "json", "--kl", "1"])
    #expect(Set(document.keys) == ["composition", "moments", "tilt", "reward_maximiser"])
    #expect(document["composition"] as? String == "sum")
  }

  @Test func infiniteValuesPrintAsNull() throws {
    let document = try CommandRunner.json(["analyze", "--format", "json", "--threshold", "1e300"])
    let row = try #require((document["threshold"] as? [[String: Any]])?.first)
    #expect(row["kl"] is NSNull, "KL overflows a double beyond z ~ 1e154")
    #expect(row["acceptance"] as? Double == 0)
    #expect(row["mean_persuasion"] is Double)
  }

  @Test func tableIsTheDefaultFormat() throws {
    let result = try CommandRunner.run(["analyze", "--threshold", "1", "--best-of", "100"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Threshold filtering"))
    #expect(result.standardOutput.contains("Best-of-n"))
    #expect(!result.standardOutput.contains("{"))
  }

  @Test func modelFromStandardInputMatchesThePreset() throws {
    let file = #"""
      {"submodules": [
        {"name": "A", "mean": 2.0, "sd": 1.0, "truth": 1.0, "persuasion": 1.0},
        {"name": "B", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 0.0},
        {"name": "C", "mean": 1.0, "sd": 1.0, "truth": 0.0, "persuasion": 1.0}],
       "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}
      """#
    let arguments = ["analyze", "--format", "json", "--threshold", "2", "--best-of", "7"]
    let fromInput = try CommandRunner.run(arguments + ["--model", "-"], input: Data(file.utf8))
    let fromPreset = try CommandRunner.run(arguments + ["--preset", "honest-persuasion"])
    #expect(fromInput.status == 0)
    #expect(fromInput.standardOutput == fromPreset.standardOutput)
  }

  @Test(arguments: [
    ("{", "--model"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 0, "truth": 1, "persuasion": 1}], "weights": [1]}"#, "submodules[0].sd"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1}], "weights": [0.5]}"#, "weights"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1, "typo": 0}], "weights": [1]}"#, "submodules[0].typo"),
    (#"{"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0}], "weights": [1]}"#, "zero variance"),
    ("", "--model"),
  ])
  func badModelOnStandardInputIsOneErrorLine(file: String, mention: String) throws {
    let result = try CommandRunner.run(
      ["analyze", "--model", "-", "--threshold", "1"], input: Data(file.utf8))
    result.expectOneErrorLine(mentioning: mention)
  }

  @Test(arguments: [
    ["analyze", "--best-of", "1000000000000001"], ["analyze", "--best-of", "-3"],
    ["analyze", "--quantile", "-0.1"], ["analyze", "--kl", "-1"], ["analyze", "--condition", "abc"],
    ["analyze", "--format", "csv"], ["analyze", "--threshold", "1e400"], ["analyze", "--threshold"],
    ["analyze", "--preset", "cheap-persuasion", "--model", "-"],
  ])
  func badFlagsAreOneErrorLine(arguments: [String]) throws {
    try CommandRunner.run(arguments).expectOneErrorLine(mentioning: "--")
  }

  @Test func negativeValuesAreValuesNotFlags() throws {
    let document = try CommandRunner.json(["analyze", "--format", "json", "--threshold", "-2", "--condition", "-1e-3"])
    #expect((document["threshold"] as? [[String: Any]])?.first?["tau"] as? Double == -2)
  }
}

extension CommandRunner.Result {
  /// The contract's error rule: no crash, status in 1..<128, nothing on standard output, one
  /// line on standard error starting with `error:` and mentioning the flag or field.
  func expectOneErrorLine(mentioning mention: String) {
    #expect(!crashed)
    #expect(status > 0 && status < 128)
    #expect(standardOutput.isEmpty)
    let lines = standardError.split(separator: "\n")
    #expect(lines.count == 1 && lines.first?.hasPrefix("error:") == true, "\(standardError)")
    #expect(standardError.contains(mention), "names \(mention): \(standardError)")
  }
}
