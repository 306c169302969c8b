// The comment's worked example, with numbers, for both presets: three submodules A (true and
// persuasive), B (true only), C (persuasive only); filtering on persuasiveness against RL on the
// weights. Run: swift run worked-example

import Foundation
import Goodhart

func f(_ value: Double) -> String { String(format: "%.4f", value) }
/// A moment that may not exist: "none" when it does not.
func f(_ value: Double?) -> String { value.map { f($0) } ?? "none" }

do {
  for preset in Preset.allCases {
    let model = preset.model
    let law = try model.jointLaw()
    let slope = try law.regressionSlope()
    print("== Preset \(preset.rawValue)")
    for (submodule, weight) in zip(model.submodules, model.weights) {
      let d = submodule.distribution
      print("  \(submodule.name) ~ N(\(f(d.location)), \(f(d.scale * d.scale)))  truth \(f(submodule.truth))"
        + "  persuasion \(f(submodule.persuasion))  weight \(f(weight))")
    }
    print("  E[T] = \(f(law.meanTruth))  E[P] = \(f(law.meanPersuasiveness))  Var T = \(f(law.varianceTruth))"
      + "  Var P = \(f(law.variancePersuasiveness))  Cov = \(f(law.covariance))  Corr = \(f(law.correlation))")

    print("  Filtering (conditioning on P = p): E[T | P = p] = \(f(law.meanTruth)) + \(f(slope)) (p - \(f(law.meanPersuasiveness)))")
    for p in [1.0, 1.5, 2.0, 3.0] {
      let conditional = try law.conditionalTruth(givenPersuasiveness: p)
      print("    p = \(f(p)):  E[T | P = p] = \(f(conditional.mean))  Var = \(f(conditional.variance))")
    }

    let vertex = model.rewardMaximiser
    print("  RL on the weights (reward maximiser): all weight on \(vertex.submodule)"
      + "  ->  E[P] = \(f(vertex.meanPersuasiveness))  E[T] = \(f(vertex.meanTruth))")

    // What filtering gives at the RL model's persuasiveness.
    let z = (vertex.meanPersuasiveness - law.meanPersuasiveness) / law.standardDeviationPersuasiveness
    guard case .normalisable(let beta, let tilted) = try law.tilt(kl: 0.5 * z * z),
      let tiltedTruth = tilted.meanTruth
    else { continue }
    print("  Filtering to the same E[P] = \(f(tilted.meanPersuasiveness)) (ideal tilt, KL = \(f(tilted.kl)) nats,"
      + " beta = \(f(beta))): E[T] = \(f(tiltedTruth))")
    let gap = tiltedTruth - vertex.meanTruth
    print("  Goodhart gap (filtering minus RL, at equal persuasiveness): \(f(gap))"
      + (gap > 0 ? "  -> RL abandons truth" : "  -> RL keeps more truth than filtering"))

    print("  Best-of-n on P:")
    for n in [2.0, 10, 100, 1000] {
      let outcome = try law.bestOfN(n)
      print("    n = \(Int(n)):  E[P] = \(f(outcome.meanPersuasiveness))  E[T] = \(f(outcome.meanTruth))"
        + "  KL = \(f(outcome.kl))")
    }
    print("")
  }
} catch {
  print("error: \(error)")
  exit(1)
}
