// How many samples best-of-n needs to match the persuasiveness RL reaches, against the comment's
// rough estimate exp(d^2 / 2), d = (E_RL[P] - E[P]) / sd(P) in standard units.
// Run: swift run samples-needed

import Foundation
import Goodhart

func f(_ value: Double) -> String { String(format: "%.4g", value) }

/// The real n >= 1 with e_n = d (e_n = E[max of n standard normals] increases with n), by
/// bisection on ln n over [0, ln 10^15]. A local seam: the library's own inverse of best-of-n
/// (issue 2) replaces it once merged.
func samplesReaching(_ d: Double) throws -> Double? {
  if d <= 0 { return 1 }
  var low = 0.0
  var high = log(ExpectedMaximum.maximumN)
  guard try ExpectedMaximum.ofStandardNormals(exp(high)) >= d else { return nil }
  for _ in 0..<100 where high - low > 1e-13 * max(1, high) {
    let middle = 0.5 * (low + high)
    if try ExpectedMaximum.ofStandardNormals(exp(middle)) < d { low = middle } else { high = middle }
  }
  return exp(0.5 * (low + high))
}

do {
  for preset in Preset.allCases {
    let model = preset.model
    let law = try model.jointLaw()
    let vertex = model.rewardMaximiser
    let d = (vertex.meanPersuasiveness - law.meanPersuasiveness) / law.standardDeviationPersuasiveness
    let n = try samplesReaching(d)!
    print("\(preset.rawValue): RL on the weights reaches E[P] = \(f(vertex.meanPersuasiveness)),"
      + " d = \(f(d)) standard units; best-of-n needs n = \(f(n)) (\(Int(n.rounded(.up))) samples);"
      + " exp(d^2/2) = \(f(exp(d * d / 2)))")
  }
  print("")
  print("     d      n exact   exp(d^2/2)   n / exp(d^2/2)   KL best-of-n   KL tilt = d^2/2")
  for d in [0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7] {
    guard let n = try samplesReaching(d) else {
      print(String(format: "%6.2f   beyond n = 10^15", d))
      continue
    }
    let rough = exp(d * d / 2)
    let kl = log(n) - (n - 1) / n
    print(String(format: "%6.2f  %11.4g  %11.4g  %15.4f  %13.4f  %16.4f", d, n, rough, n / rough, kl, d * d / 2))
  }
} catch {
  print("error: \(error)")
  exit(1)
}
