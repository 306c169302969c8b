import ArgumentParser
import Dispatch
import Foundation
import Goodhart
import GoodhartCharts

/// `goodhart sweep`: a grid of models, the chosen quantities at each point, as CSV or a heatmap.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "A grid over model parameters: quantities per point as CSV, or a heatmap (SVG).",
    discussion: """
      The spec (JSON) names a model ("model" or "preset"), up to 8 axes \
      ({"path": "submodules[2].mean", "from": 0.5, "to": 3, "steps": 50}) and the quantities to \
      "record": \(SweepQuantity.allCases.map(\.rawValue).joined(separator: ", ")); optional "n" \
      (best-of-n, default 1000), "beta" (penalised optimum, default 0.1) and "heatmap" (the \
      quantity the SVG draws). CSV: a header, then one row per point in row-major order (the last \
      axis fastest), axis values first, an empty cell where a quantity is undefined. \
      --shard I/N computes the I-th of N contiguous parts: the data rows of shards 1..N, \
      concatenated in order, are byte for byte those of one run (Examples/sweeps/slurm-sweep.sh \
      runs them as a Slurm job array). Example: goodhart sweep --spec \
      Examples/sweeps/gap-over-c.json --format svg --output gap.svg. Reference: Docs/Sweeps.md.
      """)

  @Option(
    name: .long,
    help: ArgumentHelp("The sweep spec (JSON); '-' reads standard input.", valueName: "file"))
  var spec: String

  @Option(
    name: .long, help: ArgumentHelp("Compute only part I of N (1 <= I <= N), e.g. 3/10.", valueName: "I/N"))
  var shard: String?

  @Option(name: .long, help: "Output format: csv (default) or svg (a heatmap; two axes, no --shard).")
  var format: OutputFormat = .csv

  @Option(
    name: .long, parsing: .unconditional,
    help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
  var output: String?

  @Flag(name: .long, help: "No progress line on standard error.")
  var quiet = false

  func run() throws {
    guard format == .csv || format == .svg else {
      throw CommandFailure(flag: "--format", "must be csv or svg for sweep (got \(format.rawValue))")
    }
    let part: SweepShard
    do { part = try shard.map { text throws(SweepError) in try SweepShard(parsing: text) } ?? .whole } catch {
      throw CommandFailure(flag: "--shard", error.rule)
    }
    if format == .svg, part != .whole {
      throw CommandFailure(flag: "--shard", "a heatmap needs the whole grid: use --format csv to shard")
    }
    let sweepSpec: SweepSpec
    let specData = try InputFile.read(spec, flag: "--spec")
    let folder = spec == "-" ? nil : URL(fileURLWithPath: spec).deletingLastPathComponent()
    do { sweepSpec = try SweepSpec(json: specData, folder: folder) } catch {
      // A spec that is not JSON at all is named by the flag alone.
      throw CommandFailure(flag: "--spec", error.field == "spec" ? error.rule : error.description)
    }
    if format == .svg {
      guard sweepSpec.axes.count == 2 else {
        throw CommandFailure(
          flag: "--format", "svg draws a heatmap over exactly two axes (the spec has \(sweepSpec.axes.count))")
      }
      guard sweepSpec.heatmap != nil else {
        throw CommandFailure(flag: "--format", "svg needs a numeric quantity in the spec's record")
      }
    }
    let points = part.points(of: sweepSpec.pointCount)
    let values = try SweepCommand.compute(Sweep(spec: sweepSpec), points: points, quiet: quiet)
    let text: String
    if format == .svg, let quantity = sweepSpec.heatmap, let column = sweepSpec.record.firstIndex(of: quantity) {
      text = SweepHeatmap(spec: sweepSpec, quantity: quantity, values: values.map { $0[column].number }).svg
    } else {
      let rows = zip(points, values).map { sweepSpec.csvRow(point: $0, values: $1) }
      text = ([sweepSpec.csvHeader] + rows).joined(separator: "\n")
    }
    try Terminal.deliver(text, to: output, describing: format.rawValue)
  }

  /// The values at `points`, computed in parallel in chunks (each point on its own, so the
  /// result does not depend on the thread count), with progress between chunks.
  private static func compute(_ sweep: Sweep, points: Range<Int>, quiet: Bool) throws(CommandFailure)
    -> [[SweepValue]]
  {
    let progress = ProgressReporter(enabled: !quiet && Terminal.standardErrorIsTerminal)
    defer { progress.finish() }
    let results = SweepResults(count: points.count)
    let chunk = 256
    for start in stride(from: 0, to: points.count, by: chunk) {
      let end = min(points.count, start + chunk)
      DispatchQueue.concurrentPerform(iterations: end - start) { offset in
        let slot = start + offset
        results.store(Result { () throws(SweepError) in try sweep.values(atPoint: points.lowerBound + slot) }, at: slot)
      }
      progress.update(
        command: "sweep", fraction: Double(end) / Double(points.count), of: "\(points.count) points")
    }
    do { return try results.values() } catch {
      throw CommandFailure(flag: "--spec", error.description)
    }
  }
}
