import Foundation
import Goodhart

/// libFuzzer's entry: decode the bytes as a model file and, when valid, run every analysis the
/// `analyze` command can run on the closed-form and mixture routes (the quadrature route's nested
/// integrals are too slow per input for a fuzzing budget; its edges have their own tests). Any
/// trap, abort or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  guard let model = try? Model(json: data) else { return 0 }
  _ = model.rewardMaximiser
  _ = model.moments
  guard model.isGaussian || model.composition == .mixture, let law = try? model.outputLaw()
  else { return 0 }
  let location = law.moments.meanPersuasiveness ?? 0
  _ = try? law.conditionalTruth(givenPersuasiveness: location)
  _ = try? law.conditionalTruth(givenPersuasiveness: 0)
  _ = try? law.threshold(location + 1)
  _ = try? law.quantile(0.01)
  _ = try? law.bestOfN(Double(count % 1000 + 1))
  _ = try? law.tilt(kl: 1)
  return 0
}
