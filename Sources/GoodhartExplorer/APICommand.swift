/// The commands the explorer's API runs (`POST /api/<command>`), each exactly as the CLI runs it.
public enum APICommand: String, CaseIterable, Sendable {
  /// `goodhart analyze`: one policy's selected law.
  case analyze
  /// `goodhart compare`: RL on the weights against filtering at equal persuasiveness.
  case compare
  /// `goodhart frontier`: truth and persuasiveness against KL, policy by policy.
  case frontier
  /// `goodhart regime`: the best-of-n curve, its peak and its asymptote.
  case regime
  /// `goodhart optimize`: the regularised optimum of the weights.
  case optimize
  /// `goodhart simulate`: Monte Carlo.
  case simulate

  /// Flags that name files or the model, which a request may not pass: the model comes in the
  /// body, and nothing in a request reaches the file system.
  static let refusedFlags = ["--model", "--preset", "--output"]

  /// The `Content-Type` of the command's output under `arguments` (its `--format`).
  static func contentType(for arguments: [String]) -> String {
    var format = "table"
    for (index, argument) in arguments.enumerated() {
      if argument == "--format", index + 1 < arguments.count {
        format = arguments[index + 1]
      } else if argument.hasPrefix("--format=") {
        format = String(argument.dropFirst("--format=".count))
      }
    }
    switch format {
    case "json": return "application/json"
    case "csv": return "text/csv; charset=utf-8"
    case "svg": return "image/svg+xml"
    default: return "text/plain; charset=utf-8"
    }
  }
}
