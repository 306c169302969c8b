import Foundation
import Testing

@Suite struct AnalyzeCommandTests {
  @Test func defaultPresetMomentsMatchTheContractFile() throws {
    let document = try CommandRunner.json(["analyze", "--format", "json"])
    let moments = try #require(document["moments"] as? [String: Double])
    // cheap-persuasion, w = 1/3 each: E[T] = (1 + 1)/3, E[P] = (1 + 2)/3, Var T = Var P = 2/9.
    #expect(abs(moments["mean_truth"]! - 2.0 / 3) <= 1e-15)
    #expect(abs(moments["mean_persuasion"]! - 1) <= 1e-15)
    #expect(abs(moments["var_persuasion"]! - 2.0 / 9) <= 1e-15)
    #expect(document["threshold"] == nil, "unrequested sections are absent")
  }

  @Test(arguments: [
    ["analyze", "--quantile", "0"], ["analyze", "--quantile", "1.5"], ["analyze", "--kl", "0"],
    ["analyze", "--kl", "nan"], ["analyze", "--threshold", "inf"], ["analyze", "--best-of", "0"],
    ["analyze", "--best-of", "2.5"], ["analyze", "--preset", "nope"], ["analyze", "--bogus"],
    ["analyze", "--model", "/nonexistent/model.json"], ["analyze", "--model", "/"],
  ])
  func badInputIsOneErrorLine(arguments: [String]) throws {
    try CommandRunner.run(arguments).expectOneErrorLine(mentioning: "--")
  }
}
