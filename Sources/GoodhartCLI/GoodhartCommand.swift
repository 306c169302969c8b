import ArgumentParser

/// `goodhart`: the root command; `compare` runs when no subcommand is named.
struct GoodhartCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "goodhart",
    abstract: "Exact analytics of selecting or optimising against a proxy score.",
    discussion: """
      A model mixes submodules' Gaussian samples into an output with a truth score T and a \
      persuasiveness score P; only P is measured. Filtering on P shifts truth by its covariance \
      with P; RL on the weights lands on the vertex that persuades most cheaply.
      """,
    subcommands: [
      CompareCommand.self, AnalyzeCommand.self, OptimizeCommand.self, SimulateCommand.self,
      FrontierCommand.self, RegimeCommand.self, SweepCommand.self, ExploreCommand.self,
    ],
    defaultSubcommand: CompareCommand.self)
}
