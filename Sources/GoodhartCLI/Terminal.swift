import Foundation

/// Standard output and standard error, and the one-line rule for error messages.
enum Terminal {
  /// Writes `text` and a newline to standard output.
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// Writes `text` and a newline to standard error.
  static func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  /// Whether standard error is a terminal (progress is shown only then).
  static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

  /// Collapses a possibly multi-line message into one line.
  static func oneLine(_ message: String) -> String {
    message.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") }
      .joined(separator: " ")
  }

  /// Writes `text` to standard output, or to the file `output` (then says so on standard error).
  ///
  /// - Throws: `CommandFailure` naming `--output` when the file cannot be written.
  static func deliver(_ text: String, to output: String?, describing what: String) throws(CommandFailure) {
    guard let output else {
      write(text)
      return
    }
    let data = Data((text.hasSuffix("\n") ? text : text + "\n").utf8)
    do {
      try data.write(to: URL(fileURLWithPath: output))
    } catch {
      throw CommandFailure(flag: "--output", "cannot write \(output) (\(error.localizedDescription))")
    }
    writeError("wrote \(output) (\(what))")
  }
}
