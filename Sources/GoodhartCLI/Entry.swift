import ArgumentParser
import Foundation

/// The process entry: parses, runs, and turns every failure into one `error:` line on standard
/// error with an exit status below 128 (the contract's error rule), never a crash.
@main
enum Entry {
  static func main() {
    do {
      var command = try GoodhartCommand.parseAsRoot()
      try command.run()
    } catch {
      let code = GoodhartCommand.exitCode(for: error)
      if code == .success {
        // --help, --version: ArgumentParser's text on standard output.
        print(GoodhartCommand.fullMessage(for: error))
        exit(0)
      }
      let message: String =
        if let failure = error as? CommandFailure {
          failure.message
        } else {
          GoodhartCommand.message(for: error)
        }
      Terminal.writeError("error: " + Terminal.oneLine(message))
      exit(code.rawValue > 0 && code.rawValue < 128 ? code.rawValue : 1)
    }
  }
}
