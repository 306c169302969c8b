import Foundation

/// The frontier of a Gaussian model: per policy, mean truth and mean persuasiveness against the
/// KL spent, and the Goodhart gap at equal persuasiveness.
///
/// Every filtering policy (quantilizer, best-of-n, tilt) moves the selected law's means along the
/// regression line E[T] = μ_T + (c/σ_P²)(E[P] − μ_P): they reach the same truth at the same
/// persuasiveness and differ only in how much KL they spend to get there. Policies that change
/// the weights (the weight family, the reward maximiser) leave that line; the Goodhart gap is
/// how far below it they fall.
public struct Frontier: Hashable, Sendable {
  /// The KL budgets.
  public let grid: KLGrid
  /// The base law of (T, P).
  public let law: JointLaw
  /// One curve per policy evaluated on the grid, in `FrontierPolicy` order.
  public let curves: [FrontierCurve]
  /// The vertex that maximises E[P].
  public let vertex: RewardMaximiser
  /// The vertex as a frontier point (β = 0).
  public let rewardMaximiser: FrontierPoint

  /// Computes the frontier of `model` on `grid`: the filtering policies, the KL-penalised weight
  /// family, and the reward maximiser.
  ///
  /// At budget K: the quantilizer keeps q = e^{−K}; best-of-n draws the real n with
  /// ln n − (n−1)/n = K; the tilt uses β = σ_P / sqrt(2K) (β = ∞ at K = 0). The weight family
  /// (`WeightFamily.optimum(beta:)`, exact) is swept over β so that its KLs spread over the same
  /// range (see `WeightFamilySweep`); it is left out when the base law of (T, P) is singular (its
  /// KL penalty is then undefined). The reward maximiser's KL is `WeightFamily.kl(at:)` at the
  /// vertex: +∞ whenever the base law is not singular.
  ///
  /// - Parameters:
  ///   - model: a Gaussian model whose persuasiveness has positive variance.
  ///   - grid: the KL budgets.
  ///   - includesWeightFamily: whether to compute the weight family (one exact optimisation per
  ///     β, most of the cost; default true).
  ///   - weightFamilyPoints: the number of β values in the weight family's sweep, in [2, 100000]
  ///     (default: `grid.points`); its KLs span the same range as the grid's.
  /// - Throws: `FrontierError` naming `model` (a non-normal submodule, or P with zero variance),
  ///   `family_points`, `max_kl` (a budget a policy cannot reach), or `weight_family` (an optimum
  ///   that could not be computed).
  /// - Complexity: O(N) closed forms, N evaluations of e_n (quadrature), and about N + 40 exact
  ///   optimisations of the weights.
  public init(
    model: Model, grid: KLGrid, includesWeightFamily: Bool = true, weightFamilyPoints: Int? = nil
  ) throws(FrontierError) {
    let law: JointLaw
    do { law = try model.jointLaw() } catch {
      throw FrontierError(field: "model", rule: error.description)
    }
    guard law.variancePersuasiveness > 0 else {
      throw FrontierError(
        field: "model",
        rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")
    }
    self.grid = grid
    self.law = law
    let reference = RegressionLine(law: law)
    func point(_ policy: FrontierPolicy, _ parameter: Double, _ outcome: SelectionOutcome)
      -> FrontierPoint
    {
      reference.point(policy, parameter: parameter, outcome: outcome)
    }
    var quantilizer: [FrontierPoint] = []
    var bestOfN: [FrontierPoint] = []
    var tilt: [FrontierPoint] = []
    do throws(SelectionError) {
      for kl in grid.values {
        let q = exp(-kl)
        quantilizer.append(point(.quantilizer, q, try law.quantile(q).outcome))
        let n = try PersuasionLaw.bestOfNCount(forKL: kl)
        bestOfN.append(point(.bestOfN, n, try law.bestOfN(n, dispersion: false)))
        let tilted = kl == 0 ? try law.tilt(beta: .infinity) : try law.tilt(kl: kl)
        if case .normalisable(let beta, let outcome) = tilted { tilt.append(point(.tilt, beta, outcome)) }
      }
    } catch {
      throw FrontierError(field: "max_kl", rule: "\(error.field): \(error.rule)")
    }
    var curves = [
      FrontierCurve(policy: .quantilizer, points: quantilizer, baseMeanTruth: law.meanTruth),
      FrontierCurve(policy: .bestOfN, points: bestOfN, baseMeanTruth: law.meanTruth),
      FrontierCurve(policy: .tilt, points: tilt, baseMeanTruth: law.meanTruth),
    ]
    let family: WeightFamily
    do { family = try WeightFamily(model: model) } catch {
      throw FrontierError(field: "model", rule: error.description)
    }
    let familyGrid: KLGrid
    do { familyGrid = try KLGrid(points: weightFamilyPoints ?? grid.points, maximumKL: grid.maximumKL) } catch {
      throw FrontierError(field: "family_points", rule: error.rule)
    }
    if includesWeightFamily,
      let weightFamily = try WeightFamilySweep(family: family, grid: familyGrid)?.points(on: reference)
    {
      curves.append(
        FrontierCurve(policy: .weightFamily, points: weightFamily, baseMeanTruth: law.meanTruth))
    }
    self.curves = curves
    vertex = model.rewardMaximiser
    rewardMaximiser = reference.point(
      .rewardMaximiser, parameter: 0,
      outcome: SelectionOutcome(
        meanTruth: vertex.meanTruth, meanPersuasiveness: vertex.meanPersuasiveness,
        varianceTruth: nil, variancePersuasiveness: nil, kl: family.kl(at: vertex.weights)))
  }

  /// The curve of `policy`, if it was computed.
  public func curve(_ policy: FrontierPolicy) -> FrontierCurve? {
    curves.first { $0.policy == policy }
  }

  /// Every point, curve by curve, then the reward maximiser (the CSV's row order).
  public var points: [FrontierPoint] { curves.flatMap(\.points) + [rewardMaximiser] }

  /// The mean truth filtering on P reaches at mean persuasiveness p:
  /// μ_T + (c/σ_P²)(p − μ_P), the regression line every filtering policy moves along.
  ///
  /// - Complexity: O(1).
  public func filteringTruth(atPersuasiveness p: Double) -> Double {
    RegressionLine(law: law).truth(atPersuasiveness: p)
  }

  /// The least KL a filtering policy spends to reach mean persuasiveness p: the ideal tilt's
  /// z²/2 with z = (p − μ_P)/σ_P (0 when p <= μ_P, where no selection is needed).
  ///
  /// - Complexity: O(1).
  public func filteringKL(atPersuasiveness p: Double) -> Double {
    let z = max(0, p - law.meanPersuasiveness) / law.standardDeviationPersuasiveness
    return 0.5 * z * z
  }
}

/// The regression line of T on P, the reference for the Goodhart gap.
struct RegressionLine {
  let law: JointLaw

  /// μ_T + (c/σ_P²)(p − μ_P).
  func truth(atPersuasiveness p: Double) -> Double {
    law.meanTruth + law.covariance / law.variancePersuasiveness * (p - law.meanPersuasiveness)
  }

  /// The frontier point of `outcome`, with its gap to the line (a KL of −0, from −ln 1, is
  /// written as 0). Outcomes on a bivariate normal law always carry both means (a missing one
  /// would show as NaN, never silently as a number).
  func point(_ policy: FrontierPolicy, parameter: Double, outcome: SelectionOutcome)
    -> FrontierPoint
  {
    let meanTruth = outcome.meanTruth ?? .nan
    let meanPersuasiveness = outcome.meanPersuasiveness ?? .nan
    return FrontierPoint(
      policy: policy, parameter: parameter, kl: outcome.kl + 0, meanTruth: meanTruth,
      meanPersuasiveness: meanPersuasiveness,
      goodhartGap: truth(atPersuasiveness: meanPersuasiveness) - meanTruth)
  }
}
