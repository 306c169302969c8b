import Goodhart

/// The results of `goodhart analyze` on a non-Gaussian model, computed by quadrature: the
/// contract's sections and keys, plus `"method": "quadrature"`; a moment or mean that does not
/// exist prints as `null`. The tilt, when it is not normalisable, says so and gives the
/// quantilizer and best-of-n at the same KL instead.
struct QuadratureAnalysisReport {
  /// A tilt row: the tilt itself, or the reason it does not exist with the alternatives.
  struct TiltRow {
    let kl: Double
    let tilt: ExponentialTilt
    let quantile: ExtremalQuantile?
    let bestOfN: (n: Double, outcome: ExtremalOutcome)?
  }

  let moments: GeneralMoments
  let maximiser: RewardMaximiser
  let maximiserHasMean: Bool
  let conditional: [GeneralConditionalTruth]?
  let threshold: [ExtremalThreshold]?
  let quantile: [ExtremalQuantile]?
  let bestOfN: [(n: Double, outcome: ExtremalOutcome)]?
  let tilt: [TiltRow]?

  private static func number(_ value: Double?) -> JSONOutput { value.map(JSONOutput.number) ?? .null }

  private static func means(_ outcome: ExtremalOutcome) -> [(String, JSONOutput)] {
    [("mean_truth", number(outcome.meanTruth)), ("mean_persuasion", number(outcome.meanPersuasiveness))]
  }

  /// The JSON document (sections that were not requested are absent).
  var json: JSONOutput {
    let n = QuadratureAnalysisReport.number
    let means = QuadratureAnalysisReport.means
    var members: [(String, JSONOutput)] = [
      ("method", .string("quadrature")),
      ("moments", .object([
        ("mean_truth", n(moments.meanTruth)), ("mean_persuasion", n(moments.meanPersuasiveness)),
        ("var_truth", n(moments.varianceTruth)), ("var_persuasion", n(moments.variancePersuasiveness)),
        ("covariance", n(moments.covariance)), ("correlation", n(moments.correlation)),
      ])),
    ]
    if let conditional {
      members.append(("conditional", .array(conditional.map { row in
        .object([("persuasion", .number(row.persuasiveness)), ("mean_truth", n(row.mean)),
                 ("var_truth", n(row.variance))])
      })))
    }
    if let threshold {
      members.append(("threshold", .array(threshold.map { row in
        .object([("tau", .number(row.threshold)), ("acceptance", .number(row.acceptance))]
          + means(row.outcome) + [("kl", .number(row.outcome.kl))])
      })))
    }
    if let quantile {
      members.append(("quantile", .array(quantile.map(QuadratureAnalysisReport.quantileJSON))))
    }
    if let bestOfN {
      members.append(("best_of_n", .array(bestOfN.map(QuadratureAnalysisReport.bestJSON))))
    }
    if let tilt {
      members.append(("tilt", .array(tilt.map { row in
        switch row.tilt {
        case .normalisable(let beta, let outcome):
          return .object([("kl", .number(outcome.kl)), ("beta", .number(beta))] + means(outcome)
            + [("normalisable", .bool(true))])
        case .notNormalisable:
          var fields: [(String, JSONOutput)] = [
            ("kl", .number(row.kl)), ("beta", .null), ("mean_truth", .null), ("mean_persuasion", .null),
            ("normalisable", .bool(false)), ("reason", .string(row.tilt.obstruction ?? "")),
          ]
          if let quantile = row.quantile {
            fields.append(("quantile_at_same_kl", QuadratureAnalysisReport.quantileJSON(quantile)))
          }
          if let best = row.bestOfN {
            fields.append(("best_of_n_at_same_kl", QuadratureAnalysisReport.bestJSON(best)))
          }
          return .object(fields)
        }
      })))
    }
    members.append(("reward_maximiser", .object([
      ("submodule", .string(maximiser.submodule)),
      ("weights", .numbers(maximiser.weights)),
      ("mean_truth", maximiserHasMean ? .number(maximiser.meanTruth) : .null),
      ("mean_persuasion", maximiserHasMean ? .number(maximiser.meanPersuasiveness) : .null),
    ])))
    return .object(members)
  }

  private static func quantileJSON(_ row: ExtremalQuantile) -> JSONOutput {
    .object([("q", .number(row.fraction)), ("tau", .number(row.threshold))] + means(row.outcome)
      + [("kl", .number(row.outcome.kl))])
  }

  private static func bestJSON(_ row: (n: Double, outcome: ExtremalOutcome)) -> JSONOutput {
    .object([("n", .number(row.n))] + means(row.outcome) + [("kl", .number(row.outcome.kl))])
  }

  /// Readable tables, one per section; a moment that does not exist prints as "none".
  var table: String {
    let f = { (value: Double?) in value.map(TextTable.format) ?? "none" }
    var momentsTable = TextTable(["moment", "value"])
    momentsTable.append(["E[T]", f(moments.meanTruth)])
    momentsTable.append(["E[P]", f(moments.meanPersuasiveness)])
    momentsTable.append(["Var T", f(moments.varianceTruth)])
    momentsTable.append(["Var P", f(moments.variancePersuasiveness)])
    momentsTable.append(["Cov(T, P)", f(moments.covariance)])
    momentsTable.append(["Corr(T, P)", f(moments.correlation)])
    var sections = [
      "Method: quadrature (non-Gaussian model; \"none\" marks a moment that does not exist)",
      "Moments of truth T and persuasiveness P\n" + momentsTable.rendered,
    ]
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
      var table = TextTable(["KL (nats)", "beta", "E[T]", "E[P]", "instead"])
      var notes: [String] = []
      for row in tilt {
        switch row.tilt {
        case .normalisable(let beta, let outcome):
          table.append([f(outcome.kl), f(beta), f(outcome.meanTruth), f(outcome.meanPersuasiveness), ""])
        case .notNormalisable:
          var instead: [String] = []
          if let q = row.quantile {
            instead.append("quantile q=\(f(q.fraction)): E[T]=\(f(q.outcome.meanTruth))")
          }
          if let best = row.bestOfN {
            instead.append("best-of-\(f(best.n)): E[T]=\(f(best.outcome.meanTruth))")
          }
          table.append([f(row.kl), "none", "none", "none", instead.joined(separator: "; ")])
          if let reason = row.tilt.obstruction, !notes.contains(reason) { notes.append(reason) }
        }
      }
      sections.append(
        "Ideal KL-regularised policy pi0 * exp(P / beta)\n" + table.rendered
          + notes.map { "\n" + $0 + "." }.joined())
    }
    var vertex = TextTable(["submodule", "weights", "E[T]", "E[P]"])
    vertex.append([maximiser.submodule, maximiser.weights.map(TextTable.format).joined(separator: " "),
                   maximiserHasMean ? f(maximiser.meanTruth) : "none",
                   maximiserHasMean ? f(maximiser.meanPersuasiveness) : "none"])
    sections.append("Reward maximiser on the weights (unpenalised RL)\n" + vertex.rendered)
    return sections.joined(separator: "\n\n")
  }
}
