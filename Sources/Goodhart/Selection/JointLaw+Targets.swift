import Foundation

/// The inverse queries: how much selection each policy needs to reach a target mean
/// persuasiveness E[P] = target (what `goodhart compare` sets against the reward maximiser).
///
/// Every policy moves the standardised score Z = (P − μ_P)/σ_P by s = (target − μ_P)/σ_P > 0 on
/// average, and truth by (c/σ_P) s, so at equal persuasiveness they all deliver the same mean
/// truth; they differ in the KL they pay for it.
extension JointLaw {
  /// The best-of-n that reaches `target` mean persuasiveness: the real n with
  /// μ_P + σ_P e_n = target, and the smallest integer n whose best reaches at least that.
  ///
  /// - Parameter target: the mean persuasiveness wanted, μ_P < target <= μ_P + σ_P e_{10^15}.
  /// - Returns: n, ⌈n⌉ and their outcomes (mean truth, mean persuasiveness, KL in nats).
  /// - Throws: `SelectionError` naming `target` when it is not finite, <= E[P] (no selection
  ///   is needed), or beyond what best-of-10^15 reaches; or when Var P = 0.
  /// - Complexity: about 10–40 evaluations of e_n (tens to hundreds of microseconds).
  public func bestOfN(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> BestOfNRequirement
  {
    let shift = try standardShift(reaching: target)
    let largest = try ExpectedMaximum.ofStandardNormals(ExpectedMaximum.maximumN)
    guard shift <= largest else {
      throw SelectionError(
        field: .target,
        rule: "\(target) is beyond what best-of-10^15 reaches (E[P] = \(meanPersuasiveness + standardDeviationPersuasiveness * largest))")
    }
    let n: Double
    do { n = try ExpectedMaximum.sampleCount(reaching: shift) } catch {
      throw SelectionError(field: .target, rule: error.rule)
    }
    // ⌈n⌉, corrected by e_n itself: the smallest integer m with e_m >= shift.
    let smallest = try BestOfNRequirement.smallestInteger(from: n) { m throws(SelectionError) in
      try ExpectedMaximum.ofStandardNormals(m) >= shift
    }
    return BestOfNRequirement(
      targetMeanPersuasiveness: target, n: n, smallestInteger: Int(smallest),
      outcome: try bestOfN(n), smallestIntegerOutcome: try bestOfN(smallest))
  }

  /// The threshold tau whose kept outputs (P >= tau) have mean persuasiveness `target`:
  /// the z with λ(z) = s, tau = μ_P + σ_P z.
  ///
  /// λ is increasing, so the root is bracketed in closed form and found by Brent's method on
  /// ln λ(z) − ln s: for s >= λ(0) = sqrt(2/π), z in [max(0, s − 1/s), s] (from z < λ(z) <=
  /// (z + sqrt(z² + 4))/2); for smaller s, z < 0 and φ(z) <= λ(z) <= 2φ(z) give
  /// z in [−sqrt(2 ln(2/(s sqrt(2π)))), min(0, −sqrt(2 ln(1/(s sqrt(2π)))))].
  ///
  /// - Parameter target: the mean persuasiveness wanted, > E[P] (any finite value above it is
  ///   reachable: λ(z) ≈ z + 1/z grows without bound).
  /// - Returns: the threshold, its acceptance and its outcome (KL = −ln acceptance).
  /// - Throws: `SelectionError` naming `target` when it is not finite or <= E[P], or when
  ///   Var P = 0.
  /// - Complexity: O(1): a few dozen evaluations of the normal tail.
  public func threshold(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> ThresholdSelection
  {
    let shift = try standardShift(reaching: target)
    let logShift = log(shift)
    let root: Double
    if shift.isInfinite {
      root = shift
    } else {
      let lambdaAtZero = (2 / Double.pi).squareRoot()
      let lower: Double
      let upper: Double
      if shift >= lambdaAtZero {
        lower = max(0, shift - 1 / shift)
        upper = shift
      } else {
        let scaled = shift / StandardNormal.inverseSqrtTwoPi  // s sqrt(2π)
        lower = -(2 * log(2 / scaled)).squareRoot()
        upper = scaled < 1 ? -(2 * log(1 / scaled)).squareRoot() : 0
      }
      let equation: (Double) -> Double = { z in
        log(StandardNormal.upperTail(z).inverseMillsRatio) - logShift
      }
      let finder = RootFinder(
        absoluteTolerance: 1e-300, relativeTolerance: 1e-15, maximumIterations: 300,
        operation: "root of λ(z) = target")
      do { root = try finder.root(of: equation, between: lower, and: upper) } catch {
        throw SelectionError(
          field: .target, rule: "the threshold inverse failed (\(error.description))")
      }
    }
    return try threshold(meanPersuasiveness + standardDeviationPersuasiveness * root)
  }

  /// The ideal KL-regularised policy π ∝ π0 exp(P/β) that reaches `target` mean persuasiveness:
  /// the tilt shifts E[P] by σ_P²/β, so β = σ_P²/(target − μ_P) and the KL it needs is
  /// K = (target − μ_P)² / (2 σ_P²) nats.
  ///
  /// - Parameter target: the mean persuasiveness wanted, > E[P] (every finite value is reachable).
  /// - Returns: β and the outcome (mean persuasiveness = target, KL = K).
  /// - Throws: `SelectionError` naming `target` when it is not finite or <= E[P], or when
  ///   Var P = 0.
  /// - Complexity: O(1).
  public func tilt(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> TiltSelection
  {
    let shift = try standardShift(reaching: target)
    return .normalisable(
      beta: standardDeviationPersuasiveness / shift,
      outcome: shifted(byStandardUnits: shift, spread: 1, kl: 0.5 * shift * shift))
  }

  /// s = (target − μ_P)/σ_P, checked: finite target, Var P > 0, s > 0.
  private func standardShift(reaching target: Double) throws(SelectionError) -> Double {
    guard target.isFinite else {
      throw SelectionError(field: .target, rule: "must be finite (got \(target))")
    }
    guard variancePersuasiveness > 0 else { throw .zeroVariance(.target) }
    guard target > meanPersuasiveness else {
      throw SelectionError(
        field: .target,
        rule: "must exceed E[P] = \(meanPersuasiveness) (got \(target)); the base law already reaches it")
    }
    return (target - meanPersuasiveness) / standardDeviationPersuasiveness
  }
}
