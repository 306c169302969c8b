import Foundation
import Goodhart
import PropertyBased
import Testing

@Suite struct FrontierTests {
  static let grid = try! KLGrid(points: 41, maximumKL: 12)
  /// Two submodules with (truth, persuasion) = (1, 1), N(1, 1) and N(2, 1), equal weights: the
  /// base law of (T, P) lies on the line T = P.
  static let lineModel = try! Model(
    submodules: [
      Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
      Submodule(name: "B", mean: 2, sd: 1, truth: 1, persuasion: 1),
    ],
    weights: [0.5, 0.5])

  @Test(arguments: Preset.allCases)
  func everyPolicySpendsTheGridsKL(preset: Preset) throws {
    let frontier = try Frontier(model: preset.model, grid: FrontierTests.grid)
    let budgets = FrontierTests.grid.values
    #expect(budgets.first == 0 && budgets.last == 12)
    for curve in frontier.curves {
      #expect(curve.points.count == budgets.count)
      guard curve.policy.isFiltering else { continue }
      for (point, kl) in zip(curve.points, budgets) {
        #expect(abs(point.kl - kl) <= 1e-12 * max(1, kl), "\(curve.policy) at \(kl): \(point.kl)")
      }
    }
    // The parameters invert the KL formulas independently.
    for (point, kl) in zip(try #require(frontier.curve(.quantilizer)).points, budgets) {
      #expect(relativeError(-log(point.parameter), kl) <= 1e-12 || kl == 0)
    }
    for (point, kl) in zip(try #require(frontier.curve(.bestOfN)).points, budgets) where kl > 0 {
      let n = point.parameter
      #expect(relativeError(log(n) - (n - 1) / n, kl) <= 1e-10)
    }
  }

  @Test(arguments: Preset.allCases)
  func tiltRowsAreTheClosedForm(preset: Preset) throws {
    let frontier = try Frontier(model: preset.model, grid: FrontierTests.grid)
    let law = frontier.law!
    for point in try #require(frontier.curve(.tilt)).points {
      // E[T] = μ_T + c sqrt(2K)/σ_P, E[P] = μ_P + σ_P sqrt(2K), β = σ_P / sqrt(2K).
      let shift = (2 * point.kl).squareRoot()
      let sd = law.variancePersuasiveness.squareRoot()
      #expect(abs(point.meanTruth - (law.meanTruth + law.covariance / sd * shift)) <= 1e-14 * 4)
      #expect(abs(point.meanPersuasiveness - (law.meanPersuasiveness + sd * shift)) <= 1e-14 * 4)
      if point.kl > 0 { #expect(relativeError(point.parameter, sd / shift) <= 1e-14) }
    }
  }

  @Test func rewardMaximiserGapsMatchTheComment() throws {
    // cheap-persuasion: μ_T = 2/3, μ_P = 1, c/σ_P² = (1/9)/(2/9) = 1/2; the vertex C has
    // E[P] = 2, E[T] = 0, so filtering reaches 2/3 + 1/2 = 7/6 there: the gap is 7/6.
    let cheap = try Frontier(model: Preset.cheapPersuasion.model, grid: FrontierTests.grid)
    #expect(relativeError(cheap.rewardMaximiser.goodhartGap!, 7.0 / 6) <= 1e-14)
    #expect(cheap.rewardMaximiser.kl == .infinity)
    #expect(relativeError(cheap.filteringKL(atPersuasiveness: 2)!, 2.25) <= 1e-14)
    // honest-persuasion: μ_T = 1, the vertex A has E[T] = E[P] = 2, filtering 1.5: gap −1/2.
    let honest = try Frontier(model: Preset.honestPersuasion.model, grid: FrontierTests.grid)
    #expect(relativeError(honest.rewardMaximiser.goodhartGap!, -0.5) <= 1e-14)
  }

  @Test func vertexKLIsFiniteWhenTheBaseLawLiesOnTheVertexLine() throws {
    // Both submodules have (t, p) = (1, 1): T = P, P ~ N(1.5, 1/2); the vertex B has P ~ N(2, 1).
    // KL(N(2, 1) || N(1.5, 1/2)) = ln(sqrt(1/2)) + (1 + 1/4) / (2 · 1/2) − 1/2.
    let frontier = try Frontier(model: FrontierTests.lineModel, grid: FrontierTests.grid)
    let expected = log(0.5.squareRoot()) + 1.25 - 0.5
    #expect(relativeError(frontier.rewardMaximiser.kl, expected) <= 1e-13)
    #expect(abs(frontier.rewardMaximiser.goodhartGap!) <= 1e-14)
  }

  /// The weight family starts at the base law, spends increasing KL up to the grid's largest
  /// budget, and never beats the tilt's persuasiveness at its own KL (the tilt maximises E[P]
  /// over all laws at fixed KL; the weight family's laws are some of them).
  @Test(arguments: Preset.allCases)
  func weightFamilySpansTheGridAndStaysBelowTheTilt(preset: Preset) throws {
    let frontier = try Frontier(model: preset.model, grid: FrontierTests.grid)
    let family = try #require(frontier.curve(.weightFamily)).points
    let law = frontier.law!
    #expect(family.count == FrontierTests.grid.points)
    #expect(family[0].kl == 0 && family[0].parameter == .infinity)
    #expect(family[0].meanTruth == law.meanTruth)
    #expect(relativeError(family[family.count - 1].kl, FrontierTests.grid.maximumKL) <= 1e-6)
    for (earlier, later) in zip(family, family.dropFirst()) {
      #expect(later.kl > earlier.kl && later.parameter < earlier.parameter)
    }
    for point in family {
      let tiltReach = law.meanPersuasiveness + law.variancePersuasiveness.squareRoot() * (2 * point.kl).squareRoot()
      #expect(point.meanPersuasiveness <= tiltReach * (1 + 1e-12))
    }
    // cheap-persuasion: the family trades truth for persuasiveness; honest: it gains truth.
    let last = family[family.count - 1]
    if preset == .cheapPersuasion {
      #expect(last.goodhartGap! > 1 && last.meanTruth < 0.1)
    } else {
      #expect(last.goodhartGap! < 0 && last.meanTruth > 1.9)
    }
  }

  /// Each point of the weight family is the exact optimum at its β (the sweep continues each
  /// optimum from its neighbours; the full search at each β must agree).
  @Test(arguments: Preset.allCases)
  func weightFamilyPointsAreTheExactOptima(preset: Preset) throws {
    let frontier = try Frontier(model: preset.model, grid: FrontierTests.grid)
    let family = try WeightFamily(model: preset.model)
    let points = try #require(frontier.curve(.weightFamily)).points
    for point in points.dropFirst() {
      let optimum = try family.optimum(beta: point.parameter).outcome
      #expect(relativeError(point.meanPersuasiveness, optimum.meanPersuasiveness) <= 1e-10)
      #expect(abs(point.meanTruth - optimum.meanTruth) <= 1e-10 * max(1, abs(optimum.meanTruth)))
      #expect(relativeError(point.kl, optimum.kl) <= 1e-9, "beta \(point.parameter)")
    }
  }

  @Test func singularBaseLawLeavesTheWeightFamilyOut() throws {
    // Both submodules on the line T = P: the base law is singular, so the KL penalty is undefined.
    let frontier = try Frontier(model: FrontierTests.lineModel, grid: FrontierTests.grid)
    #expect(frontier.curve(.weightFamily) == nil)
    #expect(frontier.curves.count == 3)
  }

  @Test func zeroVarianceModelIsAnError() throws {
    let flat = try Model(
      submodules: [Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 0)], weights: [1])
    #expect(throws: FrontierError(
      field: .model,
      rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")) {
      try Frontier(model: flat, grid: FrontierTests.grid)
    }
  }

  @Test(arguments: [(1, 8.0, "points"), (100_001, 8.0, "points"), (50, 0.0, "max_kl"),
                    (50, -1.0, "max_kl"), (50, 30.5, "max_kl"), (50, .nan, "max_kl"), (50, .infinity, "max_kl")])
  func badGridsAreErrorsNamingTheField(points: Int, maximumKL: Double, field: String) {
    do {
      _ = try KLGrid(points: points, maximumKL: maximumKL)
      Issue.record("accepted \(points), \(maximumKL)")
    } catch {
      #expect(error.field.description == field)
    }
  }

  @Test func tiltCurveIsExactlyLinearInSqrtKLAndTheFitsSaySo() throws {
    let frontier = try Frontier(model: Preset.cheapPersuasion.model, grid: FrontierTests.grid)
    let law = frontier.law!
    let slope = 2.0.squareRoot() * law.covariance / law.variancePersuasiveness.squareRoot()
    for form in OveroptimisationForm.allCases {
      let fit = try #require(frontier.curve(.tilt)).fit(form)
      #expect(relativeError(fit.alpha, slope) <= 1e-9)
      #expect(abs(fit.beta) <= 1e-9 * slope)
      #expect(fit.peakDistance == nil, "a straight line has no peak")
      #expect(fit.quality == .exact)
    }
    // Best-of-n bends only slightly (e_n grows like sqrt(2 ln n)): the best-of-n form fits it
    // well, and neither form finds a peak, since truth never falls for Gaussian filtering.
    let bon = try #require(frontier.curve(.bestOfN)).fit(.bestOfN)
    #expect(try #require(bon.rSquared) > 0.999)
    #expect(bon.peakDistance == nil)
  }

  /// For every Gaussian model with Cov(T, P) > 0: each filtering point sits on the regression
  /// line (gap 0), and the tilt reaches at least the persuasiveness of the quantilizer and of
  /// best-of-n at the same KL (it maximises E[P] at fixed KL over all laws).
  @Test func filteringLawsHoldForRandomModels() async {
    let grid = try! KLGrid(points: 9, maximumKL: 6)
    seededPropertyCheck(
      count: 40,
      input: Gen.double(in: -2...2), Gen.double(in: 0.2...3), Gen.double(in: 0...1),
      Gen.double(in: 0.1...1), Gen.double(in: 0.05...0.9)
    ) { mean, sd, truthB, persuasionC, weightA in
      let rest = (1 - weightA) / 2
      let model = try! Model(
        submodules: [
          Submodule(name: "A", mean: mean, sd: sd, truth: 1, persuasion: 1),
          Submodule(name: "B", mean: 1, sd: 1, truth: truthB, persuasion: 0.3),
          Submodule(name: "C", mean: 2, sd: 1.5, truth: 0, persuasion: persuasionC),
        ],
        weights: [weightA, rest, 1 - weightA - rest])
      let frontier = try! Frontier(model: model, grid: grid, includesWeightFamily: false)
      let scale = max(1, abs(frontier.law!.meanTruth))
      for point in frontier.curves.filter(\.policy.isFiltering).flatMap(\.points) {
        #expect(abs(point.goodhartGap!) <= 1e-12 * scale)
      }
      let tilt = frontier.curve(.tilt)!.points
      for policy in [FrontierPolicy.quantilizer, .bestOfN] {
        for (other, ideal) in zip(frontier.curve(policy)!.points, tilt) {
          #expect(ideal.meanPersuasiveness >= other.meanPersuasiveness - 1e-12 * scale)
        }
      }
    }
  }
}
