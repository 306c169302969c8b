import Goodhart

/// What `goodhart analyze` was asked for, and its evaluation into a report: by closed forms for
/// a Gaussian model, by quadrature (`AnalysisRequest+Quadrature.swift`) otherwise.
struct AnalysisRequest {
  let conditions: [Double]
  let thresholds: [Double]
  let quantiles: [Double]
  let bestOfN: [Double]
  let kls: [Double]

  /// Evaluates every requested selection, choosing the route from the model.
  ///
  /// - Throws: `CommandFailure` naming the flag whose value the model cannot serve (for example
  ///   `--quantile` outside (0, 1], or any selection when P has zero variance), or `--model`.
  func evaluate(on model: Model) throws(CommandFailure) -> AnalysisReport {
    model.isGaussian ? try evaluateByClosedForms(on: model) : try evaluateByQuadrature(on: model)
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
        throw CommandFailure(flag: error.field == "model" ? "--model" : flag, error.rule)
      }
    }
    return rows
  }

  private func evaluateByClosedForms(on model: Model) throws(CommandFailure) -> AnalysisReport {
    let law: JointLaw
    do { law = try model.jointLaw() } catch { throw CommandFailure(flag: "--model", error.description) }
    let maximiser = model.rewardMaximiser
    return AnalysisReport(
      method: .closedForm,
      moments: .init(
        meanTruth: law.meanTruth, meanPersuasiveness: law.meanPersuasiveness,
        varianceTruth: law.varianceTruth, variancePersuasiveness: law.variancePersuasiveness,
        covariance: law.covariance, correlation: law.correlation),
      maximiser: .init(
        submodule: maximiser.submodule, weights: maximiser.weights, meanTruth: maximiser.meanTruth,
        meanPersuasiveness: maximiser.meanPersuasiveness),
      conditional: try rows(conditions, flag: "--condition") { p throws(SelectionError) in
        let row = try law.conditionalTruth(givenPersuasiveness: p)
        return .init(persuasion: p, meanTruth: row.mean, varianceTruth: row.variance)
      },
      threshold: try rows(thresholds, flag: "--threshold") { tau throws(SelectionError) in
        let row = try law.threshold(tau)
        return .init(tau: tau, acceptance: row.acceptance, law: .init(row.outcome))
      },
      quantile: try rows(quantiles, flag: "--quantile") { q throws(SelectionError) in
        let row = try law.quantile(q)
        return .init(q: q, tau: row.threshold, law: .init(row.outcome))
      },
      bestOfN: try rows(bestOfN, flag: "--best-of") { n throws(SelectionError) in
        .init(n: n, law: .init(try law.bestOfN(n)))
      },
      tilt: try rows(kls, flag: "--kl") { k throws(SelectionError) in
        let row = try law.tilt(kl: k)
        return .init(kl: k, beta: row.beta, law: .init(row.outcome))
      })
  }
}

extension AnalysisReport.SelectedLaw {
  /// The law selected by a closed form.
  init(_ outcome: SelectionOutcome) {
    self.init(meanTruth: outcome.meanTruth, meanPersuasiveness: outcome.meanPersuasiveness, kl: outcome.kl)
  }

  /// The law selected by quadrature (a mean may not exist).
  init(_ outcome: ExtremalOutcome) {
    self.init(meanTruth: outcome.meanTruth, meanPersuasiveness: outcome.meanPersuasiveness, kl: outcome.kl)
  }
}
