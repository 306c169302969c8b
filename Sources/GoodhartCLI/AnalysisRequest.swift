import Foundation
import Goodhart

/// What `goodhart analyze` was asked for, and its evaluation into a report through the model's
/// `OutputLaw`, whichever route (closed forms, quadrature, mixture) computes it.
struct AnalysisRequest {
  let conditions: [Double]
  let thresholds: [Double]
  let quantiles: [Double]
  let bestOfN: [Double]
  let kls: [Double]

  /// Evaluates every requested selection.
  ///
  /// - Throws: `CommandFailure` naming `--model` when no route covers the model, or the flag
  ///   whose value the model cannot serve (for example `--quantile` outside (0, 1], or any
  ///   selection when P has zero variance).
  func evaluate(on model: Model) throws(CommandFailure) -> AnalysisReport {
    let selects = !(conditions.isEmpty && thresholds.isEmpty && quantiles.isEmpty && bestOfN.isEmpty && kls.isEmpty)
    let law: (any OutputLaw)? =
      selects ? try rows([model], flag: "--model") { model throws(SelectionError) in try model.outputLaw() }?.first : nil
    let moments = model.moments
    let maximiser = model.rewardMaximiser
    let hasMean = model.submodules[maximiser.submoduleIndex].distribution.hasMean
    func quantileRow(_ law: any OutputLaw, _ q: Double) throws(SelectionError) -> AnalysisReport.QuantileRow {
      let row = try law.quantile(q)
      return .init(q: q, tau: row.threshold, law: .init(row.outcome))
    }
    return AnalysisReport(
      method: law?.route ?? (model.isGaussian ? .closedForm : model.composition == .mixture ? .mixture : .quadrature),
      composition: model.composition,
      moments: .init(
        meanTruth: moments.meanTruth, meanPersuasiveness: moments.meanPersuasiveness,
        varianceTruth: moments.varianceTruth, variancePersuasiveness: moments.variancePersuasiveness,
        covariance: moments.covariance, correlation: moments.correlation),
      maximiser: .init(
        submodule: maximiser.submodule, weights: maximiser.weights,
        meanTruth: hasMean ? maximiser.meanTruth : nil,
        meanPersuasiveness: hasMean ? maximiser.meanPersuasiveness : nil),
      conditional: try law.flatMap { law throws(CommandFailure) in
        try rows(conditions, flag: "--condition") { p throws(SelectionError) in
          let row = try law.conditionalTruth(givenPersuasiveness: p)
          return .init(persuasion: p, meanTruth: row.mean, varianceTruth: row.variance)
        }
      },
      threshold: try law.flatMap { law throws(CommandFailure) in
        try rows(thresholds, flag: "--threshold") { tau throws(SelectionError) in
          let row = try law.threshold(tau)
          return .init(tau: tau, acceptance: row.acceptance, law: .init(row.outcome))
        }
      },
      quantile: try law.flatMap { law throws(CommandFailure) in
        try rows(quantiles, flag: "--quantile") { q throws(SelectionError) in try quantileRow(law, q) }
      },
      bestOfN: try law.flatMap { law throws(CommandFailure) in
        try rows(bestOfN, flag: "--best-of") { n throws(SelectionError) in .init(n: n, law: .init(try law.bestOfN(n))) }
      },
      tilt: try law.flatMap { law throws(CommandFailure) in
        try rows(kls, flag: "--kl") { k throws(SelectionError) in
          let tilt = try law.tilt(kl: k)
          if case .normalisable(let beta, let outcome) = tilt {
            return .init(kl: k, beta: beta, law: .init(outcome))
          }
          // No tilt exists: the quantilizer and best-of-n at the same KL instead.
          let n = try PersuasionLaw.bestOfNCount(forKL: k)
          return .init(
            kl: k, obstruction: tilt.obstruction, quantileInstead: try quantileRow(law, exp(-k)),
            bestOfNInstead: .init(n: n, law: .init(try law.bestOfN(n))))
        }
      },
      fittedTails: FittedTailsReport(model: model))
  }

  /// Each requested value through `body`, failures attributed to `flag` (or `--model` when the
  /// model itself is at fault); `nil` when the flag was not given, so the section is absent.
  func rows<Value, Row>(
    _ values: [Value], flag: String, _ body: (Value) throws(SelectionError) -> Row
  ) throws(CommandFailure) -> [Row]? {
    guard !values.isEmpty else { return nil }
    var rows: [Row] = []
    for value in values {
      do { rows.append(try body(value)) } catch {
        throw CommandFailure(flag: error.field == .model ? "--model" : flag, error.rule)
      }
    }
    return rows
  }
}

extension AnalysisReport.SelectedLaw {
  /// The selected law of any route (a moment may not exist).
  init(_ outcome: SelectionOutcome) {
    self.init(
      meanTruth: outcome.meanTruth, meanPersuasiveness: outcome.meanPersuasiveness,
      varianceTruth: outcome.varianceTruth, variancePersuasiveness: outcome.variancePersuasiveness,
      kl: outcome.kl)
  }
}
