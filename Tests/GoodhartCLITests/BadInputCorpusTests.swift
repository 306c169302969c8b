import Foundation
import Testing

/// Every bad input ends the same way: an exit status in 1...127, no signal, nothing on standard
/// output, and exactly one line on standard error that starts with `error:` and names the
/// offending field or flag.
@Suite struct BadInputCorpusTests {
  @Test(arguments: BadInputCorpus.models)
  func badModelIsOneClearErrorLine(_ input: BadInput) throws {
    try expectCleanError(input)
  }

  @Test(arguments: BadInputCorpus.flags)
  func badFlagIsOneClearErrorLine(_ input: BadInput) throws {
    try expectCleanError(input)
  }

  func expectCleanError(_ input: BadInput) throws {
    let result = try CommandRunner.run(input.arguments, input: input.standardInput.map { Data($0.utf8) })
    #expect(!result.crashed, "\(input.name): ended by a signal")
    #expect((1...127).contains(result.status), "\(input.name): exit status \(result.status)")
    #expect(result.standardOutput.isEmpty, "\(input.name): printed \(result.standardOutput)")
    let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.isEmpty }
    #expect(lines.count == 1, "\(input.name): \(result.standardError)")
    let line = String(lines.first ?? "")
    #expect(line.hasPrefix("error: "), "\(input.name): \(line)")
    #expect(line.contains(input.mustName), "\(input.name): \(line) does not name \(input.mustName)")
  }
}
