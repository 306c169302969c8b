import Foundation
import Testing

/// Seeded runs print the committed bytes: a change to a sampling stream, an estimator or the
/// printed format shows up here first. `Golden/cases.txt` lists file and arguments;
/// `Golden/regenerate.sh` rewrites the files after a deliberate change.
@Suite struct GoldenOutputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let file: String
    let arguments: [String]
    var testDescription: String { file }
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  static let cases: [Case] = {
    let listing = (try? String(contentsOf: folder.appendingPathComponent("cases.txt"), encoding: .utf8)) ?? ""
    return listing.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "\t", maxSplits: 1)
      guard parts.count == 2 else { return nil }
      return Case(file: String(parts[0]), arguments: parts[1].split(separator: " ").map(String.init))
    }
  }()

  @Test func everyCaseIsListed() {
    #expect(GoldenOutputTests.cases.count == 4)
  }

  @Test(arguments: GoldenOutputTests.cases)
  func seededRunPrintsTheCommittedBytes(_ golden: Case) throws {
    let expected = try String(
      contentsOf: GoldenOutputTests.folder.appendingPathComponent(golden.file), encoding: .utf8)
    let result = try CommandRunner.run(golden.arguments)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput == expected, "\(golden.file) changed")
  }
}
