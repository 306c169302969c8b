import Foundation
import Testing

@Suite struct CompareCommandTests {
  /// `goodhart` alone prints the comparison for cheap-persuasion and exits 0.
  @Test func noArgumentsPrintsTheComparison() throws {
    let result = try CommandRunner.run([])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    let text = result.standardOutput
    #expect(text.contains("all weight on C"))
    #expect(text.contains("best-of-n"))
    #expect(text.contains("threshold filtering"))
    #expect(text.contains("ideal tilt"))
    #expect(text.contains("Goodhart gap: RL on the weights loses 1.16667"))
  }

  @Test func jsonHasEveryPolicy() throws {
    let document = try CommandRunner.json(["compare", "--format", "json"])
    #expect(document["target_persuasion"] as? Double == 2)
    let gap = try #require(document["goodhart_gap"] as? Double)
    #expect(abs(gap - 7.0 / 6) <= 1e-14)
    let best = try #require(document["best_of_n"] as? [String: Any])
    #expect(best["n_integer"] as? Double == 37)
    let threshold = try #require(document["threshold"] as? [String: Any])
    #expect((threshold["acceptance"] as? Double ?? 1) < 0.05)
    let tilt = try #require(document["tilt"] as? [String: Any])
    #expect(abs((tilt["kl"] as? Double ?? 0) - 2.25) <= 1e-13)
    let penalised = try #require(document["penalised"] as? [[String: Any]])
    #expect(penalised.count == 5)
  }

  @Test func honestPersuasionAndChosenBetas() throws {
    let document = try CommandRunner.json([
      "compare", "--preset", "honest-persuasion", "--beta", "0.5", "--beta", "0.05", "--format", "json",
    ])
    let gap = try #require(document["goodhart_gap"] as? Double)
    #expect(abs(gap + 0.5) <= 1e-14)
    let penalised = try #require(document["penalised"] as? [[String: Any]])
    #expect(penalised.map { $0["beta"] as? Double } == [0.5, 0.05])
  }
}
