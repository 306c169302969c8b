import ArgumentParser

/// `goodhart frontier` (not built yet: see the open issues).
struct FrontierCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "frontier", abstract: "(not built yet)")

  @OptionGroup var source: ModelOptions

  func run() throws {
    throw CommandFailure("frontier: not built yet")
  }
}
