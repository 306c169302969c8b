import Foundation
import Goodhart
import Testing

@Suite struct OptimizeCommandTests {
  @Test func exactJSONHasTheContractKeysAndConsistentNumbers() throws {
    let document = try CommandRunner.json(["optimize", "--beta", "0.1", "--format", "json"])
    #expect(document["method"] as? String == "exact")
    #expect(document["beta"] as? Double == 0.1)
    let weights = try #require(document["weights"] as? [Double])
    #expect(weights.count == 3)
    #expect(weights[1] == 0, "cheap-persuasion at beta 0.1 sits on the face w_B = 0")
    let truth = try #require(document["mean_truth"] as? Double)
    let persuasion = try #require(document["mean_persuasion"] as? Double)
    let kl = try #require(document["kl"] as? Double)
    let objective = try #require(document["objective"] as? Double)
    // T = w_A X_A + w_B X_B, P = w_A X_A + w_C X_C with means 1, 1, 2.
    #expect(abs(truth - (weights[0] + weights[1])) <= 1e-14)
    #expect(abs(persuasion - (weights[0] + 2 * weights[2])) <= 1e-14)
    #expect(abs(objective - (persuasion - 0.1 * kl)) <= 1e-14)
    #expect(document["trajectory"] == nil, "exact has no trajectory")
  }

  @Test func betaZeroIsTheVertexWithANullKL() throws {
    let document = try CommandRunner.json(["optimize", "--beta", "0", "--format", "json"])
    #expect(document["weights"] as? [Double] == [0, 0, 1])
    #expect(document["kl"] is NSNull)
    #expect(document["objective"] as? Double == 2)
  }

  @Test func reinforceConvergesAndLogsATrajectory() throws {
    let exact = try CommandRunner.json(
      ["optimize", "--preset", "honest-persuasion", "--beta", "1", "--format", "json"])
    let document = try CommandRunner.json([
      "optimize", "--preset", "honest-persuasion", "--beta", "1", "--method", "reinforce",
      "--seed", "5", "--format", "json",
    ])
    let weights = try #require(document["weights"] as? [Double])
    let target = try #require(exact["weights"] as? [Double])
    #expect(zip(weights, target).reduce(0) { $0 + abs($1.0 - $1.1) } <= 0.02)
    let trajectory = try #require(document["trajectory"] as? [[String: Any]])
    #expect(trajectory.first?["step"] as? Int == 0)
    #expect(trajectory.last?["step"] as? Int == 3000)
    #expect(trajectory.count == 31)
    for key in ["weights", "mean_truth", "mean_persuasion", "kl", "objective"] {
      #expect(trajectory.last?[key] != nil, "trajectory has \(key)")
    }
  }

  @Test func sameSeedSameBytes() throws {
    let arguments = [
      "optimize", "--method", "pathwise", "--beta", "0.3", "--steps", "300", "--batch", "16",
      "--seed", "9", "--log-every", "50", "--format", "json",
    ]
    let first = try CommandRunner.run(arguments)
    let second = try CommandRunner.run(arguments)
    #expect(first.status == 0)
    #expect(first.standardOutput == second.standardOutput)
  }

  @Test func tableIsTheDefault() throws {
    let result = try CommandRunner.run(["optimize", "--method", "pathwise", "--steps", "100", "--batch", "8"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Trajectory"))
  }

  @Test(arguments: [
    ["optimize", "--beta", "-1"], ["optimize", "--beta", "nan"], ["optimize", "--beta", "x"],
    ["optimize", "--method", "sgd"], ["optimize", "--steps", "0"], ["optimize", "--steps", "2.5"],
    ["optimize", "--batch", "1"], ["optimize", "--learning-rate", "0"],
    ["optimize", "--learning-rate", "inf"], ["optimize", "--seed", "-3"],
    ["optimize", "--seed", "1.5"], ["optimize", "--log-every", "0"], ["optimize", "--format", "csv"],
    ["optimize", "--preset", "nope"], ["compare", "--beta", "0"], ["compare", "--beta", "nan"],
    ["compare", "--format", "svg"],
  ])
  func badFlagsAreOneErrorLine(arguments: [String]) throws {
    let result = try CommandRunner.run(arguments)
    CommandRunner.expectOneErrorLine(result)
  }

  /// The sampling optimisers under the other regularisers: the JSON names the regulariser, and
  /// its `penalty` is that regulariser's value at the weights printed (weight decay: Σ (w − w0)²).
  @Test(arguments: ["reinforce", "pathwise"])
  func samplingUnderWeightDecayReportsItsPenalty(method: String) throws {
    let json = try CommandRunner.json([
      "optimize", "--method", method, "--regulariser", "weight-decay", "--beta", "0.5", "--steps", "400",
      "--batch", "64", "--format", "json",
    ])
    #expect(json["regulariser"] as? String == "weight-decay")
    #expect(json["method"] as? String == method)
    let weights = try #require(json["weights"] as? [Double])
    let base = Preset.cheapPersuasion.model.weights
    let decay = zip(weights, base).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    let penalty = try #require(json["penalty"] as? Double)
    #expect(abs(penalty - decay) <= 1e-12 * max(1, decay))
    #expect(decay > 1e-4, "the run moved the weights")
  }

  @Test(arguments: [
    ["optimize", "--method", "reinforce", "--domain", "real", "--beta", "0"],
    ["optimize", "--method", "pathwise", "--domain", "nonnegative", "--regulariser", "weight-kl"],
  ])
  func samplingOffTheSimplexNamesTheDomain(arguments: [String]) throws {
    let line = CommandRunner.expectOneErrorLine(try CommandRunner.run(arguments), startingWith: "error: --domain:")
    #expect(line?.contains("simplex") == true)
  }

  @Test func degenerateBaseWithPositiveBetaExplainsWhy() throws {
    let model = """
      {"submodules": [{"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
                      {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0}],
       "weights": [1, 0]}
      """
    let result = try CommandRunner.run(["optimize", "--model", "-", "--beta", "0.1"], input: Data(model.utf8))
    #expect(result.status > 0 && result.status < 128)
    #expect(result.standardError.hasPrefix("error: --beta:"))
    #expect(result.standardError.contains("weights"))
    #expect(result.standardError.contains("singular"))
  }

  @Test func heavyTailsAreAClearErrorForOptimizeOnly() throws {
    let model = """
      {"submodules": [{"name": "A", "distribution": {"family": "cauchy", "location": 0, "scale": 1},
                       "truth": 1, "persuasion": 1},
                      {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0}],
       "weights": [0.5, 0.5]}
      """
    // RL on the weights of heavy-tailed submodules in the sum reading has no KL route yet.
    let result = try CommandRunner.run(["optimize", "--model", "-"], input: Data(model.utf8))
    #expect(result.status > 0 && result.status < 128)
    #expect(result.standardError.contains("normal submodules"), "\(result.standardError)")
    // compare takes the model (every route), without the penalised optima, and says why.
    let compared = try CommandRunner.json(["compare", "--model", "-", "--format", "json"], input: Data(model.utf8))
    let notes = try #require(compared["notes"] as? [String])
    #expect(notes.contains { $0.contains("no exact route yet") })
  }
}
