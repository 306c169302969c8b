// Heavy tails and extremal Goodhart: the cheap-persuasion model with the persuasion-only
// submodule C given heavier and heavier tails. Best-of-n on P then finds its extreme outputs in
// C's tail, which carries no truth: mean truth rises, peaks at a finite n*, and falls back
// (strong Goodhart), unlike the Gaussian case where it keeps rising. For each law the example
// prints the exact curve's verdict and peak, then fits Gao, Schulman & Hilton's forms to the
// truth gain against d = sqrt(KL) and compares the fitted peak d* with the exact one.
// Run: swift run extremal-goodhart

import Foundation
import Goodhart

func f(_ value: Double) -> String { String(format: "%.4g", value) }
/// A moment that may not exist: "none" when it does not.
func f(_ value: Double?) -> String { value.map { f($0) } ?? "none" }

let laws: [(String, Distribution.Family)] = [
  ("normal", .normal), ("laplace", .laplace), ("student_t, dof 3", .studentT(degreesOfFreedom: 3)),
  ("cauchy", .cauchy),
]

do {
  print("Model: A ~ N(1, 1) (truth 1, persuasion 1), B ~ N(1, 1) (truth 1), C = 2 + Z (persuasion 1),")
  print("equal weights; best-of-n on P at 30 n log-spaced from 1 to 10^10, exact (quadrature).")
  print("Fits of the forms to the truth gain over the whole range, and over d <= 2 d*(exact).")
  print("")
  for (name, family) in laws {
    let c = try Distribution(family: family, location: 2, scale: 1)
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
        Submodule(name: "C", distribution: c, truth: 0, persuasion: 1),
      ],
      weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
    let regime = try PersuasionLaw(model: model).goodhartRegime(count: 30, maximumN: 1e10)
    print("== C ~ \(name): \(regime.verdict.rawValue)")
    print("   \(regime.evidence)")
    var ranges = [("whole range", Double.infinity)]
    if let peak = regime.truePeak {
      let peakD = peak.kl.squareRoot()
      print("   exact peak (the maximiser): n* = \(f(peak.n)), sqrt(KL) = \(f(peakD)), E[T] = \(f(peak.meanTruth))")
      ranges.append(("d <= 2 d*", 2 * peakD))
    } else {
      print("   no interior maximum: E[T] is largest at an end of the range (or flat to rounding)")
    }
    if let best = regime.bestQuantilizer {
      print("   best quantilizer: q = \(f(best.q)), E[T] = \(f(best.meanTruth)), KL = \(f(best.kl))")
    }
    for (range, limit) in ranges {
      let kept = regime.points.filter { $0.kl.squareRoot() <= limit }
      guard kept.count >= 4 else { continue }
      for form in OveroptimisationForm.allCases {
        let fit = try OveroptimisationFit(
          form, distances: kept.map { $0.kl.squareRoot() },
          gains: kept.map { $0.meanTruth - regime.baseMeanTruth })
        print("   fit (\(range), \(kept.count) points) R(d) = \(form.formula): alpha = \(f(fit.alpha)),"
          + " beta = \(f(fit.beta)), d* = \(f(fit.peakDistance)),"
          + " R^2 = \(fit.rSquared.map { String(format: "%.4f", $0) } ?? "-"),"
          + " relative rms = \(f(fit.relativeResidual)) (\(fit.quality.rawValue))")
      }
    }
    print("")
  }
} catch {
  print("error: \(error)")
  exit(1)
}
