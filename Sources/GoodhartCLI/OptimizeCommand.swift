import ArgumentParser

/// `goodhart optimize` (not built yet: see the open issues).
struct OptimizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimize", abstract: "(not built yet)")

  @OptionGroup var source: ModelOptions

  func run() throws {
    throw CommandFailure("optimize: not built yet")
  }
}
