import ArgumentParser
import Foundation
import Goodhart

/// `goodhart simulate`: seeded, parallel Monte Carlo of a model, every estimate with its standard
/// error. The same arguments and seed print the same bytes whatever `--threads` is.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Monte Carlo estimates, with standard errors, for any model.",
    discussion: """
      Draws (T, P) --samples times for the moments and each --threshold, and --trials rounds of \
      n candidates for each --best-of n. Progress and an ETA go to standard error when it is a \
      terminal and the run takes more than about two seconds (--quiet silences them).
      """)

  @OptionGroup var source: ModelOptions

  @Option(
    name: .long, parsing: .unconditional, help: ArgumentHelp("(T, P) draws, integer 2 <= N <= 10^15.", valueName: "n"))
  var samples = WholeFlag("1000000")

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Seed, integer 0 <= S <= 2^64 - 1.", valueName: "s"))
  var seed = SeedFlag("0")

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp(
      "Worker threads, 1 to 1024 (default: the processor count); never changes the output.",
      valueName: "t"))
  var threads: WholeFlag?

  @Option(
    name: .customLong("best-of"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Best of n by P, integer 1 <= n <= 10^9; repeatable.", valueName: "n"))
  var bestOf: [WholeFlag] = []

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Best-of-n rounds per --best-of, integer >= 2.", valueName: "m"))
  var trials = WholeFlag("10000")

  @Option(name: .long, parsing: .unconditionalSingleValue, help: ArgumentHelp("Keep outputs with P >= tau; repeatable.", valueName: "tau"))
  var threshold: [RealFlag] = []

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("E[T | P within --half-width of p]; repeatable.", valueName: "p"))
  var condition: [RealFlag] = []

  @Option(
    name: .customLong("half-width"), parsing: .unconditional,
    help: ArgumentHelp("Half-width of the --condition windows, > 0.", valueName: "h"))
  var halfWidth = RealFlag("0.05")

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "The tilted law pi0 * exp(P / beta), beta > 0, by importance weights; repeatable.",
      valueName: "beta"))
  var beta: [RealFlag] = []

  @Option(name: .long, help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Flag(name: .long, help: "No progress on standard error.")
  var quiet = false

  func run() throws {
    guard format == .table || format == .json else {
      throw CommandFailure(flag: "--format", "must be table or json for simulate (got \(format.rawValue))")
    }
    let model = try source.load()
    let request = try SimulationRequest(
      samples: samples, seed: seed, threads: threads, bestOf: bestOf, trials: trials,
      thresholds: threshold, conditions: condition, halfWidth: halfWidth, betas: beta)
    let simulation = try request.simulation(of: model)
    let progress = ProgressReporter(enabled: !quiet && Terminal.standardErrorIsTerminal)
    let result: SimulationResult
    do {
      result = try simulation.run(threads: request.threads) { progress.update($0) }
    } catch {
      throw CommandFailure(flag: "--\(error.field)", error.rule)
    }
    progress.finish()
    let report = SimulationReport(result: result, request: request, composition: model.composition)
    Terminal.write(format == .json ? report.json.rendered() : report.table)
  }
}
