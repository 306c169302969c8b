import Foundation
import FoundationXML
import Testing

/// `goodhart sweep`: CSV layout, determinism, shards that concatenate to the whole run, the
/// heatmap, and the shipped example.
@Suite struct SweepCommandTests {
  static let spec = #"""
    {"preset": "cheap-persuasion",
     "axes": [{"path": "submodules[2].mean", "from": 0.5, "to": 2.5, "steps": 9},
              {"path": "submodules[2].sd", "from": 0.5, "to": 1.5, "steps": 5}],
     "record": ["goodhart_gap", "reward_maximiser", "best_of_n_mean_truth", "asymptote",
                "limit_mean_truth"],
     "n": 100}
    """#

  static func sweep(_ arguments: [String] = []) throws -> String {
    let result = try CommandRunner.run(["sweep", "--spec", "-"] + arguments, input: Data(spec.utf8))
    #expect(result.status == 0, "\(result.standardError)")
    return result.standardOutput
  }

  @Test func csvHasAHeaderAndOneRowPerPointInRowMajorOrder() throws {
    let lines = try Self.sweep().split(separator: "\n").map(String.init)
    #expect(lines.first == "submodules[2].mean,submodules[2].sd,goodhart_gap,reward_maximiser,best_of_n_mean_truth,asymptote,limit_mean_truth")
    let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(rows.count == 45)
    #expect(rows.allSatisfy { $0.count == 7 })
    #expect(rows[0][0] == "0.5" && rows[0][1] == "0.5")
    #expect(rows[1][0] == "0.5" && rows[1][1] == "0.75")
    #expect(rows[5][0] == "0.75" && rows[5][1] == "0.5")
    #expect(rows[44][0] == "2.5" && rows[44][1] == "1.5")
    // Normal errors: best-of-n truth grows without bound, so the limit cell is empty.
    #expect(rows.allSatisfy { $0[5] == "unbounded" && $0[6] == "" })
    #expect(Set(rows.map { $0[3] }) == ["A", "C"])
  }

  @Test func sameSpecSameBytes() throws {
    #expect(try Self.sweep() == Self.sweep())
  }

  /// The contract: every shard prints the header, and the data rows of shards 1..N, concatenated
  /// in order, are byte for byte those of the unsharded run — for N below, at and above the
  /// number of points.
  @Test(arguments: [2, 4, 7, 45, 60])
  func shardsConcatenateToTheWholeRun(_ count: Int) throws {
    let whole = try Self.sweep()
    let header = String(whole.prefix { $0 != "\n" })
    var rows = ""
    for index in 1...count {
      let part = try Self.sweep(["--shard", "\(index)/\(count)"])
      #expect(part.hasPrefix(header + "\n"))
      rows += part.dropFirst(header.count + 1)
    }
    #expect(rows == whole.dropFirst(header.count + 1))
  }

  @Test func heatmapIsAnSVGWithOneCellPerPointAndTheZeroContour() throws {
    let svg = try Self.sweep(["--format", "svg"])
    let document = try XMLDocument(data: Data(svg.utf8))
    #expect(document.rootElement()?.name == "svg")
    let cells = try document.nodes(forXPath: "//*[local-name()='rect']")
    #expect(cells.count >= 45)
    #expect(svg.contains("goodhart_gap over submodules[2].mean and submodules[2].sd"))
    // The gap changes sign between C's means 0.5 and 2.5, so the contour is drawn.
    #expect(svg.contains("black: the zero contour"))
  }

  @Test func theExampleNamedByTheHelpRuns() throws {
    let help = try CommandRunner.run(["sweep", "--help"]).standardOutput
    #expect(help.contains("Examples/sweeps/gap-over-c.json"))
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let example = root.appendingPathComponent("Examples/sweeps/gap-over-c.json").path
    let result = try CommandRunner.run(["sweep", "--spec", example, "--shard", "1/50"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.split(separator: "\n").count == 1 + 50)
  }
}
