import Goodhart

/// The results of `goodhart simulate`, printable as the contract's JSON or as tables.
struct SimulationReport {
  let result: SimulationResult
  let request: SimulationRequest
  /// The model's composition (the contract's top-level `composition`).
  let composition: Composition

  /// The threshold windows (in flag order), then the condition windows.
  private var thresholdRows: ArraySlice<SimulatedWindowSelection> {
    result.windows.prefix(request.thresholds.count)
  }
  private var conditionRows: ArraySlice<SimulatedWindowSelection> {
    result.windows.dropFirst(request.thresholds.count)
  }

  /// `{"estimate": x, "standard_error": s}`, both `null` when there is no estimate.
  static func json(_ estimate: Estimate?) -> JSONOutput {
    guard let estimate else { return .object([("estimate", .null), ("standard_error", .null)]) }
    return .object([
      ("estimate", .number(estimate.estimate)), ("standard_error", .number(estimate.standardError)),
    ])
  }

  /// The contract's document (plus `conditional` with `--condition`, `tilt` with `--beta`).
  var json: JSONOutput {
    let e = SimulationReport.json
    let moments = result.moments
    var members: [(String, JSONOutput)] = [
      ("samples", .integer(result.samples)),
      ("seed", .unsigned(result.seed)),
      ("composition", .string(composition.rawValue)),
      (
        "moments",
        .object([
          ("mean_truth", e(moments.meanTruth)), ("mean_persuasion", e(moments.meanPersuasiveness)),
          ("var_truth", e(moments.varianceTruth)),
          ("var_persuasion", e(moments.variancePersuasiveness)),
          ("covariance", e(moments.covariance)),
        ])
      ),
      (
        "best_of_n",
        .array(
          result.bestOfN.map { row in
            .object([
              ("n", .integer(row.experiment.n)), ("trials", .integer(row.experiment.trials)),
              ("mean_truth", e(row.meanTruth)), ("mean_persuasion", e(row.meanPersuasiveness)),
            ])
          })
      ),
      (
        "threshold",
        .array(
          thresholdRows.map { row in
            .object([
              ("tau", .number(row.window.lower)), ("accepted", .integer(row.accepted)),
              ("acceptance", e(row.acceptance)), ("mean_truth", e(row.meanTruth)),
              ("mean_persuasion", e(row.meanPersuasiveness)),
            ])
          })
      ),
    ]
    if !conditionRows.isEmpty {
      members.append(
        (
          "conditional",
          .array(
            zip(request.conditions, conditionRows).map { p, row in
              .object([
                ("persuasion", .number(p)), ("half_width", .number(request.halfWidth)),
                ("accepted", .integer(row.accepted)), ("mean_truth", e(row.meanTruth)),
                ("mean_persuasion", e(row.meanPersuasiveness)),
              ])
            })
        ))
    }
    if !result.tilts.isEmpty {
      members.append(
        (
          "tilt",
          .array(
            result.tilts.map { row in
              .object([
                ("beta", .number(row.beta)), ("mean_truth", e(row.meanTruth)),
                ("mean_persuasion", e(row.meanPersuasiveness)),
                ("effective_samples", .number(row.effectiveSamples)),
              ])
            })
        ))
    }
    return .object(members)
  }

  /// "estimate ± standard error" for people; "-" when there is no estimate.
  static func cell(_ estimate: Estimate?) -> String {
    guard let estimate else { return "-" }
    return TextTable.format(estimate.estimate) + " ± " + TextTable.format(estimate.standardError)
  }

  /// Readable tables, one per section.
  var table: String {
    let c = SimulationReport.cell
    let moments = result.moments
    var table = TextTable(["moment", "estimate ± standard error"])
    table.append(["E[T]", c(moments.meanTruth)])
    table.append(["E[P]", c(moments.meanPersuasiveness)])
    table.append(["Var T", c(moments.varianceTruth)])
    table.append(["Var P", c(moments.variancePersuasiveness)])
    table.append(["Cov(T, P)", c(moments.covariance)])
    var sections = [
      "Monte Carlo: \(result.samples) samples, seed \(result.seed)\n" + table.rendered
    ]
    if !thresholdRows.isEmpty {
      var table = TextTable(["tau", "accepted", "acceptance", "E[T]", "E[P]"])
      for row in thresholdRows {
        table.append([
          TextTable.format(row.window.lower), String(row.accepted), c(row.acceptance),
          c(row.meanTruth), c(row.meanPersuasiveness),
        ])
      }
      sections.append("Threshold filtering (keep P >= tau)\n" + table.rendered)
    }
    if !conditionRows.isEmpty {
      var table = TextTable(["p", "accepted", "E[T | P near p]", "E[P | P near p]"])
      for (p, row) in zip(request.conditions, conditionRows) {
        table.append([TextTable.format(p), String(row.accepted), c(row.meanTruth), c(row.meanPersuasiveness)])
      }
      sections.append(
        "Conditioning on |P - p| <= \(TextTable.format(request.halfWidth))\n" + table.rendered)
    }
    if !result.bestOfN.isEmpty {
      var table = TextTable(["n", "trials", "E[T]", "E[P]"])
      for row in result.bestOfN {
        table.append([
          String(row.experiment.n), String(row.experiment.trials), c(row.meanTruth),
          c(row.meanPersuasiveness),
        ])
      }
      sections.append("Best-of-n by persuasiveness\n" + table.rendered)
    }
    if !result.tilts.isEmpty {
      var table = TextTable(["beta", "E[T]", "E[P]", "effective samples"])
      for row in result.tilts {
        table.append([
          TextTable.format(row.beta), c(row.meanTruth), c(row.meanPersuasiveness),
          TextTable.format(row.effectiveSamples),
        ])
      }
      sections.append("Tilted law pi0 * exp(P / beta), by importance weights\n" + table.rendered)
    }
    return sections.joined(separator: "\n\n")
  }
}
