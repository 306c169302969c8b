import ArgumentParser
import Goodhart

/// `goodhart compare` (the default command): RL on the weights against filtering at the same
/// persuasiveness.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "RL on the weights versus filtering on persuasiveness, at equal persuasiveness.",
    discussion: """
      For a Gaussian model: the vertex that unpenalised RL on the weights converges to, and what \
      conditioning, best-of-n, threshold filtering and the ideal KL-regularised tilt give at the \
      same E[P]; then the KL-penalised optimum of the weights at several betas. The Goodhart gap \
      is the truth filtering keeps and RL loses.
      """)

  @OptionGroup var source: ModelOptions

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp(
      "A KL penalty (> 0) for the penalised optimum; repeatable (default 1, 0.3, 0.1, 0.03, 0.01).",
      valueName: "b"))
  var beta: [RealFlag] = []

  @Option(
    name: .long,
    help: "The penalty of the penalised optima: output-kl (default), persuasion-kl, weight-kl or weight-decay.")
  var regulariser: String = Regulariser.outputKL.rawValue

  @Option(name: .long, help: "Output format: table or json.")
  var format: OutputFormat = .table

  func run() throws {
    guard format == .table || format == .json else {
      throw CommandFailure(flag: "--format", "must be table or json for compare (got \(format.rawValue))")
    }
    let betas = try beta.values(flag: "--beta")
    for value in betas where value <= 0 {
      throw CommandFailure(flag: "--beta", "must be > 0 (got \(value))")
    }
    let penalty = try Regulariser.named(regulariser)
    let model = try source.load()
    let comparison: GoodhartComparison
    do {
      comparison = try GoodhartComparison(
        model: model, betas: betas.isEmpty ? GoodhartComparison.defaultBetas : betas,
        regulariser: penalty)
    } catch {
      throw CommandFailure(flag: FlagTable.flag(for: error.field), error.description)
    }
    let report = ComparisonReport(
      comparison: comparison, composition: model.composition, names: model.submodules.map(\.name))
    Terminal.write(format == .json ? report.json.rendered() : report.table)
  }
}
