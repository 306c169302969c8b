import Foundation
import Goodhart

/// libFuzzer's entry: decode the bytes as a model file and, when valid, run every analysis the
/// `analyze` command can run. Any trap, abort or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let data = Data(bytes: start, count: count)
  guard let model = try? Model(json: data) else { return 0 }
  _ = model.rewardMaximiser
  guard let law = try? model.jointLaw() else { return 0 }
  _ = law.correlation
  let location = law.meanPersuasiveness
  _ = try? law.conditionalTruth(givenPersuasiveness: location)
  _ = try? law.threshold(location + 1)
  _ = try? law.quantile(0.01)
  _ = try? law.bestOfN(Double(count % 1000 + 1))
  _ = try? law.tilt(kl: 1)
  return 0
}
