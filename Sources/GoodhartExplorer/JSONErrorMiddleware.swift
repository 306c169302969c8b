import Hummingbird

/// Turns every failure into a JSON body `{"error": ...}`: `APIError`s as they are, Hummingbird's
/// own (unknown route 404, wrong method 405) with a message naming the route.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as APIError {
      return Explorer.respond(error.status, type: "application/json", error.jsonBody)
    } catch let error as HTTPError {
      let message =
        error.status == .notFound
        ? "error: no route \(request.method) \(request.uri.path) (the page is at /, the API at POST /api/<command>)"
        : "error: \(request.method) \(request.uri.path): \(error.status.reasonPhrase)"
      let failure = APIError(error.status, message)
      return Explorer.respond(failure.status, type: "application/json", failure.jsonBody)
    } catch {
      let failure = APIError(.internalServerError, "error: \(error)")
      return Explorer.respond(failure.status, type: "application/json", failure.jsonBody)
    }
  }
}
