/// A failure of a command, already phrased for the user (the `error:` prefix is added once, by
/// `Entry`). The message names the offending flag or field.
struct CommandFailure: Error, CustomStringConvertible {
  /// What went wrong, naming the flag or field.
  let message: String

  /// A failure with `message`.
  init(_ message: String) { self.message = message }

  /// A failure attributed to a flag: `--best-of: must be ...`.
  init(flag: String, _ rule: String) { self.message = "\(flag): \(rule)" }

  var description: String { message }
}
