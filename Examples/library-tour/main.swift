// A tour of the Goodhart library from Swift: build a model, read its joint law, filter, tilt,
// find the reward maximiser, compute a frontier, fit the overoptimisation forms, draw a chart.
// Run: swift run library-tour

import Foundation
import Goodhart
import GoodhartCharts

func f(_ value: Double) -> String { String(format: "%.4f", value) }
/// A moment that may not exist: "none" when it does not.
func f(_ value: Double?) -> String { value.map { f($0) } ?? "none" }

do {
  // 1. A model from JSON (the contract's format) or from Swift values.
  let json = """
    {"submodules": [
      {"name": "honest", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 1.0},
      {"name": "dry", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 0.0},
      {"name": "glib", "mean": 2.5, "sd": 0.5, "truth": 0.0, "persuasion": 1.0}],
     "weights": [0.4, 0.4, 0.2]}
    """
  let model = try Model(json: Data(json.utf8))
  let law = try model.jointLaw()
  print("1. Joint law: E[T] = \(f(law.meanTruth)), E[P] = \(f(law.meanPersuasiveness)), Corr(T, P) = \(f(law.correlation))")

  // 2. Selections on persuasiveness (all exact).
  print("2. E[T | P = 2] = \(f(try law.conditionalTruth(givenPersuasiveness: 2).mean))")
  let kept = try law.threshold(1.5)
  print("   keep P >= 1.5: acceptance \(f(kept.acceptance)), E[T] = \(f(kept.outcome.meanTruth)), KL = \(f(kept.outcome.kl))")
  print("   top 5%: E[T] = \(f(try law.quantile(0.05).outcome.meanTruth)); best of 16: E[T] = \(f(try law.bestOfN(16).meanTruth))")
  let tilt = try law.tilt(kl: 1)
  print("   ideal tilt at KL = 1: beta = \(f(tilt.beta)), E[T] = \(f(tilt.outcome?.meanTruth)), E[P] = \(f(tilt.outcome?.meanPersuasiveness))")

  // 3. What unpenalised RL on the weights converges to.
  let vertex = model.rewardMaximiser
  print("3. Reward maximiser: all weight on \(vertex.submodule), E[T] = \(f(vertex.meanTruth)), E[P] = \(f(vertex.meanPersuasiveness))")

  // ... and with a KL penalty: the optimum of E_w[P] − β KL over the simplex (a verified KKT point).
  let rl = try WeightFamily(model: model).optimum(beta: 0.1).outcome
  print("   KL-penalised optimum, beta = 0.1: weights \(rl.weights.map(f).joined(separator: " ")), E[T] = \(f(rl.meanTruth)),"
    + " E[P] = \(f(rl.meanPersuasiveness)), KL = \(f(rl.kl))")
  let needed = try law.bestOfN(reachingMeanPersuasiveness: rl.meanPersuasiveness)
  print("   best-of-n matches its E[P] with n = \(f(needed.n)) (\(needed.smallestInteger) samples),"
    + " E[T] = \(f(needed.outcome.meanTruth))")

  // 4. The frontier and the Goodhart gap.
  let frontier = try Frontier(model: model, grid: try KLGrid(points: 60, maximumKL: 6))
  print("4. Goodhart gap at the vertex: \(f(frontier.rewardMaximiser.goodhartGap)) (filtering reaches"
    + " \(f(frontier.filteringTruth(atPersuasiveness: vertex.meanPersuasiveness))) with KL \(f(frontier.filteringKL(atPersuasiveness: vertex.meanPersuasiveness))))")

  // 5. Fits of the Gao-Schulman-Hilton forms to each curve's truth gain against sqrt(KL).
  for curve in frontier.curves {
    for form in OveroptimisationForm.allCases {
      let fit = try curve.fit(form)
      print("5. \(curve.policy.rawValue), R(d) = \(form.formula): alpha = \(f(fit.alpha)), beta = \(f(fit.beta)),"
        + " rms residual = \(String(format: "%.2e", fit.rootMeanSquareResidual)) (\(fit.quality.rawValue))")
    }
  }

  // 6. Errors are values naming the field and the rule.
  do {
    _ = try law.quantile(1.5)
  } catch {
    print("6. law.quantile(1.5) throws: \(error)")
  }

  // 7. A chart (SVG text; write it wherever you like).
  let svg = FrontierChart(frontier: frontier, title: "Library tour").svg
  print("7. FrontierChart: \(svg.utf8.count) bytes of SVG, \(frontier.csv.split(separator: "\n").count) CSV lines")
} catch {
  print("error: \(error)")
  exit(1)
}
