import Goodhart

/// The results of `goodhart analyze`, printable as the contract's JSON or as tables.
struct AnalysisReport {
  let law: JointLaw
  let maximiser: RewardMaximiser
  let conditional: [ConditionalTruth]?
  let threshold: [ThresholdSelection]?
  let quantile: [QuantileSelection]?
  let bestOfN: [(n: Double, outcome: SelectionOutcome)]?
  let tilt: [TiltSelection]?

  /// The contract's JSON document (sections that were not requested are absent).
  var json: JSONOutput {
    var members: [(String, JSONOutput)] = [
      ("moments", .object([
        ("mean_truth", .number(law.meanTruth)),
        ("mean_persuasion", .number(law.meanPersuasiveness)),
        ("var_truth", .number(law.varianceTruth)),
        ("var_persuasion", .number(law.variancePersuasiveness)),
        ("covariance", .number(law.covariance)),
        ("correlation", .number(law.correlation)),
      ]))
    ]
    if let conditional {
      members.append(("conditional", .array(conditional.map { row in
        .object([
          ("persuasion", .number(row.persuasiveness)),
          ("mean_truth", .number(row.mean)),
          ("var_truth", .number(row.variance)),
        ])
      })))
    }
    if let threshold {
      members.append(("threshold", .array(threshold.map { row in
        .object([
          ("tau", .number(row.threshold)),
          ("acceptance", .number(row.acceptance)),
          ("mean_truth", .number(row.outcome.meanTruth)),
          ("mean_persuasion", .number(row.outcome.meanPersuasiveness)),
          ("kl", .number(row.outcome.kl)),
        ])
      })))
    }
    if let quantile {
      members.append(("quantile", .array(quantile.map { row in
        .object([
          ("q", .number(row.fraction)),
          ("tau", .number(row.threshold)),
          ("mean_truth", .number(row.outcome.meanTruth)),
          ("mean_persuasion", .number(row.outcome.meanPersuasiveness)),
          ("kl", .number(row.outcome.kl)),
        ])
      })))
    }
    if let bestOfN {
      members.append(("best_of_n", .array(bestOfN.map { row in
        .object([
          ("n", .number(row.n)),
          ("mean_truth", .number(row.outcome.meanTruth)),
          ("mean_persuasion", .number(row.outcome.meanPersuasiveness)),
          ("kl", .number(row.outcome.kl)),
        ])
      })))
    }
    if let tilt {
      members.append(("tilt", .array(tilt.map { row in
        .object([
          ("kl", .number(row.outcome.kl)),
          ("beta", .number(row.beta)),
          ("mean_truth", .number(row.outcome.meanTruth)),
          ("mean_persuasion", .number(row.outcome.meanPersuasiveness)),
        ])
      })))
    }
    members.append(("reward_maximiser", .object([
      ("submodule", .string(maximiser.submodule)),
      ("weights", .numbers(maximiser.weights)),
      ("mean_truth", .number(maximiser.meanTruth)),
      ("mean_persuasion", .number(maximiser.meanPersuasiveness)),
    ])))
    return .object(members)
  }

  /// Readable tables, one per section.
  var table: String {
    let f = TextTable.format
    var moments = TextTable(["moment", "value"])
    moments.append(["E[T]", f(law.meanTruth)])
    moments.append(["E[P]", f(law.meanPersuasiveness)])
    moments.append(["Var T", f(law.varianceTruth)])
    moments.append(["Var P", f(law.variancePersuasiveness)])
    moments.append(["Cov(T, P)", f(law.covariance)])
    moments.append(["Corr(T, P)", f(law.correlation)])
    var sections = ["Joint law of truth T and persuasiveness P\n" + moments.rendered]
    if let conditional {
      var table = TextTable(["P = p", "E[T | P = p]", "Var[T | P = p]"])
      for row in conditional { table.append([f(row.persuasiveness), f(row.mean), f(row.variance)]) }
      sections.append("Conditioning on persuasiveness\n" + table.rendered)
    }
    if let threshold {
      var table = TextTable(["tau", "acceptance", "E[T]", "E[P]", "KL (nats)"])
      for row in threshold {
        table.append([f(row.threshold), f(row.acceptance), f(row.outcome.meanTruth),
                      f(row.outcome.meanPersuasiveness), f(row.outcome.kl)])
      }
      sections.append("Threshold filtering (keep P >= tau)\n" + table.rendered)
    }
    if let quantile {
      var table = TextTable(["q", "tau", "E[T]", "E[P]", "KL (nats)"])
      for row in quantile {
        table.append([f(row.fraction), f(row.threshold), f(row.outcome.meanTruth),
                      f(row.outcome.meanPersuasiveness), f(row.outcome.kl)])
      }
      sections.append("Quantilizer (keep the top q by P)\n" + table.rendered)
    }
    if let bestOfN {
      var table = TextTable(["n", "E[T]", "E[P]", "KL (nats)"])
      for row in bestOfN {
        table.append([f(row.n), f(row.outcome.meanTruth), f(row.outcome.meanPersuasiveness), f(row.outcome.kl)])
      }
      sections.append("Best-of-n by persuasiveness\n" + table.rendered)
    }
    if let tilt {
      var table = TextTable(["KL (nats)", "beta", "E[T]", "E[P]"])
      for row in tilt {
        table.append([f(row.outcome.kl), f(row.beta), f(row.outcome.meanTruth), f(row.outcome.meanPersuasiveness)])
      }
      sections.append("Ideal KL-regularised policy pi0 * exp(P / beta)\n" + table.rendered)
    }
    var vertex = TextTable(["submodule", "weights", "E[T]", "E[P]"])
    vertex.append([maximiser.submodule, maximiser.weights.map(f).joined(separator: " "),
                   f(maximiser.meanTruth), f(maximiser.meanPersuasiveness)])
    sections.append("Reward maximiser on the weights (unpenalised RL)\n" + vertex.rendered)
    return sections.joined(separator: "\n\n")
  }
}
