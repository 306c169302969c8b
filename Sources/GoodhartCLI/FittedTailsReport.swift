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
  /// What the fitted tails that carry P's extremes (the upper tail of a submodule with positive
  /// persuasion and weight, the lower one for a negative persuasion) say about the asymptote:
  /// `nil` for a model without an empirical law that moves P.
  let asymptoteCaveat: String?

  /// The fitted tails of `model`'s empirical laws (none for a model without one).
  init(model: Model) {
    var rows: [Row] = []
    var notes: [String] = []
    for (submodule, weight) in zip(model.submodules, model.weights) {
      guard let tails = submodule.distribution.fittedTails else { continue }
      rows += [
        Row(submodule: submodule.name, side: "lower", tail: tails.lower),
        Row(submodule: submodule.name, side: "upper", tail: tails.upper),
      ]
      guard weight > 0, submodule.persuasion != 0 else { continue }
      let tail = submodule.persuasion > 0 ? tails.upper : tails.lower
      let side = submodule.persuasion > 0 ? "upper" : "lower"
      let shape = TextTable.format(tail.shape)
      guard let se = tail.shapeStandardError else {
        notes.append("\(submodule.name)'s \(side) tail ends (ξ = \(shape), no standard error below −1/2)")
        continue
      }
      let reading =
        abs(tail.shape) <= 2 * se
        ? "within two standard errors of 0: the samples do not tell a polynomial tail from a light one"
        : (tail.shape > 0 ? "polynomial beyond two standard errors" : "ending beyond two standard errors")
      notes.append("\(submodule.name)'s \(side) tail has ξ = \(shape) ± \(TextTable.format(se)), \(reading)")
    }
    self.rows = rows
    asymptoteCaveat =
      notes.isEmpty
      ? nil
      : "the asymptote is the fitted law's; " + notes.joined(separator: "; ")
  }

  /// The `fitted_tails` member (and `asymptote_caveat` when `withCaveat`), or none when the
  /// model has no empirical law.
  func jsonMembers(withCaveat: Bool = false) -> [(String, JSONOutput)] {
    guard !rows.isEmpty else { return [] }
    let caveat: [(String, JSONOutput)] =
      withCaveat ? asymptoteCaveat.map { [("asymptote_caveat", .string($0))] } ?? [] : []
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
    ] + caveat
  }

  /// The table section, or none when the model has no empirical law.
  var sections: [String] {
    guard !rows.isEmpty else { return [] }
    let f = TextTable.formatOptional
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
