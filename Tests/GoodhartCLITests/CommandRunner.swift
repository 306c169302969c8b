import Foundation
import Testing

/// Runs the built `goodhart` executable as a user would and captures what it prints.
struct CommandRunner {
  /// What one run printed and how it ended.
  struct Result {
    let status: Int32
    let standardOutput: String
    let standardError: String
    /// True when the process ended by a signal (a crash or abort).
    let crashed: Bool
  }

  /// The `goodhart` binary beside the test bundle in the build folder.
  static let executable: URL = {
    var directory = Bundle.main.bundleURL
    if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
    return directory.appendingPathComponent("goodhart")
  }()

  /// Runs `goodhart arguments...`, feeding `input` to standard input.
  static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    let stdin = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(input) }
    try stdin.fileHandleForWriting.close()
    // Read both pipes before waiting, so a large output cannot block the child.
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: outData, as: UTF8.self),
      standardError: String(decoding: errData, as: UTF8.self),
      crashed: process.terminationReason == .uncaughtSignal)
  }

  /// Expects a run that failed cleanly: not a crash, exit status 1–127, nothing on standard
  /// output, and exactly one line on standard error, starting with `prefix` (by default the
  /// flag-naming "error: --").
  ///
  /// - Returns: that line, if there was one.
  @discardableResult
  static func expectOneErrorLine(
    _ result: Result, startingWith prefix: String = "error: --",
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Substring? {
    #expect(!result.crashed, sourceLocation: sourceLocation)
    #expect(result.status > 0 && result.status < 128, sourceLocation: sourceLocation)
    #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
    let lines = result.standardError.split(separator: "\n")
    #expect(lines.count == 1, sourceLocation: sourceLocation)
    #expect(
      lines.first?.hasPrefix(prefix) == true, "names the flag: \(result.standardError)",
      sourceLocation: sourceLocation)
    return lines.first
  }

  /// Runs and parses standard output as a JSON object.
  static func json(_ arguments: [String], input: Data? = nil) throws -> [String: Any] {
    let result = try run(arguments, input: input)
    #expect(result.status == 0, "goodhart \(arguments) failed: \(result.standardError)")
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    return try #require(object as? [String: Any])
  }
}
