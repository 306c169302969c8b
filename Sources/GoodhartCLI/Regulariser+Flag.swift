import Goodhart

extension Regulariser {
  /// The regulariser a `--regulariser` value names.
  ///
  /// - Throws: `CommandFailure` naming `--regulariser` and listing the names.
  static func named(_ name: String) throws(CommandFailure) -> Regulariser {
    guard let chosen = Regulariser(rawValue: name) else {
      let names = Regulariser.allCases.map(\.rawValue).joined(separator: ", ")
      throw CommandFailure(flag: "--regulariser", "must be one of \(names) (got \"\(name)\")")
    }
    return chosen
  }
}
