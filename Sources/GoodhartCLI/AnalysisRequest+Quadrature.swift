import Foundation
import Goodhart

extension AnalysisRequest {
  /// Evaluates every requested selection on a non-Gaussian model by quadrature
  /// (Sources/Goodhart/Extremal).
  ///
  /// - Throws: `CommandFailure` naming `--model` when the model is beyond exact quadrature (more
  ///   than two independent non-normal laws carry persuasion: the message points to
  ///   `goodhart simulate`) or the flag whose value the model cannot serve.
  func evaluateByQuadrature(on model: Model) throws(CommandFailure) -> AnalysisReport {
    let selects = !(conditions.isEmpty && thresholds.isEmpty && quantiles.isEmpty && bestOfN.isEmpty && kls.isEmpty)
    let law: PersuasionLaw? =
      selects ? try rows([model], flag: "--model") { model throws(SelectionError) in try PersuasionLaw(model: model) }?.first : nil
    let moments = model.generalMoments
    let maximiser = model.rewardMaximiser
    let hasMean = model.submodules[maximiser.submoduleIndex].distribution.hasMean
    func quantileRow(_ law: PersuasionLaw, _ q: Double) throws(SelectionError) -> AnalysisReport.QuantileRow {
      let row = try law.quantile(q)
      return .init(q: q, tau: row.threshold, law: .init(row.outcome))
    }
    return AnalysisReport(
      method: .quadrature,
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
          let tilt = try model.exponentialTilt(kl: k)
          if case .normalisable(let beta, let outcome) = tilt {
            return .init(kl: k, beta: beta, law: .init(outcome))
          }
          // No tilt exists: the quantilizer and best-of-n at the same KL instead.
          let n = try PersuasionLaw.bestOfNCount(forKL: k)
          return .init(
            kl: k, obstruction: tilt.obstruction, quantileInstead: try quantileRow(law, exp(-k)),
            bestOfNInstead: .init(n: n, law: .init(try law.bestOfN(n))))
        }
      })
  }
}
