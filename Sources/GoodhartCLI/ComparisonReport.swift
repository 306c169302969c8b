import Goodhart

/// The result of `goodhart compare`, printable as JSON or as an explained table.
struct ComparisonReport {
  let comparison: GoodhartComparison
  let composition: Composition
  let names: [String]

  private var target: Double { comparison.targetPersuasiveness }

  /// The JSON document (a policy that cannot reach the target is `null`; `notes` says why).
  var json: JSONOutput {
    let c = comparison
    let baseMembers: [(String, JSONOutput)] = [
      ("mean_truth", c.base.meanTruth.map(JSONOutput.number) ?? .null),
      ("mean_persuasion", c.base.meanPersuasiveness.map(JSONOutput.number) ?? .null),
      ("correlation", c.base.correlation.map(JSONOutput.number) ?? .null),
    ]
    let maximiser: [(String, JSONOutput)] = [
      ("submodule", .string(c.maximiser.submodule)),
      ("weights", .numbers(c.maximiser.weights)),
      ("mean_truth", .number(c.maximiser.meanTruth)),
      ("mean_persuasion", .number(c.maximiser.meanPersuasiveness)),
    ]
    var conditioning = JSONOutput.null
    if let truth = c.conditionalTruth {
      conditioning = .object([("persuasion", .number(target)), ("mean_truth", .number(truth))])
    }
    var bestOfN = JSONOutput.null
    if let match = c.bestOfN {
      let head: [(String, JSONOutput)] = [
        ("n", .number(match.n)), ("n_integer", .number(match.smallestInteger)),
      ]
      bestOfN = .object(head + ComparisonReport.members(of: match.outcome))
    }
    var threshold = JSONOutput.null
    if let match = c.threshold {
      let head: [(String, JSONOutput)] = [
        ("tau", .number(match.tau)), ("acceptance", .number(match.acceptance)),
      ]
      threshold = .object(head + ComparisonReport.members(of: match.outcome))
    }
    let penalised: [JSONOutput] = c.penalised.map(ComparisonReport.json(of:))
    let members: [(String, JSONOutput)] = [
      ("composition", .string(composition.rawValue)),
      ("method", .string((c.law?.route ?? .closedForm).rawValue)),
      ("base", .object(baseMembers)),
      ("reward_maximiser", .object(maximiser)),
      ("target_persuasion", .number(target)),
      ("conditioning", conditioning),
      ("best_of_n", bestOfN),
      ("threshold", threshold),
      ("tilt", ComparisonReport.json(of: c.tilt)),
      ("filtering_mean_truth", c.filteringTruth.map(JSONOutput.number) ?? .null),
      ("goodhart_gap", c.goodhartGap.map(JSONOutput.number) ?? .null),
      ("regulariser", .string(c.regulariser.rawValue)),
      ("penalised", .array(penalised)),
      ("weight_region", c.weightRegion.map(ComparisonReport.json(of:)) ?? .null),
      ("notes", .array(c.notes.map(JSONOutput.string))),
    ]
    return .object(members)
  }

  private static func members(of outcome: SelectionOutcome) -> [(String, JSONOutput)] {
    [("kl", .number(outcome.kl)), ("mean_truth", outcome.meanTruth.map(JSONOutput.number) ?? .null),
     ("mean_persuasion", outcome.meanPersuasiveness.map(JSONOutput.number) ?? .null)]
  }

  private static func json(of region: WeightRegion) -> JSONOutput {
    let intervals = { (list: [ClosedRange<Double>]) in
      JSONOutput.array(list.map { .numbers([$0.lowerBound, $0.upperBound]) })
    }
    return .object([
      ("vertices", .array(region.vertices.map { vertex in
        .object([
          ("submodule", .string(vertex.submodule)),
          ("mean_persuasion", .number(vertex.meanPersuasiveness)),
          ("mean_truth", .number(vertex.meanTruth)),
        ])
      })),
      ("filter_beats_every_weight", intervals(region.filterBeatsEveryWeight)),
      ("every_weight_beats_filter", intervals(region.everyWeightBeatsFilter)),
    ])
  }

  private static func json(of match: GoodhartComparison.TiltMatch?) -> JSONOutput {
    guard let match else { return .null }
    return .object([("beta", .number(match.beta))] + members(of: match.outcome))
  }

  private static func json(of row: GoodhartComparison.PenalisedRow) -> JSONOutput {
    let members: [(String, JSONOutput)] = [
      ("beta", .number(row.optimum.beta)),
      ("weights", .numbers(row.optimum.weights)),
      ("mean_truth", .number(row.optimum.meanTruth)),
      ("mean_persuasion", .number(row.optimum.meanPersuasiveness)),
      ("kl", .number(row.optimum.kl)),
      ("objective", .number(row.optimum.objective)),
      ("tilt", json(of: row.tilt)),
      ("goodhart_gap", row.goodhartGap.map(JSONOutput.number) ?? .null),
      ("certificate", .string(row.certificate.rawValue)),
    ]
    return .object(members)
  }

  /// Tables with a few lines of plain-language explanation.
  var table: String {
    let f = TextTable.format
    let c = comparison
    let base = c.base
    var lines: [String] = []
    lines.append("RL on the weights versus filtering on persuasiveness P (truth T is what we want)")
    lines.append("")
    lines.append(
      "The model as trained\(composition == .mixture ? " (mixture reading: one submodule writes each output)" : ""): "
        + "E[T] = \(TextTable.formatOptional(base.meanTruth)), E[P] = \(TextTable.formatOptional(base.meanPersuasiveness)), "
        + "Corr(T, P) = \(TextTable.formatOptional(base.correlation)).")
    lines.append(
      "Unpenalised RL on the weights puts all weight on \(c.maximiser.submodule) (the largest "
        + "persuasion x mean): E[P] = \(f(target)), E[T] = \(f(c.maximiser.meanTruth)).")
    lines.append("")
    var policies = TextTable(["policy at E[P] = \(f(target))", "setting", "cost", "KL (nats)", "E[T]"])
    policies.append(["RL on the weights (vertex \(c.maximiser.submodule))", "beta = 0", "-",
                     c.maximiserKL.map(f) ?? "-",
                     f(c.maximiser.meanTruth)])
    if let truth = c.conditionalTruth {
      policies.append(["conditioning on P", "P = \(f(target))", "-", "-", f(truth)])
    }
    if let match = c.bestOfN {
      policies.append(["best-of-n", "n = \(f(match.n))",
                       "\(f(match.smallestInteger)) samples per output", f(match.outcome.kl),
                       TextTable.formatOptional(match.outcome.meanTruth)])
    } else {
      policies.append(["best-of-n", "unreachable", "-", "-", "-"])
    }
    if let match = c.threshold {
      policies.append(["threshold filtering", "tau = \(f(match.tau))",
                       "keeps \(f(100 * match.acceptance)) % of outputs", f(match.outcome.kl),
                       TextTable.formatOptional(match.outcome.meanTruth)])
    } else {
      let needed = c.base.meanPersuasiveness.map { target > $0 } ?? true
      policies.append(["threshold filtering", c.law == nil ? "undefined" : needed ? "unreachable" : "no filtering needed",
                       "-", "-", "-"])
    }
    if let match = c.tilt {
      policies.append(["ideal tilt pi0 exp(P / beta)", "beta = \(f(match.beta))", "-",
                       f(match.outcome.kl), TextTable.formatOptional(match.outcome.meanTruth)])
    }
    lines.append(policies.rendered)
    lines.append("")
    lines += explanation
    if !c.penalised.isEmpty {
      lines.append("")
      var rows = TextTable(
        ["beta", "weights (" + names.joined(separator: " ") + ")", "E[P]", "KL (nats)", "E[T]",
         "tilt E[T] at same E[P]", "tilt KL", "truth lost"])
      for row in c.penalised {
        rows.append([
          f(row.optimum.beta), row.optimum.weights.map { String(format: "%.3f", $0) }.joined(separator: " "),
          f(row.optimum.meanPersuasiveness), f(row.optimum.kl), f(row.optimum.meanTruth),
          row.tilt.map { TextTable.formatOptional($0.outcome.meanTruth) } ?? "-", row.tilt.map { f($0.outcome.kl) } ?? "-",
          row.goodhartGap.map(f) ?? "-",
        ])
      }
      let certified = c.penalised.filter { $0.certificate == .global }.count
      let basis =
        c.regulariser == .weightKL || c.regulariser == .weightDecay
        ? "each a closed form, global"
        : comparison.law?.route == .mixture
        ? "J is concave here, so each is the global optimum"
        : certified == c.penalised.count
          ? "each certified global: the one-point bound or the branch and bound"
          : "\(certified) of \(c.penalised.count) certified global (the one-point bound or the branch and bound); the rest are verified KKT points"
      let penalty = c.regulariser == .outputKL ? "KL" : c.regulariser.rawValue
      lines.append("RL with a \(penalty) penalty: the optimum of E[P] - beta \(penalty) over the weights (\(basis)); KL is the output-law KL")
      lines.append(rows.rendered)
      lines.append(
        "The tilt is the best any policy can do for E[P] at a given KL; at the same E[P] it "
          + "needs less KL than the weights and keeps the truth filtering keeps. The weights "
          + "cannot represent it: they can only re-mix fixed submodules. As beta falls the "
          + "optimum's E[P] rises towards \(f(target)), reached only at beta = 0 (the vertex, "
          + "KL \(c.maximiserKL.map(f) ?? "unknown")).")
    }
    if let region = c.weightRegion {
      let f = TextTable.format
      let spans = { (list: [ClosedRange<Double>]) in
        list.map { "[\(f($0.lowerBound)), \(f($0.upperBound))]" }.joined(separator: ", ")
      }
      lines.append("")
      lines.append(
        "Whatever the regulariser (every weight vector's (E[P], E[T]) lies in the hull of the "
          + "submodules' points (persuasion x mean, truth x mean)):")
      lines.append(
        region.filterBeatsEveryWeight.isEmpty
          ? "  at no E[P] does filtering beat every weight vector;"
          : "  filtering beats every weight vector for E[P] in \(spans(region.filterBeatsEveryWeight));")
      lines.append(
        region.everyWeightBeatsFilter.isEmpty
          ? "  at no E[P] does every weight vector beat filtering."
          : "  every weight vector beats filtering for E[P] in \(spans(region.everyWeightBeatsFilter)).")
    }
    if !c.notes.isEmpty {
      lines.append("")
      lines += c.notes.map { "Note: " + $0 }
    }
    return lines.joined(separator: "\n")
  }

  private var explanation: [String] {
    let f = TextTable.format
    let c = comparison
    guard let filtering = c.filteringTruth, let gap = c.goodhartGap else {
      return ["No filter on P is defined for this model (P is constant under the base weights)."]
    }
    var lines =
      c.law?.route == .closedForm
      ? [
        "Every filter keeps only outputs the model already produces, so at E[P] = \(f(target)) each "
          + "gives the same truth, E[T] = \(f(filtering)): truth rides along with P through their "
          + "correlation. They differ only in cost."
      ]
      : [
        "Every filter keeps only outputs the model already produces, but for this law E[T | P] is "
          + "not a straight line, so at E[P] = \(f(target)) the filters differ in truth as well as in "
          + "cost; the gap below uses \(c.tilt != nil ? "the ideal tilt" : c.bestOfN != nil ? "best-of-n" : "the threshold"), "
          + "E[T] = \(f(filtering))."
      ]
    if gap > 0 {
      lines.append(
        "Goodhart gap: RL on the weights loses \(f(gap)) of truth relative to filtering at equal "
          + "persuasiveness, because it amplifies whichever submodule produces persuasiveness most "
          + "cheaply (\(c.maximiser.submodule)), not the one that is also true.")
    } else {
      lines.append(
        "Goodhart gap: \(f(gap)). Here RL does not lose truth: the submodule that produces "
          + "persuasiveness most cheaply (\(c.maximiser.submodule)) is also truthful, so RL gains "
          + "\(f(-gap)) of truth over filtering.")
    }
    return lines
  }
}
