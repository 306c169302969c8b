import ArgumentParser

/// `--format`: how a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  /// A readable table (the default).
  case table
  /// The contract's JSON.
  case json
  /// Comma-separated values (`frontier` only).
  case csv
  /// An SVG chart (`frontier` only).
  case svg
}
