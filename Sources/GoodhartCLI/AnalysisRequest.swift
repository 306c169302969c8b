import Goodhart

/// What `goodhart analyze` was asked for, and its evaluation into a report.
struct AnalysisRequest {
  let conditions: [Double]
  let thresholds: [Double]
  let quantiles: [Double]
  let bestOfN: [Double]
  let kls: [Double]

  /// Evaluates every requested selection.
  ///
  /// - Throws: `CommandFailure` naming the flag whose value the model cannot serve (for example
  ///   `--quantile` outside (0, 1], or any selection when P has zero variance).
  func evaluate(on model: Model) throws(CommandFailure) -> AnalysisReport {
    let law: JointLaw
    do { law = try model.jointLaw() } catch { throw CommandFailure(flag: "--model", error.description) }
    func attempt<T>(_ flag: String, _ body: () throws(SelectionError) -> T) throws(CommandFailure) -> T {
      do { return try body() } catch { throw CommandFailure(flag: flag, error.rule) }
    }
    var conditional: [ConditionalTruth] = []
    for p in conditions {
      conditional.append(try attempt("--condition") { () throws(SelectionError) in
        try law.conditionalTruth(givenPersuasiveness: p)
      })
    }
    var thresholdResults: [ThresholdSelection] = []
    for tau in thresholds {
      thresholdResults.append(try attempt("--threshold") { () throws(SelectionError) in try law.threshold(tau) })
    }
    var quantileResults: [QuantileSelection] = []
    for q in quantiles {
      quantileResults.append(try attempt("--quantile") { () throws(SelectionError) in try law.quantile(q) })
    }
    var bestResults: [(Double, SelectionOutcome)] = []
    for n in bestOfN {
      bestResults.append((n, try attempt("--best-of") { () throws(SelectionError) in try law.bestOfN(n) }))
    }
    var tiltResults: [TiltSelection] = []
    for k in kls {
      tiltResults.append(try attempt("--kl") { () throws(SelectionError) in try law.tilt(kl: k) })
    }
    return AnalysisReport(
      law: law, maximiser: model.rewardMaximiser,
      conditional: conditions.isEmpty ? nil : conditional,
      threshold: thresholds.isEmpty ? nil : thresholdResults,
      quantile: quantiles.isEmpty ? nil : quantileResults,
      bestOfN: bestOfN.isEmpty ? nil : bestResults,
      tilt: kls.isEmpty ? nil : tiltResults)
  }
}
