import Foundation

/// The inverse queries of every route without closed forms: each policy's E[P] increases with
/// its parameter (n, tau, the tilt's KL), so Brent's method on that parameter (on a log scale
/// where it spans decades) finds the one reaching a target E[P].
extension OutputLaw {
  /// Best-of-n reaching `target`: Brent on ln n in [0, ln 10^15], then ⌈n⌉ corrected against
  /// the outcome itself.
  public func bestOfN(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> BestOfNRequirement
  {
    try requireBaseMeanPersuasiveness(below: target)
    func reach(_ logN: Double) throws(SelectionError) -> Double {
      guard let mean = try bestOfNMeans(at: [exp(logN)])[0].meanPersuasiveness else {
        throw SelectionError(field: .target, rule: "E[P] of best-of-n does not exist for this law")
      }
      return mean - target
    }
    let top = log(ExpectedMaximum.maximumN)
    guard try reach(top) >= 0 else {
      throw SelectionError(field: .target, rule: "\(target) is beyond what best-of-10^15 reaches")
    }
    let logN = try solve(between: 0, and: top) { x throws(SelectionError) in try reach(x) }
    let n = exp(logN)
    let smallest = try BestOfNRequirement.smallestInteger(from: n) { m throws(SelectionError) in
      try reach(log(m)) >= 0
    }
    return BestOfNRequirement(
      targetMeanPersuasiveness: target, n: n, smallestInteger: Int(smallest),
      outcome: try bestOfN(n), smallestIntegerOutcome: try bestOfN(smallest))
  }

  /// Threshold filtering reaching `target`: Brent on the kept fraction's logarithm ln q in
  /// [ln 1e-15, 0] (the quantile's threshold), then the threshold itself at that tau.
  public func threshold(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> ThresholdSelection
  {
    try requireBaseMeanPersuasiveness(below: target)
    func reach(_ logQ: Double) throws(SelectionError) -> Double {
      guard let mean = try quantile(exp(logQ)).outcome.meanPersuasiveness else {
        throw SelectionError(field: .target, rule: "E[P] of the kept outputs does not exist for this law")
      }
      return target - mean
    }
    let bottom = log(1e-15)
    guard try reach(bottom) <= 0 else {
      throw SelectionError(field: .target, rule: "\(target) is beyond what keeping the top 1e-15 reaches")
    }
    let logQ = try solve(between: bottom, and: 0) { x throws(SelectionError) in try reach(x) }
    let tau = try quantile(exp(logQ)).threshold
    let selection = try threshold(tau)
    let scale = abs(target) + (moments.variancePersuasiveness?.squareRoot() ?? 1)
    guard let mean = selection.outcome.meanPersuasiveness, abs(mean - target) <= 1e-8 * scale else {
      throw SelectionError(
        field: .target,
        rule: "no threshold keeps E[P] = \(target) exactly (E[P | P >= tau] jumps at an atom of P); the quantilizer reaches it")
    }
    return selection
  }

  /// The tilt reaching `target`: Brent on ln K over the tilt's KL.
  public func tilt(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> TiltSelection
  {
    try requireBaseMeanPersuasiveness(below: target)
    let probe = try tilt(kl: 1)
    guard case .normalisable = probe else { return probe }
    func reach(_ logK: Double) throws(SelectionError) -> Double {
      guard let mean = try tilt(kl: exp(logK)).outcome?.meanPersuasiveness else {
        throw SelectionError(field: .target, rule: "E[P] of the tilt does not exist for this law")
      }
      return mean - target
    }
    var high = 0.0
    while try reach(high) < 0 {
      high += 2
      guard high < 40 else {
        throw SelectionError(field: .target, rule: "no tilt with KL below e^40 nats reaches \(target)")
      }
    }
    var low = -2.0
    while try reach(low) > 0 {
      low -= 2
      guard low > -700 else { return try tilt(kl: exp(low)) }
    }
    let logK = try solve(between: low, and: high) { x throws(SelectionError) in try reach(x) }
    return try tilt(kl: exp(logK))
  }

  /// Checks that the base E[P] exists and lies below a finite `target`.
  private func requireBaseMeanPersuasiveness(below target: Double) throws(SelectionError) {
    guard target.isFinite else {
      throw SelectionError(field: .target, rule: "must be finite (got \(target))")
    }
    guard let base = moments.meanPersuasiveness else {
      throw SelectionError(field: .target, rule: "E[P] does not exist for this law")
    }
    guard target > base else {
      throw SelectionError(
        field: .target, rule: "must exceed the base E[P] = \(base) (got \(target)): no selection is needed")
    }
  }

  /// A root of an increasing `f` in [low, high] by Brent's method (f(low) <= 0 <= f(high)).
  private func solve(
    between low: Double, and high: Double,
    _ f: (Double) throws(SelectionError) -> Double
  ) throws(SelectionError) -> Double {
    var failure: SelectionError? = nil
    let finder = RootFinder(
      absoluteTolerance: 1e-14, relativeTolerance: 1e-13, maximumIterations: 300,
      operation: "root of E[P] = target")
    let root: Double
    do {
      root = try finder.root(
        of: { x in
          guard failure == nil else { return 0 }
          do throws(SelectionError) { return try f(x) } catch {
            failure = error
            return 0
          }
        }, between: low, and: high)
    } catch {
      if let failure { throw failure }
      throw SelectionError(field: .target, rule: "no parameter reaches it (\(error))")
    }
    if let failure { throw failure }
    return root
  }
}
