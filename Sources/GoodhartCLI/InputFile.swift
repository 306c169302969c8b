import Foundation

/// Files named by flags (`--model`, `--spec`): read whole, with errors that name the flag.
enum InputFile {
  /// The bytes of the file at `path`, or of standard input for `-`.
  ///
  /// - Throws: `CommandFailure` naming `flag` when the input is missing, a directory, unreadable
  ///   or empty.
  static func read(_ path: String, flag: String) throws(CommandFailure) -> Data {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      guard !data.isEmpty else {
        throw CommandFailure(flag: flag, "standard input is empty")
      }
      return data
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CommandFailure(flag: flag, "no such file: \(path)")
    }
    guard !isDirectory.boolValue else {
      throw CommandFailure(flag: flag, "\(path) is a directory, not a file")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(flag: flag, "cannot read \(path)")
    }
    guard !data.isEmpty else { throw CommandFailure(flag: flag, "\(path) is empty") }
    return data
  }
}
