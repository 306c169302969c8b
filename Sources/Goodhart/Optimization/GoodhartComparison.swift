import Foundation

/// The comparison at the heart of the package: what reward maximisation on the weights reaches,
/// and what each filtering policy on the base model gives at the same mean persuasiveness.
///
/// Every filter selects on P among the base model's outputs, so at E[P] = p* its mean truth is
/// E[E[T | P]] = μ_T + (c/σ_P²)(p* − μ_P), the same for all of them; they differ in what they
/// cost (samples, acceptance, KL). RL on the weights instead moves weight towards the submodule
/// with the largest persuasion_i · mean_i, whatever its truth. The Goodhart gap is the truth that
/// filtering keeps and RL loses at equal persuasiveness.
public struct GoodhartComparison: Sendable {
  /// Best-of-n tuned to E[P] = p*.
  public struct BestOfNMatch: Hashable, Sendable {
    /// The real n with μ_P + σ_P e_n = p*.
    public let n: Double
    /// The smallest integer n whose best-of-n reaches E[P] >= p*.
    public let smallestInteger: Double
    /// KL and means at the real n.
    public let outcome: SelectionOutcome
  }

  /// Threshold filtering tuned to E[P] = p*.
  public struct ThresholdMatch: Hashable, Sendable {
    /// The threshold tau.
    public let tau: Double
    /// P(P >= tau) under the base law.
    public let acceptance: Double
    /// KL = −ln(acceptance) and the means.
    public let outcome: SelectionOutcome
  }

  /// The ideal KL-regularised policy π0 exp(P/β) tuned to E[P] = p*.
  public struct TiltMatch: Hashable, Sendable {
    /// The temperature β = σ_P / z* (∞ when no shift is needed).
    public let beta: Double
    /// KL = z*²/2 and the means.
    public let outcome: SelectionOutcome
  }

  /// The KL-penalised optimum of the weights at one β, against the ideal tilt at the same E[P].
  public struct PenalisedRow: Hashable, Sendable {
    /// The exact optimum of E_w[P] − β KL over the weights.
    public let optimum: WeightOutcome
    /// The ideal tilt of the base law reaching the optimum's E[P] (nil if P is constant).
    public let tilt: TiltMatch?
    /// Truth that the weights lose against the tilt at equal E[P]: tilt E[T] − optimum E[T].
    public let goodhartGap: Double?
  }

  /// The base law of (T, P) under the model's weights.
  public let base: JointLaw
  /// Unpenalised RL on the weights: the vertex maximising E[P].
  public let maximiser: RewardMaximiser
  /// E[T | P = p*] under the base law (nil when Var P = 0).
  public let conditionalTruth: Double?
  /// Best-of-n reaching p* (nil when P is constant or p* needs n > 10^15).
  public let bestOfN: BestOfNMatch?
  /// Threshold filtering reaching p* (nil when P is constant or no filtering is needed).
  public let threshold: ThresholdMatch?
  /// The ideal tilt reaching p* (nil when P is constant).
  public let tilt: TiltMatch?
  /// The penalised optima at `betas` (empty when the base law is degenerate).
  public let penalised: [PenalisedRow]
  /// Plain-language remarks on edge cases (a policy that cannot reach p*, a degenerate law).
  public let notes: [String]

  /// The β values compared by default, from a strong to a weak penalty.
  public static let defaultBetas: [Double] = [1, 0.3, 0.1, 0.03, 0.01]

  /// p* = the maximiser's E[P], the persuasiveness every policy is matched to.
  public var targetPersuasiveness: Double { maximiser.meanPersuasiveness }

  /// The mean truth of any filter at E[P] = p*: μ_T + (c/σ_P²)(p* − μ_P) (nil when Var P = 0).
  public var filteringTruth: Double? { tilt?.outcome.meanTruth ?? conditionalTruth }

  /// Filtering truth − RL truth at equal persuasiveness (> 0: RL Goodharts; nil when no filter
  /// is defined).
  public var goodhartGap: Double? { filteringTruth.map { $0 - maximiser.meanTruth } }

  /// Compares RL on the weights with filtering for a Gaussian model.
  ///
  /// - Parameters:
  ///   - model: a model whose submodules are all normal.
  ///   - betas: the KL penalties at which to show the penalised optimum (each finite, > 0).
  /// - Throws: `OptimizationError` naming `submodules[i].distribution` (not normal) or `beta`
  ///   (a β that is not finite and > 0, or an optimum that cannot be verified).
  /// - Complexity: a few root findings and one exact optimisation per β.
  public init(model: Model, betas: [Double] = GoodhartComparison.defaultBetas)
    throws(OptimizationError)
  {
    for beta in betas where !(beta.isFinite && beta > 0) {
      throw OptimizationError(field: "beta", rule: "must be finite and > 0 (got \(beta))")
    }
    let family = try WeightFamily(model: model)
    let base = family.law(at: model.weights)
    let maximiser = model.rewardMaximiser
    let target = maximiser.meanPersuasiveness
    var notes: [String] = []
    self.base = base
    self.maximiser = maximiser
    if base.variancePersuasiveness > 0 {
      conditionalTruth = try? base.conditionalTruth(givenPersuasiveness: target).mean
      tilt = GoodhartComparison.tilt(of: base, reaching: target)
      if target <= base.meanPersuasiveness {
        notes.append(
          "The reward maximiser's E[P] (\(target)) does not exceed the base E[P] (\(base.meanPersuasiveness)): no filtering is needed to match it.")
      }
      bestOfN = GoodhartComparison.bestOfN(of: base, reaching: target, notes: &notes)
      threshold = GoodhartComparison.threshold(of: base, reaching: target)
    } else {
      conditionalTruth = nil
      tilt = nil
      bestOfN = nil
      threshold = nil
      notes.append(
        "Persuasiveness has zero variance under the base weights, so no filter on P can change anything; only RL on the weights moves E[P].")
    }
    if family.baseIsDegenerate {
      penalised = []
      notes.append(
        "The base law of (T, P) is degenerate (singular covariance), so the KL penalty is infinite almost everywhere and the penalised optimum is not shown.")
    } else {
      var rows: [PenalisedRow] = []
      for beta in betas {
        let optimum = try family.optimum(beta: beta).outcome
        let matched = GoodhartComparison.tilt(of: base, reaching: optimum.meanPersuasiveness)
        rows.append(
          PenalisedRow(
            optimum: optimum, tilt: matched,
            goodhartGap: matched.flatMap { match in match.outcome.meanTruth.map { $0 - optimum.meanTruth } }))
      }
      penalised = rows
    }
    self.notes = notes
  }

  /// The foundation's `tilt(reachingMeanPersuasiveness:)`; the base law itself (β = ∞) when
  /// the target is the base E[P]; nil below it (no tilt towards P lowers E[P]) or when Var P = 0.
  private static func tilt(of law: JointLaw, reaching target: Double) -> TiltMatch? {
    let selection =
      target == law.meanPersuasiveness
      ? try? law.tilt(beta: .infinity) : try? law.tilt(reachingMeanPersuasiveness: target)
    guard case .normalisable(let beta, let outcome)? = selection else { return nil }
    return TiltMatch(beta: beta, outcome: outcome)
  }

  /// The foundation's `bestOfN(reachingMeanPersuasiveness:)`; n = 1 when the base law already
  /// reaches the target.
  private static func bestOfN(
    of law: JointLaw, reaching target: Double, notes: inout [String]
  ) -> BestOfNMatch? {
    do {
      guard target > law.meanPersuasiveness else {
        return BestOfNMatch(n: 1, smallestInteger: 1, outcome: try law.bestOfN(1))
      }
      let requirement = try law.bestOfN(reachingMeanPersuasiveness: target)
      return BestOfNMatch(
        n: requirement.n, smallestInteger: Double(requirement.smallestInteger),
        outcome: requirement.outcome)
    } catch {
      notes.append("Best-of-n cannot reach E[P] = \(target): \(error.rule).")
      return nil
    }
  }

  /// The foundation's `threshold(reachingMeanPersuasiveness:)` (nil when no filtering is needed).
  private static func threshold(of law: JointLaw, reaching target: Double) -> ThresholdMatch? {
    guard let selection = try? law.threshold(reachingMeanPersuasiveness: target) else { return nil }
    return ThresholdMatch(
      tau: selection.threshold, acceptance: selection.acceptance, outcome: selection.outcome)
  }
}
