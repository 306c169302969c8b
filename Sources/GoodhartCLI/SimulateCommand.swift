import ArgumentParser

/// `goodhart simulate` (not built yet: see the open issues).
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate", abstract: "(not built yet)")

  @OptionGroup var source: ModelOptions

  func run() throws {
    throw CommandFailure("simulate: not built yet")
  }
}
