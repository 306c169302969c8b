import Foundation

/// The frontier of a model: per policy, mean truth and mean persuasiveness against the KL spent,
/// and the Goodhart gap at equal persuasiveness, for every model some route covers.
///
/// For a bivariate normal (T, P) every filtering policy (quantilizer, best-of-n, tilt) moves the
/// selected law's means along the regression line E[T] = μ_T + (c/σ_P²)(E[P] − μ_P): they reach
/// the same truth at the same persuasiveness and differ only in the KL they spend. For other laws
/// (heavy tails, the mixture reading) the filters differ in truth too, and the reference is the
/// ideal tilt's curve, or the quantilizer's where no tilt exists (`FilteringReference`).
/// Policies that change the weights (the weight family, the reward maximiser) leave the filters'
/// curves; the Goodhart gap is how far below the reference they fall.
public struct Frontier: Hashable, Sendable {
  /// The KL budgets.
  public let grid: KLGrid
  /// The route that computed the filtering curves.
  public let route: LawRoute
  /// The base law's moments of (T, P).
  public let moments: OutputMoments
  /// What filtering reaches at each E[P] (the reference of the Goodhart gap).
  let reference: FilteringReference
  /// One curve per policy evaluated on the grid, in `FrontierPolicy` order (the tilt is absent
  /// where no tilt exists, the weight family where no route computes its KL).
  public let curves: [FrontierCurve]
  /// The vertex that maximises E[P].
  public let vertex: RewardMaximiser
  /// The vertex as a frontier point (β = 0).
  public let rewardMaximiser: FrontierPoint
  /// Notes on what is left out and why.
  public let notes: [String]
  /// The submodules' points (p_i m_i, t_i m_i), whose hull holds every weight vector's
  /// (E_w[P], E_w[T]) whatever the regulariser (`WeightRegion`); empty when a submodule has no
  /// mean.
  public let weightVertices: [WeightRegion.Vertex]

  /// The bivariate normal law of (T, P) for the closed-form route, `nil` otherwise.
  public var law: JointLaw? {
    if case .line(let law) = reference { law } else { nil }
  }

  /// Computes the frontier of `model` on `grid`: the filtering policies, the KL-penalised weight
  /// family, and the reward maximiser.
  ///
  /// At budget K: the quantilizer keeps q = e^{−K}; best-of-n draws the real n with
  /// ln n − (n−1)/n = K; the tilt is the one with KL K (β = ∞ at K = 0). The weight family is the
  /// exact optimum of E_w[P] − β KL swept over β so that its KLs spread over the same range: for
  /// a bivariate normal law by `WeightFamily` (`WeightFamilySweep`; left out when the base law is
  /// singular), for the mixture reading by `MixtureWeights` (β with the optimum's KL equal to each
  /// budget below the vertex's), and left out for non-normal submodules in the sum reading (no
  /// route computes the KL between two weightings' output laws; `notes` says so).
  ///
  /// - Parameters:
  ///   - model: any model whose persuasiveness varies.
  ///   - grid: the KL budgets.
  ///   - includesWeightFamily: whether to compute the weight family (default true).
  ///   - weightFamilyPoints: the number of β values in the weight family's sweep, in [2, 100000]
  ///     (default: `grid.points`); its KLs span the same range as the grid's.
  ///   - regularisers: further weight families, one per regulariser other than the output-law
  ///     KL (`RegulariserSweep`: normal submodules in the sum reading; policies
  ///     `weight_family_persuasion_kl`, `weight_family_weight_kl`, `weight_family_weight_decay`).
  /// - Throws: `FrontierError` naming `model` (no route covers it, P with zero variance, or a
  ///   reward maximiser whose KL no route computes), `family_points`, `max_kl` (a budget a policy
  ///   cannot reach), or `weight_family` (an optimum that could not be computed).
  /// - Complexity: the closed-form route: O(N) closed forms, N evaluations of e_n and about
  ///   N + 40 exact optimisations of the weights; other routes: N quadratures per policy.
  public init(
    model: Model, grid: KLGrid, includesWeightFamily: Bool = true, weightFamilyPoints: Int? = nil,
    regularisers: [Regulariser] = []
  ) throws(FrontierError) {
    guard regularisers.allSatisfy({ $0 == .outputKL }) || model.isGaussian else {
      throw FrontierError(
        field: .regulariser,
        rule: "the weight families of other regularisers are drawn for normal submodules in the sum reading")
    }
    guard !model.persuasivenessIsConstant else {
      throw FrontierError(
        field: .model,
        rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")
    }
    let law: any OutputLaw
    do { law = try model.outputLaw() } catch {
      throw FrontierError(field: .model, rule: error.rule)
    }
    self.grid = grid
    route = law.route
    moments = law.moments
    var notes: [String] = []
    // The filtering outcomes on the grid.
    var quantiles: [(Double, SelectionOutcome)] = []
    var tilts: [(Double, SelectionOutcome)] = []
    var counts: [Double] = []
    let tiltExists: Bool
    do throws(SelectionError) {
      for kl in grid.values {
        let q = exp(-kl)
        quantiles.append((q, try law.quantile(q).outcome))
        counts.append(try PersuasionLaw.bestOfNCount(forKL: kl))
      }
      let probe = try law.tilt(kl: 1)
      tiltExists = probe.beta != nil
      if let reason = probe.obstruction { notes.append(reason + ".") }
      if tiltExists {
        for kl in grid.values {
          let tilted = kl == 0 ? nil : try law.tilt(kl: kl)
          if let tilted, case .normalisable(let beta, let outcome) = tilted {
            tilts.append((beta, outcome))
          } else if kl == 0, let base = quantiles.first?.1 {
            tilts.append((.infinity, base))
          }
        }
      }
    } catch {
      throw FrontierError(field: .maxKL, rule: "\(error.field): \(error.rule)")
    }
    let bests: [SelectionOutcome]
    do { bests = try law.bestOfNMeans(at: counts) } catch {
      throw FrontierError(field: .maxKL, rule: "\(error.field): \(error.rule)")
    }
    // The reference: the regression line, or the tilt's (else the quantilizer's) own curve.
    let reference: FilteringReference
    if let gaussian = law as? JointLaw {
      reference = .line(gaussian)
    } else {
      let (policy, source) = tiltExists ? (FrontierPolicy.tilt, tilts) : (.quantilizer, quantiles)
      let rows = source.compactMap { row -> (Double, Double, Double)? in
        guard let p = row.1.meanPersuasiveness, let t = row.1.meanTruth else { return nil }
        return (p, t, row.1.kl)
      }
      reference = .curve(
        policy: policy, persuasiveness: rows.map(\.0), truth: rows.map(\.1), kl: rows.map(\.2))
    }
    self.reference = reference
    let baseTruth = moments.meanTruth ?? .nan
    var curves = [
      FrontierCurve(
        policy: .quantilizer,
        points: quantiles.compactMap { reference.point(.quantilizer, parameter: $0.0, outcome: $0.1) },
        baseMeanTruth: baseTruth),
      FrontierCurve(
        policy: .bestOfN,
        points: zip(counts, bests).compactMap { reference.point(.bestOfN, parameter: $0.0, outcome: $0.1) },
        baseMeanTruth: baseTruth),
    ]
    if tiltExists {
      curves.append(
        FrontierCurve(
          policy: .tilt,
          points: tilts.compactMap { reference.point(.tilt, parameter: $0.0, outcome: $0.1) },
          baseMeanTruth: baseTruth))
    }
    let familyGrid: KLGrid
    do { familyGrid = try KLGrid(points: weightFamilyPoints ?? grid.points, maximumKL: grid.maximumKL) } catch {
      throw FrontierError(field: .familyPoints, rule: error.rule)
    }
    let maximiser = model.rewardMaximiser
    vertex = maximiser
    let vertexKL: Double
    switch model.composition {
    case .sum where model.isGaussian:
      let family: WeightFamily
      do { family = try WeightFamily(model: model) } catch {
        throw FrontierError(field: .model, rule: error.description)
      }
      vertexKL = family.kl(at: maximiser.weights)
      if includesWeightFamily, case .line(let line) = reference,
        let weightFamily = try WeightFamilySweep(family: family, grid: familyGrid)?.points(on: .line(line))
      {
        curves.append(FrontierCurve(policy: .weightFamily, points: weightFamily, baseMeanTruth: baseTruth))
      }
      if !family.baseIsDegenerate {
        for regulariser in regularisers where regulariser != .outputKL {
          let sweep = RegulariserSweep(model: model, family: family, regulariser: regulariser)
          curves.append(
            FrontierCurve(
              policy: .weightFamily(under: regulariser),
              points: try sweep.points(
                count: familyGrid.points, maximumKL: grid.maximumKL, on: reference),
              baseMeanTruth: baseTruth))
        }
      }
    case .mixture:
      let family: MixtureWeights
      do { family = try MixtureWeights(model: model) } catch {
        throw FrontierError(field: .model, rule: error.description)
      }
      vertexKL = family.kl(at: maximiser.weights)
      if includesWeightFamily {
        let outcomes = try MixtureWeightSweep(family: family, grid: familyGrid, vertexKL: vertexKL).outcomes()
        curves.append(
          FrontierCurve(
            policy: .weightFamily,
            points: outcomes.compactMap {
              reference.point(.weightFamily, parameter: $0.beta, weights: $0)
            },
            baseMeanTruth: baseTruth))
      }
    case .sum:
      vertexKL = try Frontier.vertexDivergence(model)
      if includesWeightFamily {
        notes.append(
          "The KL between the output laws of two weightings of non-normal submodules has no exact route yet, so the weight family is not shown.")
      }
    }
    self.curves = curves
    self.notes = notes
    weightVertices =
      model.submodules.allSatisfy(\.distribution.hasMean) ? WeightRegion.vertices(of: model) : []
    let filteringTruth = reference.truth(atPersuasiveness: maximiser.meanPersuasiveness)
    rewardMaximiser = FrontierPoint(
      policy: .rewardMaximiser, parameter: 0, kl: vertexKL + 0, meanTruth: maximiser.meanTruth,
      meanPersuasiveness: maximiser.meanPersuasiveness,
      goodhartGap: filteringTruth.map { $0 - maximiser.meanTruth })
  }

  /// KL(law at the vertex || base law) in the sum reading without a bivariate normal law: the
  /// vertex's (T, P) = (t_i X_i, p_i X_i) lies on a line, so it is singular to a base law with a
  /// density in the plane (two weighted submodules with non-parallel vectors): +∞; 0 when the
  /// base weights are the vertex.
  ///
  /// - Throws: `FrontierError` naming `model` when the base law lies on a line too (no route
  ///   computes that KL).
  static func vertexDivergence(_ model: Model) throws(FrontierError) -> Double {
    let vertex = model.rewardMaximiser
    if vertex.weights == model.weights { return 0 }
    let weighted = model.submodules.indices.filter { model.weights[$0] > 0 }.map {
      (model.submodules[$0].truth, model.submodules[$0].persuasion)
    }
    let planar = weighted.contains { a in weighted.contains { b in a.0 * b.1 - a.1 * b.0 != 0 } }
    guard planar else {
      throw FrontierError(
        field: .model,
        rule: "the base law of (T, P) lies on a line, so the reward maximiser's KL needs a route this model has not")
    }
    return .infinity
  }

  /// The curve of `policy`, if it was computed.
  public func curve(_ policy: FrontierPolicy) -> FrontierCurve? {
    curves.first { $0.policy == policy }
  }

  /// Every point, curve by curve, then the reward maximiser (the CSV's row order).
  public var points: [FrontierPoint] { curves.flatMap(\.points) + [rewardMaximiser] }

  /// The mean truth filtering on P reaches at mean persuasiveness p (`FilteringReference`):
  /// μ_T + (c/σ_P²)(p − μ_P) for a bivariate normal law; the reference curve otherwise (`nil`
  /// beyond it).
  ///
  /// - Complexity: O(1) for the line, O(grid points) for a curve.
  public func filteringTruth(atPersuasiveness p: Double) -> Double? {
    reference.truth(atPersuasiveness: p)
  }

  /// The least KL a filtering policy spends to reach mean persuasiveness p: the ideal tilt's
  /// z²/2 with z = (p − μ_P)/σ_P for a bivariate normal law, the reference curve's otherwise (0
  /// when p <= μ_P, where no selection is needed; `nil` beyond the curve).
  ///
  /// - Complexity: O(1) for the line, O(grid points) for a curve.
  public func filteringKL(atPersuasiveness p: Double) -> Double? {
    reference.kl(atPersuasiveness: p)
  }
}
