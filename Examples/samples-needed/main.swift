// How many samples best-of-n needs to match the persuasiveness RL on the weights reaches, against
// the comment's rough estimate exp(d^2 / 2), d = (E_RL[P] - E[P]) / sd(P) in standard units.
// RL here is the exact KL-penalised optimum of the weights at several penalties beta, and the
// unpenalised reward maximiser (beta = 0). Run: swift run samples-needed

import Foundation
import Goodhart

func f(_ value: Double) -> String { String(format: "%.4g", value) }
/// A moment that may not exist: "none" when it does not.
func f(_ value: Double?) -> String { value.map { f($0) } ?? "none" }

/// `text` padded with spaces to `width` characters (left-aligned).
func pad(_ text: String, _ width: Int) -> String {
  text + String(repeating: " ", count: max(0, width - text.count))
}

func row(_ label: String, _ persuasiveness: Double, _ law: JointLaw) throws -> String {
  let d = (persuasiveness - law.meanPersuasiveness) / law.standardDeviationPersuasiveness
  let rough = exp(d * d / 2)
  guard d > 0 else { return "\(label): E[P] = \(f(persuasiveness)) is not above the base law's" }
  let needed = try law.bestOfN(reachingMeanPersuasiveness: persuasiveness)
  return pad(label, 22) + String(
    format: " %9.4f %8.4f %14.6g %14lld %14.6g %8.4f %8.4f %8.4f",
    persuasiveness, d, needed.n, Int64(needed.smallestInteger), rough,
    needed.n / rough, needed.outcome.kl, d * d / 2)
}

do {
  let header = pad("RL policy", 22) + "   E_RL[P]        d       n (real)      n (whole)"
    + "     exp(d^2/2)    ratio   KL bon  KL tilt"
  for preset in Preset.allCases {
    let model = preset.model
    let law = try model.jointLaw()
    let family = try WeightFamily(model: model)
    print("== \(preset.rawValue): best-of-n samples to match RL's mean persuasiveness")
    print(header)
    for beta in [1.0, 0.3, 0.1, 0.03, 0.01] {
      let optimum = try family.optimum(beta: beta).outcome
      print(try row("weights, beta = \(f(beta))", optimum.meanPersuasiveness, law))
    }
    let vertex = model.rewardMaximiser
    print(try row("reward maximiser", vertex.meanPersuasiveness, law))
    print("")
  }
  // The rough estimate against the exact count over a range of standard shifts d.
  let law = try Preset.cheapPersuasion.model.jointLaw()
  print("== exact n against exp(d^2/2) over d (any Gaussian model: n depends on d only)")
  print(header)
  for d in [0.5, 1, 1.5, 2, 3, 4, 5, 6, 7] {
    let target = law.meanPersuasiveness + d * law.standardDeviationPersuasiveness
    print(try row("d = \(f(d))", target, law))
  }
} catch {
  print("error: \(error)")
  exit(1)
}
