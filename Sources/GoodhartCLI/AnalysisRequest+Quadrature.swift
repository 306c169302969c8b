import Foundation
import Goodhart

extension AnalysisRequest {
  /// Evaluates every requested selection on a non-Gaussian model by quadrature.
  ///
  /// - Throws: `CommandFailure` naming `--model` when the model is beyond exact quadrature (more
  ///   than two independent non-normal laws carry persuasion: the message points to
  ///   `goodhart simulate`) or the flag whose value the model cannot serve.
  func evaluateByQuadrature(on model: Model) throws(CommandFailure) -> QuadratureAnalysisReport {
    func attempt<T>(_ flag: String, _ body: () throws(SelectionError) -> T) throws(CommandFailure) -> T {
      do { return try body() } catch {
        throw CommandFailure(flag: error.field == "model" ? "--model" : flag, error.rule)
      }
    }
    let selects = !(conditions.isEmpty && thresholds.isEmpty && quantiles.isEmpty && bestOfN.isEmpty && kls.isEmpty)
    let law: PersuasionLaw? =
      selects ? try attempt("--model") { () throws(SelectionError) in try PersuasionLaw(model: model) } : nil
    var conditional: [GeneralConditionalTruth] = []
    var thresholdResults: [ExtremalThreshold] = []
    var quantileResults: [ExtremalQuantile] = []
    var bestResults: [(n: Double, outcome: ExtremalOutcome)] = []
    var tiltResults: [QuadratureAnalysisReport.TiltRow] = []
    if let law {
      for p in conditions {
        conditional.append(try attempt("--condition") { () throws(SelectionError) in
          try law.conditionalTruth(givenPersuasiveness: p)
        })
      }
      for tau in thresholds {
        thresholdResults.append(try attempt("--threshold") { () throws(SelectionError) in try law.threshold(tau) })
      }
      for q in quantiles {
        quantileResults.append(try attempt("--quantile") { () throws(SelectionError) in try law.quantile(q) })
      }
      for n in bestOfN {
        bestResults.append((n, try attempt("--best-of") { () throws(SelectionError) in try law.bestOfN(n) }))
      }
      for k in kls {
        tiltResults.append(try attempt("--kl") { () throws(SelectionError) in
          let tilt = try model.exponentialTilt(kl: k)
          guard case .notNormalisable = tilt else {
            return QuadratureAnalysisReport.TiltRow(kl: k, tilt: tilt, quantile: nil, bestOfN: nil)
          }
          let n = try PersuasionLaw.bestOfNCount(forKL: k)
          return QuadratureAnalysisReport.TiltRow(
            kl: k, tilt: tilt, quantile: try law.quantile(exp(-k)), bestOfN: (n, try law.bestOfN(n)))
        })
      }
    }
    let maximiser = model.rewardMaximiser
    return QuadratureAnalysisReport(
      moments: model.generalMoments, maximiser: maximiser,
      maximiserHasMean: model.submodules[maximiser.submoduleIndex].distribution.hasMean,
      conditional: conditions.isEmpty ? nil : conditional,
      threshold: thresholds.isEmpty ? nil : thresholdResults,
      quantile: quantiles.isEmpty ? nil : quantileResults,
      bestOfN: bestOfN.isEmpty ? nil : bestResults,
      tilt: kls.isEmpty ? nil : tiltResults)
  }
}
