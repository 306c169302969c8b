import Goodhart

/// The fitted tails of a model's empirical laws (`Distribution.fittedTails`), two per such
/// submodule, lower then upper, in X's units: the `fitted_tails` array of `analyze` and `regime`,
/// and their table.
struct FittedTailsReport {
  /// One fitted tail.
  struct Row {
    var submodule: String
    var side: String
    var tail: GeneralizedParetoTail
  }

  /// The rows, in submodule order.
  let rows: [Row]

  /// The fitted tails of `model`'s empirical laws (none for a model without one).
  init(model: Model) {
    rows = model.submodules.flatMap { submodule -> [Row] in
      guard let tails = submodule.distribution.fittedTails else { return [] }
      return [
        Row(submodule: submodule.name, side: "lower", tail: tails.lower),
        Row(submodule: submodule.name, side: "upper", tail: tails.upper),
      ]
    }
  }

  /// The `fitted_tails` member, or none when the model has no empirical law.
  var jsonMembers: [(String, JSONOutput)] {
    guard !rows.isEmpty else { return [] }
    func number(_ value: Double?) -> JSONOutput { value.map(JSONOutput.number) ?? .null }
    return [
      ("fitted_tails", .array(rows.map { row in
        .object([
          ("submodule", .string(row.submodule)), ("side", .string(row.side)),
          ("threshold", .number(row.tail.threshold)), ("tail_mass", .number(row.tail.mass)),
          ("exceedances", .number(Double(row.tail.exceedances))),
          ("shape", .number(row.tail.shape)), ("shape_se", number(row.tail.shapeStandardError)),
          ("scale", .number(row.tail.scale)), ("tail_index", number(row.tail.tailIndex)),
          ("tail_index_se", number(row.tail.tailIndexStandardError)),
        ])
      }))
    ]
  }

  /// The table section, or none when the model has no empirical law.
  var sections: [String] {
    guard !rows.isEmpty else { return [] }
    let f = { (value: Double?) in value.map(TextTable.format) ?? "none" }
    var table = TextTable(
      ["submodule", "side", "threshold", "mass", "k", "shape xi", "se", "scale", "index 1/xi", "se"])
    for row in rows {
      let tail = row.tail
      table.append([
        row.submodule, row.side, f(tail.threshold), f(tail.mass), "\(tail.exceedances)", f(tail.shape),
        f(tail.shapeStandardError), f(tail.scale), f(tail.tailIndex), f(tail.tailIndexStandardError),
      ])
    }
    return [
      "Fitted tails of the empirical laws (generalised Pareto beyond the threshold, maximum likelihood; "
        + "every result here is exact for the fitted law, not for the unknown law the samples came from)\n"
        + table.rendered
    ]
  }
}
