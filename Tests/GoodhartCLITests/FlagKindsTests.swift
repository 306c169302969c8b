import Foundation
import Testing

/// Every flag of a kind of number reads the same spellings and fails with the same rule
/// (`FlagValue.swift`: one parser per kind).
@Suite struct FlagKindsTests {
  @Test(arguments: [
    (["analyze", "--best-of"], ["1000", "1e3", "1_000", " 1000 "]),
    (["simulate", "--samples"], ["1000", "1e3", "1_000", " 1000 "]),
    (["regime", "--max-n"], ["1000", "1e3", "1_000", " 1000 "]),
    (["frontier", "--points", "--no-weight-family"], ["12", "1.2e1", "1_2", " 12 "]),
  ])
  func wholeNumbersAcceptTheSameSpellings(arguments: [String], spellings: [String]) throws {
    for spelling in spellings {
      let result = try CommandRunner.run(arguments.prefix(2) + [spelling] + arguments.dropFirst(2) + ["--format", "json"])
      #expect(result.status == 0, "\(arguments) \(spelling): \(result.standardError)")
    }
    for bad in ["1000.5", "ten", "1e3.5x", "nan"] {
      try CommandRunner.run(Array(arguments.prefix(2)) + [bad]).expectOneErrorLine(mentioning: arguments[1])
    }
  }

  @Test func seedsSpanTheWholeUnsignedRangeInEveryCommand() throws {
    let largest = "18446744073709551615"
    let simulated = try CommandRunner.json(
      ["simulate", "--samples", "100", "--seed", largest, "--format", "json"])
    #expect((simulated["seed"] as? NSNumber)?.uint64Value == UInt64.max)
    let optimised = try CommandRunner.run(
      ["optimize", "--method", "reinforce", "--steps", "3", "--batch", "4", "--seed", largest,
       "--format", "json"])
    #expect(optimised.status == 0, "\(optimised.standardError)")
    for command in [["simulate", "--samples", "100"], ["optimize", "--method", "reinforce"]] {
      try CommandRunner.run(command + ["--seed", "18446744073709551616"])
        .expectOneErrorLine(mentioning: "--seed")
      try CommandRunner.run(command + ["--seed", "-1"]).expectOneErrorLine(mentioning: "--seed")
    }
  }

  @Test func realNumbersRefuseNonFiniteValuesAlike() throws {
    for arguments in [["analyze", "--threshold"], ["compare", "--beta"], ["frontier", "--max-kl"],
                      ["optimize", "--beta"], ["simulate", "--half-width"]] {
      for bad in ["inf", "nan", "1e400", "x"] {
        try CommandRunner.run(Array(arguments.prefix(2)) + [bad]).expectOneErrorLine(mentioning: arguments[1])
      }
    }
  }
}
