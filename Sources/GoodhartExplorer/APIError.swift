import Foundation
import HTTPTypes

/// A request the explorer refuses or could not finish: an HTTP status and the one-line message
/// sent as `{"error": message}` (for bad input, the CLI's own `error:` line).
public struct APIError: Error, Sendable, Equatable {
  /// The response status: 400 for bad input, 404 for unknown routes, 413 for oversize bodies,
  /// 503 when the time limit stopped the command, 500 when the command crashed.
  public let status: HTTPResponse.Status
  /// The message, one line.
  public let message: String

  /// An error with `status` and `message`.
  public init(_ status: HTTPResponse.Status, _ message: String) {
    self.status = status
    self.message = message
  }

  /// Bad input in the request body, naming the field.
  static func body(_ field: String, _ rule: String) -> APIError {
    APIError(.badRequest, "error: \(field): \(rule)")
  }

  /// The JSON body `{"error": message}`.
  var jsonBody: Data {
    (try? JSONSerialization.data(withJSONObject: ["error": message], options: [.withoutEscapingSlashes]))
      ?? Data(#"{"error":"internal error"}"#.utf8)
  }
}
