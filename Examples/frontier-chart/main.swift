// The filtering-versus-RL frontier for both presets: writes frontier-<preset>.csv and
// frontier-<preset>.svg into the folder given as the first argument (default: a new temporary
// folder; never the repository) and prints the Goodhart gap and the fits of the overoptimisation
// forms. Run: swift run frontier-chart [folder]

import Foundation
import Goodhart
import GoodhartCharts

func f(_ value: Double) -> String { String(format: "%.4g", value) }
/// A moment that may not exist: "none" when it does not.
func f(_ value: Double?) -> String { value.map { f($0) } ?? "none" }

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count <= 1 else {
  FileHandle.standardError.write(Data("usage: frontier-chart [folder]\n".utf8))
  exit(64)
}
let folder = URL(
  fileURLWithPath: arguments.first
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("goodhart-frontier-\(getpid())").path)

do {
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let grid = try KLGrid(points: 100, maximumKL: 8)
  for preset in Preset.allCases {
    let frontier = try Frontier(model: preset.model, grid: grid)
    let csv = folder.appendingPathComponent("frontier-\(preset.rawValue).csv")
    let svg = folder.appendingPathComponent("frontier-\(preset.rawValue).svg")
    try Data((frontier.csv + "\n").utf8).write(to: csv)
    try Data(FrontierChart(frontier: frontier, title: "Frontier of the preset \(preset.rawValue)").svg.utf8).write(to: svg)
    let vertex = frontier.rewardMaximiser
    print("== \(preset.rawValue): wrote \(csv.path) and \(svg.path)")
    print("   reward maximiser: E[P] = \(f(vertex.meanPersuasiveness)), E[T] = \(f(vertex.meanTruth)), KL = \(f(vertex.kl));"
      + " filtering at the same E[P]: E[T] = \(f(frontier.filteringTruth(atPersuasiveness: vertex.meanPersuasiveness)))"
      + " with KL = \(f(frontier.filteringKL(atPersuasiveness: vertex.meanPersuasiveness)));"
      + " Goodhart gap = \(f(vertex.goodhartGap))")
    for curve in frontier.curves {
      let last = curve.points[curve.points.count - 1]
      print("   \(curve.policy.rawValue) at KL = \(f(last.kl)): E[P] = \(f(last.meanPersuasiveness)), E[T] = \(f(last.meanTruth))")
      for form in OveroptimisationForm.allCases {
        let fit = try curve.fit(form)
        print("     fit R(d) = \(form.formula): alpha = \(f(fit.alpha)), beta = \(f(fit.beta)),"
          + " peak d* = \(fit.peakDistance.map(f) ?? "none"), rms = \(f(fit.rootMeanSquareResidual)),"
          + " R^2 = \(fit.rSquared.map { String(format: "%.6f", $0) } ?? "-") (\(fit.quality.rawValue))")
      }
    }
  }
} catch {
  print("error: \(error)")
  exit(1)
}
