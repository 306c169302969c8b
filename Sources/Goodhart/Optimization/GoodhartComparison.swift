import Foundation

/// The comparison at the heart of the package: what reward maximisation on the weights reaches,
/// and what each filtering policy on the base model gives at the same mean persuasiveness.
///
/// Every filter selects on P among the base model's outputs. For a bivariate normal (T, P) its
/// mean truth at E[P] = p* is E[E[T | P]] = μ_T + (c/σ_P²)(p* − μ_P), the same for all of them;
/// they differ in what they cost (samples, acceptance, KL). For other laws (heavy tails, the
/// mixture reading) E[T | P] is not affine and the filters differ in truth too. RL on the
/// weights instead moves weight towards the submodule with the largest persuasion_i · mean_i,
/// whatever its truth. The Goodhart gap is the truth that filtering keeps (the ideal tilt's,
/// where it exists) and RL loses at equal persuasiveness.
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
    /// What the optimum's maximality rests on (`global`: the branch and bound's proof, or J
    /// concave in the mixture reading).
    public let certificate: Certificate
  }

  /// The base law of (T, P) under the model's weights, behind its route (`nil` when P is
  /// constant and no route is needed).
  public let law: (any OutputLaw)?
  /// The moments of (T, P) under the model's weights.
  public let base: OutputMoments
  /// Unpenalised RL on the weights: the vertex maximising E[P].
  public let maximiser: RewardMaximiser
  /// KL(law at the vertex || base law): +∞ in the sum reading whenever the base law is not
  /// degenerate, −ln w0_i in the mixture reading (without parallel vectors); `nil` where no route
  /// computes it (non-normal submodules in the sum reading).
  public let maximiserKL: Double?
  /// E[T | P = p*] under the base law (nil when Var P = 0).
  public let conditionalTruth: Double?
  /// Best-of-n reaching p* (nil when P is constant or p* needs n > 10^15).
  public let bestOfN: BestOfNMatch?
  /// Threshold filtering reaching p* (nil when P is constant or no filtering is needed).
  public let threshold: ThresholdMatch?
  /// The ideal tilt reaching p* (nil when P is constant).
  public let tilt: TiltMatch?
  /// What holds for every regulariser: where filtering beats every weight vector, or every weight
  /// vector beats filtering (`WeightRegion`); `nil` where no filter curve is computed cheaply
  /// and exactly (non-normal submodules in the sum reading; polynomial tails in the mixture).
  public let weightRegion: WeightRegion?
  /// The penalised optima at `betas` (empty when the base law is degenerate).
  public let penalised: [PenalisedRow]
  /// Plain-language remarks on edge cases (a policy that cannot reach p*, a degenerate law).
  public let notes: [String]
  /// The penalty of the penalised optima.
  public let regulariser: Regulariser

  /// The β values compared by default, from a strong to a weak penalty.
  public static let defaultBetas: [Double] = [1, 0.3, 0.1, 0.03, 0.01]

  /// p* = the maximiser's E[P], the persuasiveness every policy is matched to.
  public var targetPersuasiveness: Double { maximiser.meanPersuasiveness }

  /// The mean truth of filtering at E[P] = p*: the ideal tilt's (μ_T + (c/σ_P²)(p* − μ_P) for a
  /// bivariate normal, where every filter agrees), else best-of-n's, else the threshold's (nil
  /// when no filter is defined).
  public var filteringTruth: Double? {
    tilt?.outcome.meanTruth ?? bestOfN?.outcome.meanTruth ?? threshold?.outcome.meanTruth
      ?? conditionalTruth
  }

  /// Filtering truth − RL truth at equal persuasiveness (> 0: RL Goodharts; nil when no filter
  /// is defined).
  public var goodhartGap: Double? { filteringTruth.map { $0 - maximiser.meanTruth } }

  /// Compares RL on the weights with filtering, for any model some route covers.
  ///
  /// The penalised optima need the KL between the output laws of two weightings: exact for
  /// normal submodules in the sum reading (`WeightFamily`) and for the mixture reading
  /// (`MixtureWeights`); for non-normal submodules in the sum reading no route computes it yet,
  /// and `notes` says so.
  ///
  /// - Parameters:
  ///   - model: any valid model.
  ///   - betas: the KL penalties at which to show the penalised optimum (each finite, > 0).
  ///   - regulariser: the penalty of the penalised optima (default the output-law KL; the others
  ///     need normal submodules in the sum reading). Their `kl` is the output-law KL whatever the
  ///     regulariser, so every row is read on the filters' axis.
  /// - Throws: `OptimisationError` naming `model` (no route covers it) or `beta` (a β that is
  ///   not finite and > 0, or an optimum that cannot be verified).
  /// - Complexity: a few root findings and one exact optimisation per β.
  public init(
    model: Model, betas: [Double] = GoodhartComparison.defaultBetas,
    regulariser: Regulariser = .outputKL
  ) throws(OptimisationError) {
    for beta in betas where !(beta.isFinite && beta > 0) {
      throw OptimisationError(field: .beta, rule: "must be finite and > 0 (got \(beta))")
    }
    guard regulariser == .outputKL || model.isGaussian else {
      throw OptimisationError(
        field: .regulariser,
        rule: "\(regulariser.rawValue) is compared for normal submodules in the sum reading")
    }
    self.regulariser = regulariser
    let maximiser = model.rewardMaximiser
    let target = maximiser.meanPersuasiveness
    var notes: [String] = []
    self.maximiser = maximiser
    base = model.moments
    var law: (any OutputLaw)? = nil
    if !model.persuasivenessIsConstant {
      do { law = try model.outputLaw() } catch {
        throw OptimisationError(field: .model, rule: error.rule)
      }
    }
    self.law = law
    if let law {
      conditionalTruth = try? law.conditionalTruth(givenPersuasiveness: target).mean
      tilt = GoodhartComparison.tilt(of: law, reaching: target, notes: &notes)
      if let mean = law.moments.meanPersuasiveness, target <= mean {
        notes.append(
          "The reward maximiser's E[P] (\(target)) does not exceed the base E[P] (\(mean)): no filtering is needed to match it.")
      }
      bestOfN = GoodhartComparison.bestOfN(of: law, reaching: target, notes: &notes)
      threshold = GoodhartComparison.threshold(of: law, reaching: target)
    } else {
      conditionalTruth = nil
      tilt = nil
      bestOfN = nil
      threshold = nil
      notes.append(
        "Persuasiveness has zero variance under the base weights, so no filter on P can change anything; only RL on the weights moves E[P].")
    }
    weightRegion = GoodhartComparison.weightRegion(of: model, law: law)
    var rows: [PenalisedRow] = []
    func row(_ optimum: WeightOutcome, _ certificate: Certificate) -> PenalisedRow {
      let matched = law.flatMap { GoodhartComparison.tilt(of: $0, reaching: optimum.meanPersuasiveness) }
      return PenalisedRow(
        optimum: optimum, tilt: matched,
        goodhartGap: matched.flatMap { match in match.outcome.meanTruth.map { $0 - optimum.meanTruth } },
        certificate: certificate)
    }
    switch model.composition {
    case .mixture:
      let family = try MixtureWeights(model: model)
      maximiserKL = family.kl(at: maximiser.weights)
      for beta in betas { rows.append(row(try family.optimum(beta: beta).outcome, .global)) }
    case .sum where model.isGaussian:
      let family = try WeightFamily(model: model)
      maximiserKL = family.kl(at: maximiser.weights)
      if family.baseIsDegenerate {
        notes.append(
          "The base law of (T, P) is degenerate (singular covariance), so the KL penalty is infinite almost everywhere and the penalised optimum is not shown.")
      } else {
        for beta in betas {
          let optimum = try model.regularisedOptimum(beta: beta, regulariser: regulariser, domain: .simplex)
          rows.append(row(family.outcome(at: optimum.outcome.weights, beta: beta), optimum.certificate))
        }
      }
    case .sum:
      maximiserKL = nil
      notes.append(
        "The KL between the output laws of two weightings of non-normal submodules has no exact route yet, so the penalised optimum is not shown.")
    }
    penalised = rows
    self.notes = notes
  }

  /// The law's `tilt(reachingMeanPersuasiveness:)`; the base law itself (β = ∞) when the target
  /// is the base E[P]; nil below it (no tilt towards P lowers E[P]) or when no tilt exists (then
  /// a note says why).
  private static func tilt(of law: any OutputLaw, reaching target: Double, notes: inout [String])
    -> TiltMatch?
  {
    if let mean = law.moments.meanPersuasiveness, target == mean, let base = law.moments.meanTruth {
      return TiltMatch(
        beta: .infinity,
        outcome: SelectionOutcome(
          meanTruth: base, meanPersuasiveness: mean, varianceTruth: law.moments.varianceTruth,
          variancePersuasiveness: law.moments.variancePersuasiveness, kl: 0))
    }
    let selection = try? law.tilt(reachingMeanPersuasiveness: target)
    if let reason = selection?.obstruction { notes.append(reason + ".") }
    guard case .normalisable(let beta, let outcome)? = selection else { return nil }
    return TiltMatch(beta: beta, outcome: outcome)
  }

  /// The weight region against the filters' truth: the regression line of a bivariate normal
  /// law (exact), the tilt reaching each E[P] in the mixture reading; `nil` otherwise.
  private static func weightRegion(of model: Model, law: (any OutputLaw)?) -> WeightRegion? {
    guard let law, let base = law.moments.meanPersuasiveness, let baseTruth = law.moments.meanTruth
    else { return nil }
    if let gaussian = law as? JointLaw {
      let line = FilteringReference.line(gaussian)
      return WeightRegion(model: model, baseMeanPersuasiveness: base, filterIsLinear: true) { x in
        line.truth(atPersuasiveness: x)
      }
    }
    guard model.composition == .mixture, case .normalisable = try? law.tilt(kl: 1) else { return nil }
    return WeightRegion(model: model, baseMeanPersuasiveness: base, filterIsLinear: false) { x in
      x <= base ? baseTruth : (try? law.tilt(reachingMeanPersuasiveness: x))?.outcome?.meanTruth
    }
  }

  /// `tilt(of:reaching:notes:)` without notes (the penalised rows).
  private static func tilt(of law: any OutputLaw, reaching target: Double) -> TiltMatch? {
    var ignored: [String] = []
    return tilt(of: law, reaching: target, notes: &ignored)
  }

  /// The foundation's `bestOfN(reachingMeanPersuasiveness:)`; n = 1 when the base law already
  /// reaches the target.
  private static func bestOfN(
    of law: any OutputLaw, reaching target: Double, notes: inout [String]
  ) -> BestOfNMatch? {
    do {
      guard target > law.moments.meanPersuasiveness ?? .infinity else {
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
  private static func threshold(of law: any OutputLaw, reaching target: Double) -> ThresholdMatch? {
    guard let selection = try? law.threshold(reachingMeanPersuasiveness: target) else { return nil }
    return ThresholdMatch(
      tau: selection.threshold, acceptance: selection.acceptance, outcome: selection.outcome)
  }
}
