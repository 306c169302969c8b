import Goodhart

/// The results of `goodhart analyze`, whichever route computed them, printable as the contract's
/// JSON or as tables.
///
/// Every route (closed forms, quadrature, mixture) fills the same rows; a value that does not
/// exist (a mean of a Cauchy law, say) is `nil`, printed `null` in JSON and `none` in tables.
/// The JSON carries `"composition"`; the routes other than closed forms add `"method"` and, per
/// tilt row, `normalisable` (with the reason and the alternatives when the tilt does not exist).
struct AnalysisReport {

  /// The moments of (T, P); `nil` where a moment does not exist.
  struct Moments {
    var meanTruth, meanPersuasiveness, varianceTruth, variancePersuasiveness: Double?
    var covariance, correlation: Double?
  }

  /// A selected law: its means and variances of truth and persuasiveness and its KL from the
  /// base law (nats).
  struct SelectedLaw {
    var meanTruth, meanPersuasiveness, varianceTruth, variancePersuasiveness: Double?
    var kl: Double
  }

  /// E[T | P = p] and Var[T | P = p].
  struct ConditionalRow {
    var persuasion: Double
    var meanTruth, varianceTruth: Double?
  }

  /// Keep P >= tau.
  struct ThresholdRow {
    var tau, acceptance: Double
    var law: SelectedLaw
  }

  /// Keep the top fraction q by P.
  struct QuantileRow {
    var q, tau: Double
    var law: SelectedLaw
  }

  /// Best of n by P.
  struct BestOfNRow {
    var n: Double
    var law: SelectedLaw
  }

  /// The tilt pi0 exp(P / beta) at a KL; when it does not exist, why, and what to use instead.
  struct TiltRow {
    var kl: Double
    var beta: Double?
    var law: SelectedLaw?
    var obstruction: String?
    var quantileInstead: QuantileRow?
    var bestOfNInstead: BestOfNRow?
  }

  /// Where unpenalised RL on the weights lands.
  struct MaximiserRow {
    var submodule: String
    var weights: [Double]
    var meanTruth, meanPersuasiveness: Double?
  }

  let method: LawRoute
  let composition: Composition
  let moments: Moments
  let maximiser: MaximiserRow
  let conditional: [ConditionalRow]?
  let threshold: [ThresholdRow]?
  let quantile: [QuantileRow]?
  let bestOfN: [BestOfNRow]?
  let tilt: [TiltRow]?
  /// The fitted tails of the model's empirical laws.
  let fittedTails: FittedTailsReport
}

// MARK: - JSON

extension AnalysisReport {
  /// The contract's JSON document (sections that were not requested are absent).
  var json: JSONOutput {
    var members: [(String, JSONOutput)] = method == .closedForm ? [] : [("method", .string(method.rawValue))]
    members.append(("composition", .string(composition.rawValue)))
    members.append(
      ("moments", .object([
        ("mean_truth", number(moments.meanTruth)),
        ("mean_persuasion", number(moments.meanPersuasiveness)),
        ("var_truth", number(moments.varianceTruth)),
        ("var_persuasion", number(moments.variancePersuasiveness)),
        ("covariance", number(moments.covariance)),
        ("correlation", number(moments.correlation)),
      ])))
    if let conditional {
      members.append(("conditional", .array(conditional.map { row in
        .object([
          ("persuasion", .number(row.persuasion)), ("mean_truth", number(row.meanTruth)),
          ("var_truth", number(row.varianceTruth)),
        ])
      })))
    }
    if let threshold {
      members.append(("threshold", .array(threshold.map { row in
        .object([("tau", .number(row.tau)), ("acceptance", .number(row.acceptance))]
          + means(row.law) + [("kl", .number(row.law.kl))])
      })))
    }
    if let quantile { members.append(("quantile", .array(quantile.map(json)))) }
    if let bestOfN { members.append(("best_of_n", .array(bestOfN.map(json)))) }
    if let tilt { members.append(("tilt", .array(tilt.map(json)))) }
    members += fittedTails.jsonMembers()
    members.append(("reward_maximiser", .object([
      ("submodule", .string(maximiser.submodule)),
      ("weights", .numbers(maximiser.weights)),
      ("mean_truth", number(maximiser.meanTruth)),
      ("mean_persuasion", number(maximiser.meanPersuasiveness)),
    ])))
    return .object(members)
  }

  private func number(_ value: Double?) -> JSONOutput { value.map(JSONOutput.number) ?? .null }

  private func means(_ law: SelectedLaw) -> [(String, JSONOutput)] {
    [
      ("mean_truth", number(law.meanTruth)), ("mean_persuasion", number(law.meanPersuasiveness)),
      ("var_truth", number(law.varianceTruth)), ("var_persuasion", number(law.variancePersuasiveness)),
    ]
  }

  private func json(_ row: QuantileRow) -> JSONOutput {
    .object([("q", .number(row.q)), ("tau", .number(row.tau))] + means(row.law)
      + [("kl", .number(row.law.kl))])
  }

  private func json(_ row: BestOfNRow) -> JSONOutput {
    .object([("n", .number(row.n))] + means(row.law) + [("kl", .number(row.law.kl))])
  }

  private func json(_ row: TiltRow) -> JSONOutput {
    guard let law = row.law, let beta = row.beta else {
      var fields: [(String, JSONOutput)] = [
        ("kl", .number(row.kl)), ("beta", .null), ("mean_truth", .null), ("mean_persuasion", .null),
        ("var_truth", .null), ("var_persuasion", .null),
        ("normalisable", .bool(false)), ("reason", .string(row.obstruction ?? "")),
      ]
      if let quantile = row.quantileInstead { fields.append(("quantile_at_same_kl", json(quantile))) }
      if let best = row.bestOfNInstead { fields.append(("best_of_n_at_same_kl", json(best))) }
      return .object(fields)
    }
    return .object([("kl", .number(law.kl)), ("beta", .number(beta))] + means(law)
      + (method == .closedForm ? [] : [("normalisable", .bool(true))]))
  }
}

// MARK: - Tables

extension AnalysisReport {
  /// Readable tables, one per section; a value that does not exist prints as "none".
  var table: String {
    let f = TextTable.formatOptional
    var momentsTable = TextTable(["moment", "value"])
    momentsTable.append(["E[T]", f(moments.meanTruth)])
    momentsTable.append(["E[P]", f(moments.meanPersuasiveness)])
    momentsTable.append(["Var T", f(moments.varianceTruth)])
    momentsTable.append(["Var P", f(moments.variancePersuasiveness)])
    momentsTable.append(["Cov(T, P)", f(moments.covariance)])
    momentsTable.append(["Corr(T, P)", f(moments.correlation)])
    let methods: [LawRoute: String] = [
      .closedForm: "Method: closed form (Gaussian model, sum reading)",
      .quadrature: "Method: quadrature (non-Gaussian model; \"none\" marks a moment that does not exist)",
      .mixture: "Method: mixture reading (one submodule writes each output; \"none\" marks a moment that does not exist)",
    ]
    var sections = [
      methods[method] ?? method.rawValue,
      "Moments of truth T and persuasiveness P\n" + momentsTable.rendered,
    ]
    if let conditional {
      var table = TextTable(["P = p", "E[T | P = p]", "Var[T | P = p]"])
      for row in conditional { table.append([f(row.persuasion), f(row.meanTruth), f(row.varianceTruth)]) }
      sections.append("Conditioning on persuasiveness\n" + table.rendered)
    }
    if let threshold {
      var table = TextTable(["tau", "acceptance", "E[T]", "E[P]", "Var T", "Var P", "KL (nats)"])
      for row in threshold {
        table.append([f(row.tau), f(row.acceptance)] + dispersion(row.law))
      }
      sections.append("Threshold filtering (keep P >= tau)\n" + table.rendered)
    }
    if let quantile {
      var table = TextTable(["q", "tau", "E[T]", "E[P]", "Var T", "Var P", "KL (nats)"])
      for row in quantile {
        table.append([f(row.q), f(row.tau)] + dispersion(row.law))
      }
      sections.append("Quantilizer (keep the top q by P)\n" + table.rendered)
    }
    if let bestOfN {
      var table = TextTable(["n", "E[T]", "E[P]", "Var T", "Var P", "KL (nats)"])
      for row in bestOfN {
        table.append([f(row.n)] + dispersion(row.law))
      }
      sections.append("Best-of-n by persuasiveness\n" + table.rendered)
    }
    if let tilt {
      let anyMissing = tilt.contains { $0.law == nil }
      var table = TextTable(
        ["KL (nats)", "beta", "E[T]", "E[P]", "Var T", "Var P"] + (anyMissing ? ["instead"] : []))
      var notes: [String] = []
      for row in tilt {
        if let law = row.law {
          table.append(
            [f(law.kl), f(row.beta), f(law.meanTruth), f(law.meanPersuasiveness), f(law.varianceTruth),
             f(law.variancePersuasiveness)] + (anyMissing ? [""] : []))
          continue
        }
        var instead: [String] = []
        if let q = row.quantileInstead { instead.append("quantile q=\(f(q.q)): E[T]=\(f(q.law.meanTruth))") }
        if let best = row.bestOfNInstead { instead.append("best-of-\(f(best.n)): E[T]=\(f(best.law.meanTruth))") }
        table.append([f(row.kl), "none", "none", "none", "none", "none", instead.joined(separator: "; ")])
        if let reason = row.obstruction, !notes.contains(reason) { notes.append(reason) }
      }
      sections.append(
        "Ideal KL-regularised policy pi0 * exp(P / beta)\n" + table.rendered
          + notes.map { "\n" + $0 + "." }.joined())
    }
    sections += fittedTails.sections
    var vertex = TextTable(["submodule", "weights", "E[T]", "E[P]"])
    vertex.append([maximiser.submodule, maximiser.weights.map(TextTable.format).joined(separator: " "),
                   f(maximiser.meanTruth), f(maximiser.meanPersuasiveness)])
    sections.append("Reward maximiser on the weights (unpenalised RL)\n" + vertex.rendered)
    return sections.joined(separator: "\n\n")
  }

  /// E[T], E[P], Var T, Var P and the KL of a selected law, for a table row.
  private func dispersion(_ law: SelectedLaw) -> [String] {
    [law.meanTruth, law.meanPersuasiveness, law.varianceTruth, law.variancePersuasiveness, law.kl]
      .map { TextTable.formatOptional($0) }
  }
}
