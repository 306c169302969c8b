import Foundation

/// One API request, checked: the command, where its model comes from, and the CLI flags.
///
/// The body is `{"model": MODEL}` or `{"preset": NAME}`, plus an optional `"args"`: the
/// command's CLI flags as strings. Unknown or repeated keys, a missing or doubled source, flags
/// that name files (`--model`, `--preset`, `--output`) are refused naming the field; the flags
/// themselves are judged by the CLI, which gives its own error line.
struct APIRequest: Equatable {
  /// Where the model comes from.
  enum Source: Equatable {
    /// The model file's bytes, exactly as the client sent them.
    case model(Data)
    /// A built-in preset, by name (the CLI checks the name).
    case preset(String)
  }

  /// The most flags a request may carry.
  static let maximumArguments = 64

  let command: APICommand
  let source: Source
  let arguments: [String]

  /// Checks `body` for `command`.
  ///
  /// - Throws: `APIError` (400) naming the field at fault.
  init(command name: String, body: Data) throws(APIError) {
    guard let command = APICommand(rawValue: name) else {
      let names = APICommand.allCases.map(\.rawValue).joined(separator: ", ")
      throw APIError(.notFound, "error: no command \"\(name)\" (the API runs \(names))")
    }
    self.command = command
    let bytes = [UInt8](body)
    guard let object = BodyMembers(bytes) else {
      throw APIError.body(
        "body", "is not valid JSON: it must be one object {\"model\" or \"preset\", \"args\"}")
    }
    var seen: Set<String> = []
    var source: Source?
    var arguments: [String] = []
    for (key, range) in object.members {
      guard seen.insert(key).inserted else { throw APIError.body(key, "appears twice") }
      let value = Data(bytes[range])
      switch key {
      case "model":
        guard bytes[range.lowerBound] == UInt8(ascii: "{") else {
          throw APIError.body("model", "must be an object (a model file's JSON)")
        }
        source = .model(value)
      case "preset":
        guard let name = APIRequest.decode(value) as? String else {
          throw APIError.body("preset", "must be a string naming a preset")
        }
        source = .preset(name)
      case "args":
        guard let list = APIRequest.decode(value) as? [Any], let strings = list as? [String] else {
          throw APIError.body("args", "must be an array of strings (the CLI's flags)")
        }
        arguments = strings
      default:
        throw APIError.body(key, "is not a known key (known: args, model, preset)")
      }
    }
    if seen.contains("model"), seen.contains("preset") {
      throw APIError.body("preset", "cannot be combined with model")
    }
    guard let source else { throw APIError.body("model", "is required (or preset)") }
    guard arguments.count <= APIRequest.maximumArguments else {
      throw APIError.body("args", "holds at most \(APIRequest.maximumArguments) strings (got \(arguments.count))")
    }
    for argument in arguments {
      guard !argument.contains("\u{0}") else {
        throw APIError.body("args", "must not contain a NUL character")
      }
      if let flag = APICommand.refusedFlags.first(where: { argument == $0 || argument.hasPrefix($0 + "=") }) {
        throw APIError.body(
          "args", "\(flag) is not allowed: the model comes in the body and the API never touches files")
      }
    }
    self.source = source
    self.arguments = arguments
  }

  /// The executable's arguments: the command, the model flag, then the client's flags.
  var processArguments: [String] {
    switch source {
    case .model: [command.rawValue, "--model", "-"] + arguments
    case .preset(let name): [command.rawValue, "--preset", name] + arguments
    }
  }

  /// What the process reads on standard input: the model file, or nothing.
  var standardInput: Data {
    if case .model(let data) = source { return data }
    return Data()
  }

  private static func decode(_ data: Data) -> Any? {
    try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
  }
}
