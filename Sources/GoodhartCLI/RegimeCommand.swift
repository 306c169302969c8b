import ArgumentParser
import Foundation
import Goodhart

/// `goodhart regime`: the curve of mean truth under best-of-n over n in [1, 10^12], its peak, its
/// value at the largest n, and a verdict (regressional, weak or strong Goodhart).
struct RegimeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "regime",
    abstract: "Which Goodhart regime best-of-n selection is in, computed exactly by quadrature.",
    discussion: """
      E[T] of the best of n by P at log-spaced n from 1 to --max-n. Strong Goodhart: the curve \
      falls back from its peak by at least 10% of the gain (extremal Goodhart, e.g. a \
      heavy-tailed persuasion-only submodule). Weak: the last decade of n adds under 1% of the \
      gain. Regressional: it keeps rising (the Gaussian picture).
      """)

  @OptionGroup var source: ModelOptions

  @Option(name: .long, help: ArgumentHelp("Number of values of n, 3...1000.", valueName: "count"))
  var points = WholeFlag("60")

  @Option(name: .customLong("max-n"), help: ArgumentHelp("The largest n, integer in 2...10^15.", valueName: "n"))
  var maxN = WholeFlag("1e12")

  @Option(name: .long, help: "Output format: table or json.")
  var format: OutputFormat = .table

  func run() throws {
    guard format == .table || format == .json else {
      throw CommandFailure(flag: "--format", "must be table or json for regime (got \(format.rawValue))")
    }
    let count = try points.value(flag: "--points", in: 3...1000, rangeText: "3 <= count <= 1000")
    let largest = Double(
      try maxN.value(flag: "--max-n", in: 2...1_000_000_000_000_000, rangeText: "2 <= n <= 10^15"))
    let model = try source.load()
    let regime: GoodhartRegime
    let route: LawRoute
    do {
      let law = try model.outputLaw()
      route = law.route
      regime = try law.goodhartRegime(count: count, maximumN: largest)
    } catch {
      // A quadrature failure at some n of the curve belongs to --max-n, the flag that set n.
      let field: SelectionField = error.field == .n ? .maxN : error.field
      throw CommandFailure(flag: FlagTable.flag(for: field), error.rule)
    }
    Terminal.write(
      format == .json
        ? RegimeCommand.json(
          regime, asymptote: model.bestOfNAsymptote(), route: route, composition: model.composition,
          fittedTails: FittedTailsReport(model: model)
        ).rendered()
        : RegimeCommand.table(
          regime, asymptote: model.bestOfNAsymptote(), fittedTails: FittedTailsReport(model: model)))
  }

  private static func point(_ point: GoodhartRegime.Point) -> JSONOutput {
    .object([
      ("n", .number(point.n)), ("mean_truth", .number(point.meanTruth)),
      ("mean_persuasion", point.meanPersuasiveness.map(JSONOutput.number) ?? .null),
      ("kl", .number(point.kl)),
    ])
  }

  static func json(
    _ regime: GoodhartRegime, asymptote: TruthAsymptote, route: LawRoute, composition: Composition,
    fittedTails: FittedTailsReport
  ) -> JSONOutput {
    .object([
      ("method", .string(route.rawValue)),
      ("composition", .string(composition.rawValue)),
      ("verdict", .string(regime.verdict.rawValue)),
      ("evidence", .string(regime.evidence)),
      ("verdict_basis", .string(RegimeCommand.verdictBasis)),
      ("base_mean_truth", .number(regime.baseMeanTruth)),
      ("asymptote", .string(asymptote.kind.rawValue)),
      ("limit_mean_truth", asymptote.limit.map(JSONOutput.number) ?? .null),
      ("asymptote_reason", .string(asymptote.reason)),
      ("peak", regime.truePeak.map(point) ?? .null),
      ("best_quantilizer", regime.bestQuantilizer.map { best in
        .object([
          ("q", .number(best.q)), ("mean_truth", .number(best.meanTruth)),
          ("mean_persuasion", best.meanPersuasiveness.map(JSONOutput.number) ?? .null),
          ("kl", .number(best.kl)),
        ])
      } ?? .null),
      ("at_max_n", point(regime.last)),
      ("gain", .number(regime.gain)),
      ("fallback_fraction", .number(regime.fallback)),
      ("late_rise_fraction", .number(regime.lateRise)),
      ("curve", .array(regime.points.map(point))),
    ] + fittedTails.jsonMembers(withCaveat: true))
  }

  static func table(
    _ regime: GoodhartRegime, asymptote: TruthAsymptote, fittedTails: FittedTailsReport
  ) -> String {
    let f = TextTable.format
    var curve = TextTable(["n", "E[T]", "E[P]", "KL (nats)"])
    for point in regime.points {
      curve.append([f(point.n), f(point.meanTruth), point.meanPersuasiveness.map(f) ?? "none", f(point.kl)])
    }
    var summary = TextTable(["", "n", "E[T]"])
    summary.append(["unselected", "1", f(regime.baseMeanTruth)])
    if let peak = regime.truePeak {
      summary.append(["peak n* (maximiser)", f(peak.n), f(peak.meanTruth)])
    } else {
      summary.append(["peak n*", "none (no interior maximum)", "-"])
    }
    if let best = regime.bestQuantilizer {
      summary.append(["best quantilizer", "q = \(f(best.q))", f(best.meanTruth)])
    } else {
      summary.append(["best quantilizer", "none (E[T] rises, or is flat to rounding, as q -> 0)", "-"])
    }
    summary.append(["largest n", f(regime.last.n), f(regime.last.meanTruth)])
    summary.append([
      "n -> infinity: \(asymptote.kind.rawValue.replacingOccurrences(of: "_", with: " "))", "(theorem)",
      asymptote.limit.map(f) ?? (asymptote.kind == .undetermined ? "undetermined" : "unbounded"),
    ])
    return "Verdict: \(regime.verdict.rawValue.replacingOccurrences(of: "_", with: " "))\n"
      + regime.evidence + ".\n" + RegimeCommand.verdictBasis + ".\n"
      + "As n -> infinity: \(asymptote.reason).\n"
      + (fittedTails.asymptoteCaveat.map { "Empirical laws: \($0).\n" } ?? "") + "\n" + summary.rendered
      + "\n\nBest-of-n curve\n" + curve.rendered
      + fittedTails.sections.map { "\n\n" + $0 }.joined()
  }

  /// What the verdict rests on: the curve computed; the limit n → ∞ is `asymptote`.
  static let verdictBasis =
    "The verdict describes the curve at the n computed (up to --max-n); the limit n -> infinity "
    + "is the asymptote, decided from the tails by a theorem (Docs/HeavyTails.md)"
}
