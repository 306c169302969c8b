import Foundation
import Testing

/// `optimize --fit` and `early_stop`: the trajectory view of a sampling run.
@Suite struct TrajectoryCommandTests {
  static let hump: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Examples/models/training-hump.json")

  @Test func samplingRunReportsTheEarlyStopAndBothFits() throws {
    let document = try CommandRunner.json([
      "optimize", "--model", Self.hump.path, "--beta", "0", "--method", "pathwise", "--steps", "600",
      "--learning-rate", "0.005", "--log-every", "50", "--fit", "--format", "json",
    ])
    let trajectory = try #require(document["trajectory"] as? [[String: Any]])
    let stop = try #require(document["early_stop"] as? [String: Any])
    let truths = trajectory.compactMap { $0["mean_truth"] as? Double }
    #expect(stop["mean_truth"] as? Double == truths.max())
    #expect((stop["step"] as? Int ?? 0) > 0)
    let fits = try #require(document["fits"] as? [[String: Any]])
    #expect(fits.compactMap { $0["form"] as? String } == ["best_of_n", "rl"])
    #expect(fits.allSatisfy { $0["alpha"] is Double && $0["quality"] is String })
  }

  @Test func fitOfAnExactOptimumIsRefused() throws {
    let result = try CommandRunner.run(["optimize", "--fit"])
    CommandRunner.expectOneErrorLine(result, startingWith: "error: --fit")
  }
}
