import ArgumentParser

/// `goodhart compare` (not built yet: see the open issues).
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare", abstract: "(not built yet)")

  @OptionGroup var source: ModelOptions

  func run() throws {
    throw CommandFailure("compare: not built yet")
  }
}
