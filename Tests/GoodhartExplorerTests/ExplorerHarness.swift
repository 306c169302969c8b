import Foundation
import GoodhartExplorer
import Hummingbird
import HummingbirdTesting
import Testing

/// The explorer under test, and the CLI it must agree with.
enum ExplorerHarness {
  /// The `goodhart` binary beside the test bundle in the build folder.
  static let executable: URL = {
    var directory = Bundle.main.bundleURL
    if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
    return directory.appendingPathComponent("goodhart")
  }()

  /// A model that is not a preset (four submodules, one Student-t), as a model file.
  static let model = Data(
    #"""
    {"submodules": [
      {"name": "A", "mean": 1.2, "sd": 0.9, "truth": 1, "persuasion": 1},
      {"name": "B", "mean": 1, "sd": 1.1, "truth": 1, "persuasion": 0},
      {"name": "C", "mean": 1.8, "sd": 0.7, "truth": 0, "persuasion": 1},
      {"name": "D", "mean": 0.5, "sd": 1.3, "truth": 0.5, "persuasion": 0.5}
    ], "weights": [0.3, 0.2, 0.4, 0.1]}
    """#.utf8)

  /// What the CLI prints for `arguments` with `input` on standard input: status, output, error.
  static func cli(_ arguments: [String], input: Data = Data()) throws -> (status: Int32, output: Data, error: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    try stdin.fileHandleForWriting.write(contentsOf: input)
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let error = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, output, String(decoding: error, as: UTF8.self))
  }

  /// A request body `{"model": ..., "args": [...]}` or `{"preset": ..., "args": [...]}`.
  static func body(model: Data? = nil, preset: String? = nil, args: [String]) -> ByteBuffer {
    var text = "{"
    if let model { text += "\"model\": " + String(decoding: model, as: UTF8.self) + ", " }
    if let preset { text += "\"preset\": \"\(preset)\", " }
    let quoted = args.map { "\"" + $0 + "\"" }.joined(separator: ", ")
    text += "\"args\": [\(quoted)]}"
    return ByteBuffer(string: text)
  }

  /// Runs `test` against the explorer (in-process router) with these limits.
  static func withClient<Value: Sendable>(
    timeLimit: Double = 20, concurrentRuns: Int = 2, queueLimit: Double = 60,
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Value
  ) async throws -> Value {
    let configuration = ExplorerConfiguration(
      executable: executable, port: 0, timeLimit: timeLimit, concurrentRuns: concurrentRuns,
      queueLimit: queueLimit)
    return try await Explorer.application(configuration).test(.router, test)
  }

  /// The `error` member of a JSON error body (a description of the body when there is none).
  static func errorMessage(_ body: ByteBuffer) -> String {
    let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
    return object?["error"] as? String ?? "no error member in: \(String(buffer: body))"
  }
}
