import Foundation
import Goodhart
import Hummingbird
import Logging
import NIOCore

/// `goodhart explore`'s server: the explorer page at `/`, the presets at `GET /api/presets`, and
/// `POST /api/<command>`, whose 200 bodies are byte for byte what `goodhart <command>` prints
/// for the same model and flags.
///
/// Every API request runs the `goodhart` executable in its own process (at most
/// `concurrentRuns` at once), bounded by `timeLimit` seconds (then killed: status 503) and
/// `outputLimit` bytes; a failing command gives status 400 and `{"error": "<the CLI's error
/// line>"}`. Nothing in a request reaches the file system.
public enum Explorer {
  /// The server for `configuration`; `onRunning` receives the address it listens on (with the
  /// real port when `configuration.port` is 0) once it accepts connections.
  ///
  /// Makes the process ignore SIGPIPE: a client or a command that hangs up must end one
  /// request, not the server.
  public static func application(
    _ configuration: ExplorerConfiguration,
    onRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in }
  ) -> some ApplicationProtocol {
    signal(SIGPIPE, SIG_IGN)
    var logger = Logger(label: "goodhart-explore")
    logger.logLevel = .warning
    return Application(
      router: router(configuration),
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "goodhart"),
      onServerRunning: { channel in
        await onRunning(configuration.host, channel.localAddress?.port ?? configuration.port)
      },
      logger: logger)
  }

  /// Serves until the process is stopped (SIGINT or SIGTERM end it gracefully).
  ///
  /// - Throws: `ExplorerStartError` when the address cannot be listened on.
  public static func serve(
    _ configuration: ExplorerConfiguration,
    onRunning: @escaping @Sendable (_ host: String, _ port: Int) async -> Void
  ) async throws(ExplorerStartError) {
    do {
      try await application(configuration, onRunning: onRunning).runService()
    } catch let error as IOError where error.errnoCode == EADDRINUSE {
      throw .portInUse(host: configuration.host, port: configuration.port)
    } catch {
      throw .cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
    }
  }

  /// The routes, behind the middleware that turns every failure into a JSON error body.
  static func router(_ configuration: ExplorerConfiguration) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: JSONErrorMiddleware())
    let runner = APIRunner(configuration: configuration)
    router.get("/") { _, _ in
      respond(.ok, type: "text/html; charset=utf-8", ExplorerPage.html)
    }
    router.get("/api/presets") { _, _ in
      respond(.ok, type: "application/json", presetsJSON)
    }
    router.post("/api/:command") { request, context in
      let name = context.parameters.get("command") ?? ""
      let body: ByteBuffer
      do {
        body = try await request.body.collect(upTo: configuration.bodyLimit)
      } catch {
        throw APIError(
          .contentTooLarge, "error: body: larger than the limit of \(configuration.bodyLimit) bytes")
      }
      return try await runner.respond(command: name, body: Data(buffer: body))
    }
    return router
  }

  /// `{"<preset>": MODEL, ...}`: the built-in models, for the page's preset menu.
  static let presetsJSON: Data = {
    let members = Preset.allCases.map { preset in
      "\"\(preset.rawValue)\":" + String(decoding: preset.model.json, as: UTF8.self)
    }
    return Data(("{" + members.joined(separator: ",") + "}").utf8)
  }()

  /// A response with `status`, content type `type` and `body`.
  static func respond(_ status: HTTPResponse.Status, type: String, _ body: Data) -> Response {
    Response(
      status: status,
      headers: [.contentType: type, .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(bytes: body)))
  }
}
