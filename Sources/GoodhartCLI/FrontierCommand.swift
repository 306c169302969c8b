import ArgumentParser
import Foundation
import Goodhart
import GoodhartCharts

/// `goodhart frontier`: per policy, mean truth and mean persuasiveness against KL.
struct FrontierCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "frontier",
    abstract: "Mean truth and mean persuasiveness against KL, policy by policy.",
    discussion: """
      Evaluates the quantilizer, best-of-n and the ideal tilt at KL budgets evenly spaced in \
      sqrt(KL) from 0 to --max-kl, the KL-penalised weight family (verified KKT points) over a beta sweep \
      spanning the same KLs, and the reward maximiser as one point (KL is inf when its \
      vertex law is singular to the base law: `inf` in CSV, null in JSON). CSV columns: \
      policy,parameter,kl,mean_truth,mean_persuasion (parameter: q, n or beta; policies \
      quantilizer, best_of_n, tilt, weight_family, reward_maximiser, and with --regulariser \
      weight_family_persuasion_kl, weight_family_weight_kl, weight_family_weight_decay: those \
      regularisers' optima at beta from 1e4 down to 1e-4, placed by the output-law KL of their \
      weights).
      """)

  @OptionGroup var source: ModelOptions

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("KL budgets per policy, 2 to 100000.", valueName: "n"))
  var points = WholeFlag("50")

  @Option(
    name: .customLong("max-kl"), parsing: .unconditional,
    help: ArgumentHelp("The largest KL budget in nats, 0 < k <= 30.", valueName: "k"))
  var maxKL = RealFlag("8")

  @Flag(
    inversion: .prefixedNo,
    help: "Include the KL-penalised weight family (an optimisation per budget, most of the cost).")
  var weightFamily = true

  @Option(
    name: .customLong("family-points"), parsing: .unconditional,
    help: ArgumentHelp("Beta values in the weight family's sweep, 2 to 100000 (default: --points).", valueName: "n"))
  var familyPoints: WholeFlag?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also draw the weight family under this regulariser (persuasion-kl, weight-kl or weight-decay; repeatable), on the output-law KL axis.",
      valueName: "r"))
  var regulariser: [String] = []

  @Flag(name: .long, help: "Fit the Gao-Schulman-Hilton forms to each curve (table and json).")
  var fit = false

  @Option(name: .long, help: "Output format: table, csv, json or svg.")
  var format: OutputFormat = .table

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
  var output: String?

  func run() throws {
    if fit, format == .csv || format == .svg {
      throw CommandFailure(
        flag: "--fit", "is shown in the table and json formats only (csv columns are fixed)")
    }
    let range = 1...KLGrid.maximumPoints
    let count = try points.value(flag: "--points", in: range, rangeText: "1 <= n <= \(KLGrid.maximumPoints)")
    let maximum = try maxKL.value(flag: "--max-kl")
    let family = try familyPoints.map { points throws(CommandFailure) in
      try points.value(flag: "--family-points", in: range, rangeText: "1 <= n <= \(KLGrid.maximumPoints)")
    }
    var regularisers: [Regulariser] = []
    for name in regulariser {
      let chosen = try Regulariser.named(name)
      if !regularisers.contains(chosen) { regularisers.append(chosen) }
    }
    let model = try source.load()
    let frontier: Frontier
    do {
      let grid = try KLGrid(points: count, maximumKL: maximum)
      frontier = try Frontier(
        model: model, grid: grid, includesWeightFamily: weightFamily, weightFamilyPoints: family,
        regularisers: regularisers)
    } catch {
      throw CommandFailure(flag: FlagTable.flag(for: error.field), error.rule)
    }
    let report = FrontierReport(
      frontier: frontier, composition: model.composition,
      fits: fit ? try FrontierReport.fits(of: frontier) : nil)
    let text: String
    switch format {
    case .table: text = report.table
    case .csv: text = frontier.csv
    case .json: text = report.json.rendered()
    case .svg: text = FrontierChart(frontier: frontier, title: title).svg
    }
    try Terminal.deliver(text, to: output, describing: format.rawValue)
  }

  /// The chart's heading: the preset's or the model file's name.
  private var title: String {
    if let path = source.model {
      return "Frontier of " + (path == "-" ? "the model on standard input" : URL(fileURLWithPath: path).lastPathComponent)
    }
    return "Frontier of the preset " + (source.preset ?? Preset.default.rawValue)
  }
}
