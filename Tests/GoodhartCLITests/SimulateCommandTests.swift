import Foundation
import Testing

@Suite struct SimulateCommandTests {
  static let arguments = [
    "simulate", "--samples", "150001", "--seed", "12", "--threshold", "1.2", "--threshold", "0.5",
    "--best-of", "4", "--best-of", "70000", "--trials", "3", "--format", "json",
  ]

  @Test func sameBytesWhateverTheThreadCount() throws {
    let outputs = try [1, 2, 7].map { threads in
      try CommandRunner.run(SimulateCommandTests.arguments + ["--threads", "\(threads)"])
    }
    #expect(outputs.allSatisfy { $0.status == 0 && !$0.standardOutput.isEmpty })
    #expect(Set(outputs.map(\.standardOutput)).count == 1)
    #expect(outputs.allSatisfy { $0.standardError.isEmpty }, "no progress when not a terminal")
  }

  @Test func differentSeedsPrintDifferentNumbers() throws {
    let first = try CommandRunner.run(SimulateCommandTests.arguments)
    let second = try CommandRunner.run(
      SimulateCommandTests.arguments.map { $0 == "12" ? "13" : $0 })
    #expect(first.standardOutput != second.standardOutput)
  }

  /// The contract's document: every estimate an {estimate, standard_error} object, counts plain
  /// integers, sections in flag order; and the numbers land within 4.5 standard errors of the
  /// exact values of the default preset (cheap-persuasion: E[T] = 2/3, E[P] = 1,
  /// Var T = Var P = 2/9, Cov = 1/9).
  @Test func documentHasTheContractShapeAndAgreesWithTheExactValues() throws {
    let document = try CommandRunner.json(SimulateCommandTests.arguments)
    #expect(document["samples"] as? Int == 150_001)
    #expect(document["seed"] as? Int == 12)
    let moments = try #require(document["moments"] as? [String: [String: Double]])
    let exact = [
      "mean_truth": 2.0 / 3, "mean_persuasion": 1, "var_truth": 2.0 / 9, "var_persuasion": 2.0 / 9,
      "covariance": 1.0 / 9,
    ]
    for (key, value) in exact {
      let estimate = try #require(moments[key]?["estimate"], "\(key)")
      let error = try #require(moments[key]?["standard_error"], "\(key)")
      #expect(abs(estimate - value) <= 4.5 * error, "\(key): \(estimate) ± \(error) vs \(value)")
    }
    let best = try #require(document["best_of_n"] as? [[String: Any]])
    #expect(best.map { $0["n"] as? Int } == [4, 70000])
    #expect(best.map { $0["trials"] as? Int } == [3, 3])
    let threshold = try #require(document["threshold"] as? [[String: Any]])
    #expect(threshold.map { $0["tau"] as? Double } == [1.2, 0.5])
    for row in threshold {
      #expect(row["accepted"] is Int)
      for key in ["acceptance", "mean_truth", "mean_persuasion"] {
        let estimate = try #require(row[key] as? [String: Double], "\(key)")
        #expect(Set(estimate.keys) == ["estimate", "standard_error"])
      }
    }
    #expect(document["conditional"] == nil, "absent unless --condition is given")
  }

  @Test func tiltAndConditionSectionsAppearWhenAsked() throws {
    let document = try CommandRunner.json([
      "simulate", "--samples", "20000", "--beta", "0.5", "--condition", "1", "--format", "json",
    ])
    let tilt = try #require((document["tilt"] as? [[String: Any]])?.first)
    #expect(tilt["beta"] as? Double == 0.5)
    #expect((tilt["effective_samples"] as? Double).map { $0 > 1 && $0 <= 20000 } == true)
    // cheap-persuasion: E_tilt[P] = 1 + (2/9)/0.5 = 13/9.
    let mean = try #require(tilt["mean_persuasion"] as? [String: Double])
    let (estimate, error) = (mean["estimate"] ?? .nan, mean["standard_error"] ?? .nan)
    #expect(abs(estimate - 13.0 / 9) <= 4.5 * error, "\(estimate) ± \(error)")
    let conditional = try #require((document["conditional"] as? [[String: Any]])?.first)
    #expect(conditional["persuasion"] as? Double == 1)
  }

  @Test func emptySectionsAreEmptyArrays() throws {
    let document = try CommandRunner.json(["simulate", "--samples", "1000", "--format", "json"])
    #expect((document["best_of_n"] as? [Any])?.isEmpty == true)
    #expect((document["threshold"] as? [Any])?.isEmpty == true)
  }

  @Test func heavyTailedModelFileRuns() throws {
    let model = """
      {"submodules": [
        {"name": "A", "distribution": {"family": "student_t", "location": 1, "scale": 1, "dof": 3},
         "truth": 1, "persuasion": 1},
        {"name": "C", "distribution": {"family": "cauchy", "location": 2, "scale": 0.5},
         "truth": 0, "persuasion": 1}],
       "weights": [0.5, 0.5]}
      """
    let result = try CommandRunner.run(
      ["simulate", "--model", "-", "--samples", "20000", "--threshold", "1.5", "--format", "json"],
      input: Data(model.utf8))
    #expect(result.status == 0, "\(result.standardError)")
    #expect(!result.standardOutput.contains("nan"))
  }

  @Test func tableIsTheDefault() throws {
    let result = try CommandRunner.run(["simulate", "--samples", "5000", "--best-of", "3"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("±"))
    #expect(result.standardOutput.contains("Best-of-n"))
  }

  @Test(arguments: [
    ["--samples", "1"], ["--samples", "2.5"], ["--samples", "1e16"], ["--samples", "x"],
    ["--seed", "1.5"], ["--seed=-1"], ["--threads", "0"], ["--threads", "5000"],
    ["--best-of", "0"], ["--best-of", "1e10"], ["--trials", "1"], ["--threshold", "inf"],
    ["--threshold", "nan"], ["--condition", "1e400"], ["--half-width", "0"], ["--format", "svg"],
    ["--best-of", "1000000000", "--trials", "10000000"], ["--preset", "nope"], ["--beta", "0"],
    ["--beta=-1"], ["--beta", "inf"],
  ])
  func badInputIsOneErrorLine(flags: [String]) throws {
    let result = try CommandRunner.run(["simulate"] + flags)
    CommandRunner.expectOneErrorLine(result)
  }
}
