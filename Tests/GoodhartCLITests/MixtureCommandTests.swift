import Foundation
import Testing

/// The mixture reading (`"composition": "mixture"`) through the command line, and the commands
/// that now take every route (compare and regime on heavy tails and mixtures).
@Suite struct MixtureCommandTests {
  /// cheap-persuasion read as a mixture, on standard input.
  static let mixture = Data(
    """
    {"composition": "mixture", "submodules": [
      {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
      {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
      {"name": "C", "mean": 2, "sd": 1, "truth": 0, "persuasion": 1}],
     "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}
    """.utf8)

  /// A Student-t(3) C in the sum reading.
  static let heavy = Data(
    """
    {"submodules": [
      {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
      {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
      {"name": "C", "distribution": {"family": "student_t", "location": 2, "scale": 1, "dof": 3},
       "truth": 0, "persuasion": 1}],
     "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}
    """.utf8)

  @Test func analyzeReportsTheMixtureWithEveryKey() throws {
    let document = try CommandRunner.json(
      ["analyze", "--model", "-", "--format", "json", "--condition", "0", "--threshold", "0",
       "--quantile", "0.8", "--best-of", "100", "--kl", "1"], input: MixtureCommandTests.mixture)
    #expect(document["composition"] as? String == "mixture")
    #expect(document["method"] as? String == "mixture")
    let moments = try #require(document["moments"] as? [String: Any])
    #expect(abs(try #require(moments["covariance"] as? Double)) < 1e-15)
    let conditional = try #require((document["conditional"] as? [[String: Any]])?.first)
    #expect(conditional["mean_truth"] as? Double == 1)
    for section in ["threshold", "quantile", "best_of_n", "tilt"] {
      let row = try #require((document[section] as? [[String: Any]])?.first)
      for key in ["mean_truth", "mean_persuasion", "var_truth", "var_persuasion", "kl"] {
        #expect(row[key] is Double, "\(section).\(key)")
      }
    }
    // The quantile cuts into the atom at P = 0: its KL is below −ln q.
    let quantile = try #require((document["quantile"] as? [[String: Any]])?.first)
    #expect(quantile["tau"] as? Double == 0)
    #expect(try #require(quantile["kl"] as? Double) < -log(0.8))
  }

  @Test func everyCommandTakesAMixture() throws {
    for arguments in [
      ["compare", "--format", "json"], ["regime", "--format", "json"],
      ["frontier", "--points", "12", "--format", "json"],
      ["optimize", "--beta", "0.5", "--method", "exact", "--format", "json"],
      ["simulate", "--samples", "1000", "--seed", "1", "--format", "json"],
    ] {
      let document = try CommandRunner.json(
        [arguments[0], "--model", "-"] + arguments.dropFirst(), input: MixtureCommandTests.mixture)
      #expect(document["composition"] as? String == "mixture", "\(arguments[0])")
    }
    try CommandRunner.run(
      ["optimize", "--model", "-", "--method", "reinforce"], input: MixtureCommandTests.mixture
    ).expectOneErrorLine(mentioning: "--method")
  }

  @Test func compareTakesAHeavyTailedModel() throws {
    let document = try CommandRunner.json(
      ["compare", "--model", "-", "--format", "json"], input: MixtureCommandTests.heavy)
    #expect(document["method"] as? String == "quadrature")
    #expect(document["tilt"] is NSNull)
    let best = try #require(document["best_of_n"] as? [String: Any])
    #expect(abs(try #require(best["mean_persuasion"] as? Double) - 2) < 1e-9)
    let notes = try #require(document["notes"] as? [String])
    #expect(notes.contains { $0.contains("not normalisable") })
  }

  @Test(arguments: ["\"sums\"", "1", "null"])
  func badCompositionIsOneErrorLine(value: String) throws {
    let text = """
      {"composition": \(value), "submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1}],
       "weights": [1]}
      """
    try CommandRunner.run(["analyze", "--model", "-"], input: Data(text.utf8))
      .expectOneErrorLine(mentioning: "composition")
  }
}
