import Foundation
import Hummingbird

/// Answers `POST /api/<command>`: checks the request, runs the command through the gate, and
/// turns its outcome into a response.
struct APIRunner: Sendable {
  let configuration: ExplorerConfiguration
  private let gate: RunGate

  /// A runner for `configuration`.
  init(configuration: ExplorerConfiguration) {
    self.configuration = configuration
    gate = RunGate(limit: configuration.concurrentRuns)
  }

  /// The response to `body` for `command`.
  ///
  /// - Throws: `APIError` for bad input, a stopped or crashed command.
  func respond(command: String, body: Data) async throws(APIError) -> Response {
    let request = try APIRequest(command: command, body: body)
    guard await gate.enter(patience: configuration.queueLimit) else {
      throw APIError(
        .serviceUnavailable,
        "error: the explorer is busy (no free place to compute for \(configuration.queueLimit) s); try again")
    }
    let outcome = await run(request)
    await gate.leave()
    switch outcome {
    case .exited(status: 0, let output, _):
      return Explorer.respond(.ok, type: APICommand.contentType(for: request.arguments), output)
    case .exited(_, _, let error):
      let line = String(decoding: error, as: UTF8.self).split(whereSeparator: \.isNewline).first
      throw APIError(.badRequest, line.map(String.init) ?? "error: goodhart \(command) failed")
    case .timedOut:
      throw APIError(
        .serviceUnavailable,
        "error: goodhart \(command) ran past the explorer's limit of \(configuration.timeLimit) s and was "
          + "stopped; ask for less work (fewer --points, --samples or --steps, a smaller --best-of)")
    case .outputTooLarge:
      throw APIError(
        .badRequest,
        "error: the output of goodhart \(command) passed the explorer's limit of "
          + "\(configuration.outputLimit) bytes; ask for fewer --points")
    case .crashed(let signal):
      throw APIError(
        .internalServerError, "error: goodhart \(command) was ended by signal \(signal) (a bug: please report it)")
    case nil:
      throw APIError(.internalServerError, "error: cannot start \(configuration.executable.path)")
    }
  }

  /// Runs `request` on a thread of its own (the process blocks it), never on the server's
  /// threads or a shared pool; nil when the process cannot start.
  private func run(_ request: APIRequest) async -> CommandProcess.Outcome? {
    let process = CommandProcess(
      executable: configuration.executable, timeLimit: configuration.timeLimit,
      outputLimit: configuration.outputLimit)
    let arguments = request.processArguments
    let input = request.standardInput
    return await withCheckedContinuation { continuation in
      Thread { continuation.resume(returning: try? process.run(arguments, input: input)) }.start()
    }
  }
}
