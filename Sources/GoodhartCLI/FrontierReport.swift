import Foundation
import Goodhart

/// The results of `goodhart frontier`, printable as CSV, JSON or tables.
struct FrontierReport {
  let frontier: Frontier
  /// The model's composition (the JSON's `composition`).
  let composition: Composition
  /// Fits of both forms to each curve, when asked for.
  let fits: [(policy: FrontierPolicy, fit: OveroptimisationFit)]?

  /// Both forms fitted to every curve.
  ///
  /// - Throws: `CommandFailure` naming `--fit` when a fit cannot be made (for example with fewer
  ///   than 4 points).
  static func fits(of frontier: Frontier) throws(CommandFailure)
    -> [(policy: FrontierPolicy, fit: OveroptimisationFit)]
  {
    var fits: [(FrontierPolicy, OveroptimisationFit)] = []
    for curve in frontier.curves {
      for form in OveroptimisationForm.allCases {
        do { fits.append((curve.policy, try curve.fit(form))) } catch {
          throw CommandFailure(flag: "--fit", "\(curve.policy.rawValue): \(error.rule)")
        }
      }
    }
    return fits
  }

  /// The JSON document (snake_case keys, infinities as null).
  var json: JSONOutput {
    let moments = frontier.moments
    let vertex = frontier.rewardMaximiser
    let number = { (value: Double?) in value.map(JSONOutput.number) ?? .null }
    var members: [(String, JSONOutput)] = [
      ("composition", .string(composition.rawValue)),
      ("method", .string(frontier.route.rawValue)),
      ("points", .integer(frontier.grid.points)),
      ("max_kl", .number(frontier.grid.maximumKL)),
      ("base", .object([
        ("mean_truth", number(moments.meanTruth)),
        ("mean_persuasion", number(moments.meanPersuasiveness)),
      ])),
      ("filtering_slope", number(frontier.law.map { $0.covariance / $0.variancePersuasiveness })),
      ("policies", .array(frontier.curves.map { curve in
        .object([
          ("policy", .string(curve.policy.rawValue)),
          ("parameter_name", .string(curve.policy.parameterName)),
          ("points", .array(curve.points.map(FrontierReport.json(point:)))),
        ])
      })),
      ("reward_maximiser", .object([
        ("submodule", .string(frontier.vertex.submodule)),
        ("weights", .numbers(frontier.vertex.weights)),
        ("beta", .number(vertex.parameter)),
        ("kl", .number(vertex.kl)),
        ("mean_truth", .number(vertex.meanTruth)),
        ("mean_persuasion", .number(vertex.meanPersuasiveness)),
        ("filtering_truth", number(frontier.filteringTruth(atPersuasiveness: vertex.meanPersuasiveness))),
        ("goodhart_gap", number(vertex.goodhartGap)),
        ("filtering_kl", number(frontier.filteringKL(atPersuasiveness: vertex.meanPersuasiveness))),
      ])),
    ]
    if let fits {
      members.append(("fits", .array(fits.map { policy, fit in
        .object([("policy", .string(policy.rawValue))] + FitReport.members(of: fit))
      })))
    }
    return .object(members)
  }

  /// Tables for people: every point, the reward maximiser, and the fits.
  var table: String {
    let f = TextTable.format
    var points = TextTable(["policy", "parameter", "KL (nats)", "sqrt KL", "E[T]", "E[P]", "gap"])
    for point in frontier.curves.flatMap(\.points) {
      points.append([
        point.policy.rawValue, "\(point.policy.parameterName) = \(f(point.parameter))", f(point.kl),
        f(point.distance), f(point.meanTruth), f(point.meanPersuasiveness), TextTable.formatOptional(point.goodhartGap),
      ])
    }
    var sections = [
      "Frontier (gap: the truth filtering reaches at the same E[P], minus the policy's)\n"
        + points.rendered
    ]
    let vertex = frontier.rewardMaximiser
    var maximiser = TextTable(["submodule", "KL (nats)", "E[T]", "E[P]", "filtering E[T]", "gap", "filtering KL"])
    maximiser.append([
      frontier.vertex.submodule, f(vertex.kl), f(vertex.meanTruth), f(vertex.meanPersuasiveness),
      TextTable.formatOptional(frontier.filteringTruth(atPersuasiveness: vertex.meanPersuasiveness)),
      TextTable.formatOptional(vertex.goodhartGap),
      TextTable.formatOptional(frontier.filteringKL(atPersuasiveness: vertex.meanPersuasiveness)),
    ])
    sections.append(
      "Reward maximiser on the weights (filtering KL: what the ideal tilt spends for the same E[P])\n"
        + maximiser.rendered)
    if let fits {
      var table = TextTable(["policy"] + FitReport.columns)
      for (policy, fit) in fits { table.append(FitReport.row(policy.rawValue, fit)) }
      sections.append(
        "Fits of the Gao-Schulman-Hilton forms to the truth gain against d = sqrt(KL)\n" + table.rendered)
    }
    return sections.joined(separator: "\n\n")
  }

  private static func json(point: FrontierPoint) -> JSONOutput {
    .object([
      ("parameter", .number(point.parameter)),
      ("kl", .number(point.kl)),
      ("sqrt_kl", .number(point.distance)),
      ("mean_truth", .number(point.meanTruth)),
      ("mean_persuasion", .number(point.meanPersuasiveness)),
      ("goodhart_gap", point.goodhartGap.map(JSONOutput.number) ?? .null),
    ])
  }
}
