import Goodhart

/// The result of `goodhart optimize`, printable as the contract's JSON or as tables.
struct OptimisationReport {
  let method: String
  let composition: Composition
  let names: [String]
  let regulariser: Regulariser
  let domain: WeightDomain
  let outcome: WeightOutcome
  /// penalty(w) under the regulariser (the output-law KL for the sampling methods).
  let penalty: Double
  let exact: RegularisedOptimum?
  let sampling: PolicyGradientResult?
  /// Both Gao-Schulman-Hilton forms fitted along the sampling run's trajectory (`--fit`).
  var fits: [OveroptimisationFit]? = nil

  /// The contract's JSON (`trajectory` for the sampling methods only; infinite KL is null).
  var json: JSONOutput {
    var members: [(String, JSONOutput)] = [
      ("method", .string(method)), ("composition", .string(composition.rawValue)),
      ("regulariser", .string(regulariser.rawValue)), ("domain", .string(domain.rawValue)),
    ]
    members += OptimisationReport.members(of: outcome, withBeta: true)
    members.append(("penalty", .number(penalty)))
    if let exact {
      members.append(("certificate", .string(exact.certificate.rawValue)))
      if let residual = exact.kktResidual { members.append(("kkt_residual", .number(residual))) }
      if let bound = exact.upperBound { members.append(("upper_bound", .number(bound))) }
      if let why = exact.whyLocal { members.append(("certificate_reason", .string(why))) }
    }
    if let sampling {
      members.append(("steps", .integer(sampling.steps)))
      members.append(("stop", .string(sampling.stop.rawValue)))
      members.append(("averaged_from_step", sampling.averagedFromStep.map(JSONOutput.integer) ?? .null))
      members.append(("trajectory", .array(sampling.trajectory.map(OptimisationReport.json(of:)))))
      members.append(("early_stop", sampling.earlyStop.map(OptimisationReport.json(of:)) ?? .null))
    }
    if let fits {
      members.append(("fits", .array(fits.map { .object(FitReport.members(of: $0)) })))
    }
    return .object(members)
  }

  private static func json(of point: TrajectoryPoint) -> JSONOutput {
    .object([("step", .integer(point.step))] + members(of: point.outcome, withBeta: false))
  }

  private static func members(of outcome: WeightOutcome, withBeta: Bool) -> [(String, JSONOutput)] {
    (withBeta ? [("beta", JSONOutput.number(outcome.beta))] : []) + [
      ("weights", .numbers(outcome.weights)),
      ("mean_truth", .number(outcome.meanTruth)),
      ("mean_persuasion", .number(outcome.meanPersuasiveness)),
      ("kl", .number(outcome.kl)),
      ("objective", .number(outcome.objective)),
    ]
  }

  /// Readable tables: the weights, the numbers, and the trajectory of a sampling run.
  var table: String {
    let f = TextTable.format
    var weights = TextTable(["submodule", "weight"])
    for (name, weight) in zip(names, outcome.weights) { weights.append([name, f(weight)]) }
    var numbers = TextTable(["quantity", "value"])
    numbers.append(["beta", f(outcome.beta)])
    numbers.append(["E[T] (truth)", f(outcome.meanTruth)])
    numbers.append(["E[P] (persuasiveness)", f(outcome.meanPersuasiveness)])
    numbers.append(["KL(law_w || law_w0) (nats)", f(outcome.kl)])
    numbers.append(["penalty (\(regulariser.rawValue))", f(penalty)])
    numbers.append(["objective E[P] - beta penalty", f(outcome.objective)])
    if let exact {
      numbers.append(["certificate", exact.certificate.rawValue])
      if let residual = exact.kktResidual { numbers.append(["KKT residual", f(residual)]) }
      if let bound = exact.upperBound { numbers.append(["upper bound of J (branch and bound)", f(bound)]) }
      if let why = exact.whyLocal { numbers.append(["not certified because", why]) }
    }
    var sections = [
      "Optimum of E[P] - beta \(regulariser.rawValue) over the \(domain.rawValue) weights (\(method))\n"
        + weights.rendered,
      numbers.rendered,
    ]
    if let sampling {
      var path = TextTable(["step"] + names + ["E[T]", "E[P]", "KL", "objective"])
      for point in sampling.trajectory {
        path.append(
          [String(point.step)] + point.outcome.weights.map(f)
            + [f(point.outcome.meanTruth), f(point.outcome.meanPersuasiveness),
               f(point.outcome.kl), f(point.outcome.objective)])
      }
      let why = sampling.stop == .vertex ? " (stopped: a weight reached the vertex)" : ""
      var title = "Trajectory of the iterates, \(sampling.steps) steps\(why)"
      if let start = sampling.averagedFromStep {
        title += "; the result above is their average over steps \(start + 1)-\(sampling.steps)"
      }
      sections.append(title + "\n" + path.rendered)
      if let stop = sampling.earlyStop {
        sections.append(
          "Early stopping with the truth in hand: E[T] is highest at step \(stop.step) "
            + "(E[T] = \(f(stop.outcome.meanTruth)), E[P] = \(f(stop.outcome.meanPersuasiveness)), "
            + "KL = \(f(stop.outcome.kl)) nats)")
      }
    }
    if let fits {
      var table = TextTable(["fitted to"] + FitReport.columns)
      for fit in fits { table.append(FitReport.row("trajectory", fit)) }
      sections.append(
        "Fits of the Gao-Schulman-Hilton forms along the run: truth gain E[T] - E[T](step 0) "
          + "against d = sqrt(KL)\n" + table.rendered)
    }
    return sections.joined(separator: "\n\n")
  }
}
