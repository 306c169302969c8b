import Foundation
import FoundationXML
import Testing

@Suite struct FrontierCommandTests {
  @Test func csvHasTheContractColumnsAndOneRowPerPoint() throws {
    let result = try CommandRunner.run(["frontier", "--format", "csv", "--points", "20", "--max-kl", "6"])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.first == "policy,parameter,kl,mean_truth,mean_persuasion")
    let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
    #expect(rows.count == 4 * 20 + 1)
    #expect(rows.allSatisfy { $0.count == 5 })
    #expect(Set(rows.map { $0[0] }) == ["quantilizer", "best_of_n", "tilt", "weight_family", "reward_maximiser"])
    // Every number parses (the reward maximiser's KL is `inf`).
    for row in rows { #expect(row.dropFirst().allSatisfy { Double($0) != nil }, "\(row)") }
    #expect(rows.last == ["reward_maximiser", "0.0", "inf", "0.0", "2.0"])
  }

  @Test func csvTiltRowsAgreeWithTheClosedForm() throws {
    let result = try CommandRunner.run(["frontier", "--format", "csv", "--points", "30", "--no-weight-family"])
    let rows = result.standardOutput.split(separator: "\n").dropFirst()
      .map { $0.split(separator: ",").map(String.init) }
      .filter { $0[0] == "tilt" }
    #expect(rows.count == 30)
    // cheap-persuasion: μ_T = 2/3, μ_P = 1, σ_P = sqrt(2)/3, c = 1/9.
    let sd = 2.0.squareRoot() / 3
    for row in rows {
      let kl = try #require(Double(row[2]))
      let shift = (2 * kl).squareRoot()
      #expect(abs(Double(row[3])! - (2.0 / 3 + (1.0 / 9) / sd * shift)) <= 1e-13)
      #expect(abs(Double(row[4])! - (1 + sd * shift)) <= 1e-13)
    }
  }

  @Test func jsonHasEveryPolicyTheGapAndTheFits() throws {
    let document = try CommandRunner.json(["frontier", "--format", "json", "--points", "12", "--fit"])
    let policies = try #require(document["policies"] as? [[String: Any]])
    #expect(policies.map { $0["policy"] as? String } == ["quantilizer", "best_of_n", "tilt", "weight_family"])
    for policy in policies {
      #expect((policy["points"] as? [[String: Any]])?.count == 12)
    }
    let vertex = try #require(document["reward_maximiser"] as? [String: Any])
    #expect(vertex["kl"] is NSNull, "an infinite KL is null")
    let gap = try #require(vertex["goodhart_gap"] as? Double)
    #expect(abs(gap - 7.0 / 6) <= 1e-14)
    let fits = try #require(document["fits"] as? [[String: Any]])
    #expect(fits.count == 8)
    #expect(fits.allSatisfy { ["exact", "good", "rough", "poor"].contains($0["quality"] as? String ?? "") })
  }

  @Test(arguments: ["cheap-persuasion", "honest-persuasion"])
  func svgParsesAsXMLAndLabelsEveryPolicy(preset: String) throws {
    let result = try CommandRunner.run(["frontier", "--format", "svg", "--preset", preset])
    #expect(result.status == 0, "\(result.standardError)")
    let document = try XMLDocument(data: Data(result.standardOutput.utf8))
    #expect(document.rootElement()?.name == "svg")
    let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    for label in [
      "quantilizer (top q)", "best-of-n", "ideal tilt π0·exp(P/β)", "KL-penalised weights",
      "reward maximiser", "base law",
    ] {
      #expect(texts.contains { $0.hasPrefix(label) }, "missing label \(label)")
    }
    for axis in ["mean persuasiveness E[P] (score units)", "mean truth E[T] (score units)",
                 "sqrt(KL from the base law) (sqrt(nats))"] {
      #expect(texts.contains(axis), "missing axis title \(axis)")
    }
    let lines = try document.nodes(forXPath: "//*[local-name()='polyline']")
    #expect(lines.count >= 3 * 2, "each filtering policy is a line in both panels")
  }

  @Test func noWeightFamilyLeavesItsRowsOut() throws {
    let result = try CommandRunner.run(["frontier", "--format", "csv", "--points", "7", "--no-weight-family"])
    let policies = result.standardOutput.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
    #expect(policies.count == 3 * 7 + 1)
    #expect(!policies.contains("weight_family"))
    let sparse = try CommandRunner.run(["frontier", "--format", "csv", "--points", "7", "--family-points", "3"])
    let rows = sparse.standardOutput.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
    #expect(rows.filter { $0 == "weight_family" }.count == 3)
    #expect(rows.filter { $0 == "tilt" }.count == 7)
  }

  @Test func outputWritesTheFileAndPrintsNothingOnStandardOutput() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("goodhart-frontier-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("frontier.csv").path
    let result = try CommandRunner.run(["frontier", "--format", "csv", "--points", "5", "--output", path])
    #expect(result.status == 0)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.split(separator: "\n").count == 1)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.hasPrefix("policy,parameter,kl,mean_truth,mean_persuasion\n"))
    #expect(written.split(separator: "\n").count == 1 + 4 * 5 + 1)
  }

  @Test(arguments: [
    ["frontier", "--points", "1"], ["frontier", "--points", "2.5"], ["frontier", "--points", "x"],
    ["frontier", "--points", "100001"], ["frontier", "--max-kl", "0"], ["frontier", "--max-kl", "31"],
    ["frontier", "--max-kl", "nan"], ["frontier", "--fit", "--format", "csv"],
    ["frontier", "--format", "bogus"], ["frontier", "--output", "/nonexistent/folder/frontier.csv"],
    ["frontier", "--preset", "nope"], ["frontier", "--family-points", "1"],
  ])
  func badInputIsOneErrorLine(arguments: [String]) throws {
    let result = try CommandRunner.run(arguments)
    let line = CommandRunner.expectOneErrorLine(result, startingWith: "error:")
    #expect(line?.contains("--") == true, "names the flag: \(result.standardError)")
  }
}

/// `frontier --regulariser`: one more policy per regulariser in the CSV.
@Suite struct FrontierRegulariserCommandTests {
  @Test func csvGainsOnePolicyPerRegulariser() throws {
    let result = try CommandRunner.run([
      "frontier", "--format", "csv", "--points", "20", "--regulariser", "weight-kl", "--regulariser",
      "weight-decay", "--regulariser", "persuasion-kl",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let policies = Set(result.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] })
    #expect(policies.isSuperset(of: [
      "weight_family", "weight_family_weight_kl", "weight_family_weight_decay", "weight_family_persuasion_kl",
    ]))
  }

  @Test func badRegulariserNamesTheFlag() throws {
    CommandRunner.expectOneErrorLine(
      try CommandRunner.run(["frontier", "--regulariser", "l2"]), startingWith: "error: --regulariser")
    CommandRunner.expectOneErrorLine(
      try CommandRunner.run(["compare", "--regulariser", "l2"]), startingWith: "error: --regulariser")
  }
}
