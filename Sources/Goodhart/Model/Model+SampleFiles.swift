import Foundation

extension Model {
  /// A model document with each empirical law's `"file": PATH` replaced by `"samples"` read from
  /// that file: a text file of numbers, one per line (blank lines and surrounding spaces
  /// ignored), PATH relative to `folder` unless it starts with `/`.
  ///
  /// A document that is not shaped like a model is returned unchanged, for `init(document:)` to
  /// name what is wrong with it.
  ///
  /// - Parameters:
  ///   - document: the parsed model file.
  ///   - folder: the model file's folder; `nil` leaves `file` in place (`init(document:)` then
  ///     refuses it: nothing outside the document is read).
  /// - Throws: `ModelError` naming `submodules[i].distribution.file` when the file is missing,
  ///   unreadable, or holds a line that is not a finite number, or `…samples` when both are given.
  static func readingSampleFiles(in document: JSONValue, folder: URL?) throws(ModelError)
    -> JSONValue
  {
    guard let folder, case .object(var root) = document,
      case .array(var submodules)? = root["submodules"]
    else { return document }
    for index in submodules.indices {
      guard case .object(var submodule) = submodules[index],
        case .object(var law)? = submodule["distribution"],
        case .string(let path)? = law["file"]
      else { continue }
      let field = "submodules[\(index)].distribution"
      if law["samples"] != nil {
        throw ModelError(field: "\(field).samples", rule: "cannot be given together with \"file\"")
      }
      let samples = try readSamples(
        at: path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path),
        field: "\(field).file")
      law["file"] = nil
      law["samples"] = .array(samples.map(JSONValue.number))
      submodule["distribution"] = .object(law)
      submodules[index] = .object(submodule)
    }
    root["submodules"] = .array(submodules)
    return .object(root)
  }

  /// The numbers in the text file at `url`, one per line.
  private static func readSamples(at url: URL, field: String) throws(ModelError) -> [Double] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    else {
      throw ModelError(field: field, rule: "names no readable file (\(url.path))")
    }
    guard let data = FileManager.default.contents(atPath: url.path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw ModelError(field: field, rule: "names a file that is not readable UTF-8 text (\(url.path))")
    }
    var samples: [Double] = []
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { continue }
      guard let value = Double(trimmed), value.isFinite else {
        throw ModelError(
          field: field,
          rule: "line \(lineNumber) of \(url.path) is not a finite number (got \"\(trimmed.prefix(40))\")")
      }
      samples.append(value)
      guard samples.count <= EmpiricalLaw.maximumCount else {
        throw ModelError(
          field: field, rule: "holds more than \(EmpiricalLaw.maximumCount) samples (\(url.path))")
      }
    }
    return samples
  }
}
