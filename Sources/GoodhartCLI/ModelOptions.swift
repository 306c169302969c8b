import ArgumentParser
import Foundation
import Goodhart

/// `--model FILE` / `--model -` / `--preset NAME`: where the model comes from.
struct ModelOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("A model file (JSON, see the contract); '-' reads standard input.",
      valueName: "file"))
  var model: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "A built-in model: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "name"))
  var preset: String?

  /// The model named by the flags (the default preset when neither is given).
  ///
  /// - Throws: `CommandFailure` naming `--model` (unreadable file, invalid JSON, a field that
  ///   breaks a rule) or `--preset` (unknown name, or both flags given).
  func load() throws(CommandFailure) -> Model {
    switch (model, preset) {
    case (_?, _?):
      throw CommandFailure(flag: "--preset", "cannot be combined with --model")
    case (nil, let name?):
      guard let preset = Preset(rawValue: name) else {
        let names = Preset.allCases.map(\.rawValue).joined(separator: ", ")
        throw CommandFailure(flag: "--preset", "must be one of \(names) (got \"\(name)\")")
      }
      return preset.model
    case (nil, nil):
      return Preset.default.model
    case (let path?, nil):
      let data = try InputFile.read(path, flag: "--model")
      do {
        // A model on standard input (and so every explorer request) has no folder: an empirical
        // law's `file` is refused, never read.
        let folder = path == "-" ? nil : URL(fileURLWithPath: path).deletingLastPathComponent()
        return try Model(json: data, folder: folder)
      } catch {
        throw CommandFailure(flag: "--model", error.description)
      }
    }
  }

  /// The model named by the flags, in a composition this command computes.
  ///
  /// - Parameter readings: the compositions the command supports.
  /// - Throws: `CommandFailure` as `load()` does, or naming `--model` when the model's
  ///   composition is not among `readings`.
  func load(readings: Set<Composition>) throws(CommandFailure) -> Model {
    let model = try load()
    guard readings.contains(model.composition) else {
      throw CommandFailure(
        flag: "--model",
        "composition: this command does not cover the \(model.composition.rawValue) reading yet "
          + "(analyze and simulate do)")
    }
    return model
  }
}
