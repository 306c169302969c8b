// Catastrophic Goodhart, constructed exactly (Kwa, Thomas & Garriga-Alonso): when the error in the
// proxy has a polynomial tail, a policy can raise E[P] by any target at any KL budget, however
// small, while E[T] stays exactly at its base value. With a normal error no policy can: the ideal
// tilt's gain sigma_P sqrt(2 KL) bounds them all.
//
// Model: cheap-persuasion with the persuasion-only submodule C = 2 + Z, Z ~ Student-t(3); the
// normal comparison gives C the same variance (C ~ N(2, 3)). The policy keeps an output with
// probability 1 - eps and otherwise draws it given X_C > x_t (TailPolicy): C carries no truth, so
// E[T] is untouched, while the tail's mean excess buys persuasiveness cheaply in KL.
// Run: swift run catastrophic-goodhart [chart.svg]

import Foundation
import Goodhart
import GoodhartCharts

func f(_ value: Double) -> String { String(format: "%.4g", value) }

func model(_ c: Distribution) throws -> Model {
  try Model(
    submodules: [
      Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
      Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
      Submodule(name: "C", distribution: c, truth: 0, persuasion: 1),
    ],
    weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
}

/// The tail policy above `threshold` whose KL is `budget` (eps by bisection: KL grows with eps),
/// or eps = 1 when even that costs less.
func policy(on model: Model, threshold: Double, budget: Double) throws -> TailPolicy {
  let whole = try TailPolicy(model: model, submodule: 2, threshold: threshold, mixing: 1)
  if whole.kl <= budget { return whole }
  var (low, high) = (0.0, 1.0)
  for _ in 0..<200 {
    let middle = 0.5 * (low + high)
    if middle == low || middle == high { break }
    let kl = try TailPolicy(model: model, submodule: 2, threshold: threshold, mixing: middle).kl
    if kl <= budget { low = middle } else { high = middle }
  }
  return try TailPolicy(model: model, submodule: 2, threshold: threshold, mixing: low)
}

do {
  let heavy = try model(Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1))
  let normal = try model(Distribution.normal(mean: 2, standardDeviation: 3.0.squareRoot()))
  let baseP = heavy.moments.meanPersuasiveness!, baseT = heavy.moments.meanTruth!
  print("Base: E[P] = \(f(baseP)), E[T] = \(f(baseT)) (both models; Var C = 3 in both).")
  print("")
  print("Targets: raise E[P] by the gain at KL <= the budget, keeping E[T] at \(f(baseT)).")
  print("budget (nats)  gain   t(3) C: threshold x_t   eps          KL          output KL   E[P]       E[T]       normal C: best gain of any policy")
  for budget in [0.1, 0.01, 0.001] {
    let bound = try TailPolicy.tiltBound(model: normal, klBound: budget)
    for gain in [1.0, 10, 100] {
      let found = try TailPolicy.reaching(gain: gain, klBound: budget, model: heavy, submodule: 2)
      let row = try found.map { p in
        let output = try p.outputKL(model: heavy).map(f) ?? "n/a"
        return [f(p.threshold), f(p.mixing), f(p.kl), output, f(p.meanPersuasiveness), f(p.meanTruth)]
          .map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined(separator: " ")
      } ?? "none found"
      let verdict = gain <= bound ? "reachable (\(f(bound)))" : "impossible: at most \(f(bound))"
      print(
        "\(f(budget).padding(toLength: 14, withPad: " ", startingAt: 0)) \(f(gain).padding(toLength: 6, withPad: " ", startingAt: 0)) "
          + "\(row)  \(verdict)")
    }
  }
  print("")
  print("E[T] is exactly the base value in every row (C carries no truth). KL is that of the")
  print("submodules' samples, the budget the policy is held to; output KL is the KL (by quadrature) between")
  print("the output laws of (T, P), which A's and B's normal noise makes smaller (data processing).")

  // The chart: at a fixed KL budget, the gain of the tail policy as its threshold moves out,
  // against the normal model's ceiling at the same budget.
  let thresholds = (0...40).map { 2 + pow(10, Double($0) / 5) }
  var curves: [CurveChart.Curve] = []
  let colours = ["#1f77b4", "#d62728", "#2ca02c"]
  for (index, budget) in [0.1, 0.01, 0.001].enumerated() {
    let points = try thresholds.map { x in
      let p = try policy(on: heavy, threshold: x, budget: budget)
      return CurveChart.Point(x: log10(x - 2), y: log10(p.meanPersuasiveness - baseP))
    }
    curves.append(CurveChart.Curve(label: "t(3), KL \(f(budget))", points: points, color: colours[index]))
    let ceiling = log10(try TailPolicy.tiltBound(model: normal, klBound: budget))
    curves.append(
      CurveChart.Curve(
        label: "normal ceiling, KL \(f(budget))",
        points: [.init(x: 0, y: ceiling), .init(x: 8, y: ceiling)], color: colours[index], dashed: true))
  }
  let last = curves[4].points.last!
  print("At KL 0.001 and threshold 2 + 10^8 the t(3) policy gains 10^\(f(last.y)) in E[P].")
  let chart = CurveChart(
    title: "Catastrophic Goodhart: E[P] bought at a fixed KL, E[T] unchanged",
    xTitle: "log10 (x_t - 2): how far out in C's tail the policy draws",
    yTitle: "log10 gain in E[P]",
    curves: curves,
    notes: [
      "Solid: the tail policy on C ~ 2 + t(3) at each KL budget (E[T] stays 2/3).",
      "Dashed: no policy on C ~ N(2, 3) can gain more than sigma_P sqrt(2 KL).",
    ])
  let path = CommandLine.arguments.count > 1
    ? CommandLine.arguments[1]
    : FileManager.default.temporaryDirectory.appendingPathComponent("catastrophic-goodhart.svg").path
  try chart.svg.write(toFile: path, atomically: true, encoding: .utf8)
  print("Chart: \(path)")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
