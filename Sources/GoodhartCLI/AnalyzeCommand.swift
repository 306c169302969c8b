import ArgumentParser
import Goodhart

/// `goodhart analyze`: exact results of every selection policy, by the route that covers the model.
struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Exact moments and selection analytics (closed forms, quadrature or the mixture route).",
    discussion: """
      Each selection flag may be repeated; results come in the order given. KLs are \
      KL(selected || base) in nats. Values may be negative (--threshold -1.5).
      """)

  @OptionGroup var source: ModelOptions

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("E[T | P = p] and Var[T | P = p] (may be negative).", valueName: "p"))
  var condition: [RealFlag] = []

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Keep outputs with P >= tau (may be negative).", valueName: "tau"))
  var threshold: [RealFlag] = []

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Keep the top fraction q by P, 0 < q <= 1.", valueName: "q"))
  var quantile: [RealFlag] = []

  @Option(
    name: .customLong("best-of"), parsing: .unconditionalSingleValue,
    help: ArgumentHelp("Best of n by P, integer 1 <= n <= 10^15.", valueName: "n"))
  var bestOf: [WholeFlag] = []

  @Option(
    name: .long, parsing: .unconditionalSingleValue,
    help: ArgumentHelp("The ideal tilt pi0 * exp(P / beta) with this KL (nats, > 0).", valueName: "k"))
  var kl: [RealFlag] = []

  @Option(name: .long, help: "Output format: table or json.")
  var format: OutputFormat = .table

  func run() throws {
    guard format == .table || format == .json else {
      throw CommandFailure(flag: "--format", "must be table or json for analyze (got \(format.rawValue))")
    }
    let model = try source.load()
    var counts: [Double] = []
    for n in bestOf {
      counts.append(Double(try n.value(flag: "--best-of", in: 1...1_000_000_000_000_000, rangeText: "1 <= n <= 10^15")))
    }
    let request = AnalysisRequest(
      conditions: try condition.values(flag: "--condition"),
      thresholds: try threshold.values(flag: "--threshold"),
      quantiles: try quantile.values(flag: "--quantile"),
      bestOfN: counts,
      kls: try kl.values(flag: "--kl"))
    let report = try request.evaluate(on: model)
    Terminal.write(format == .json ? report.json.rendered() : report.table)
  }
}
