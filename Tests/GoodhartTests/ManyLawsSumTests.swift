import Foundation
import Testing
@testable import Goodhart

/// Three or more independent laws carrying persuasion in the sum reading: each further
/// component is convolved with the checked table of the sum before it (`NestedConvolution`,
/// `PartialSum`). Checked against the Gaussian closed forms (four unmerged normal components),
/// against the tests' own Monte Carlo, and against the other grouping orders (a second exact
/// route: ((W1 + W2) + W3) + W4 against ((W4 + W3) + W1) + W2 and others).
@Suite struct ManyLawsSumTests {
  /// Laplace A (truth and persuasion), logistic B (truth, half the persuasion), Student-t(3) C
  /// (persuasion only): three non-normal laws, every one symmetric.
  static func threeLaws() throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", distribution: Distribution(family: .laplace, location: 1, scale: 1), truth: 1, persuasion: 1),
        Submodule(name: "B", distribution: Distribution(family: .logistic, location: 1, scale: 0.6), truth: 1, persuasion: 0.5),
        Submodule(name: "C", distribution: Distribution(family: .studentT(degreesOfFreedom: 3), location: 0, scale: 1), truth: 0, persuasion: 1),
      ],
      weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
  }

  /// Four skewed laws: a Lomax under a negative coefficient (P bounded above by it, a density
  /// that jumps), a Weibull k = 1.5, a lognormal (no exponential moment) and a left Gumbel.
  static func fourSkewedLaws() throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", distribution: Distribution(family: .pareto(alpha: 3.5, orientation: .right), location: 0, scale: 1), truth: 1, persuasion: -1),
        Submodule(name: "B", distribution: Distribution(family: .weibull(shape: 1.5, orientation: .right), location: 1, scale: 0.6), truth: 1, persuasion: 0.5),
        Submodule(name: "C", distribution: Distribution(family: .lognormal(sigma: 0.7, orientation: .right), location: 0, scale: 1), truth: 0, persuasion: 1),
        Submodule(name: "D", distribution: Distribution(family: .gumbel(orientation: .left), location: 0, scale: 1), truth: 0.5, persuasion: 1),
      ],
      weights: [0.25, 0.25, 0.25, 0.25])
  }

  /// Four non-normal laws and a normal one (five components, the normal merged into one).
  static func fourLawsAndANormal() throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", distribution: Distribution(family: .laplace, location: 1, scale: 1), truth: 1, persuasion: 1),
        Submodule(name: "B", distribution: Distribution(family: .logistic, location: 1, scale: 0.6), truth: 1, persuasion: 0.5),
        Submodule(name: "C", distribution: Distribution(family: .studentT(degreesOfFreedom: 3), location: 0, scale: 1), truth: 0, persuasion: 1),
        Submodule(name: "D", distribution: Distribution(family: .lognormal(sigma: 0.8, orientation: .right), location: 0, scale: 0.5), truth: -0.5, persuasion: 1),
        Submodule(name: "E", distribution: Distribution.normal(mean: 0.5, standardDeviation: 1), truth: 1, persuasion: 0.3),
      ],
      weights: [0.2, 0.2, 0.2, 0.2, 0.2])
  }

  /// Two laws bounded on one side (a Lomax under a negative coefficient, a Weibull k = 1.5) and a
  /// Laplace law: none analytic, and where the ends of the two supports meet, or the Laplace peak
  /// meets one, a partial sum's density is not analytic (`CentredSum.singularPoints`).
  static func noneAnalytic() throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", distribution: Distribution(family: .pareto(alpha: 3, orientation: .right), location: 0, scale: 1), truth: 1, persuasion: -1),
        Submodule(name: "B", distribution: Distribution(family: .weibull(shape: 1.5, orientation: .right), location: 0, scale: 1), truth: 1, persuasion: 1),
        Submodule(name: "C", distribution: Distribution(family: .laplace, location: 0, scale: 1), truth: 0, persuasion: 1),
      ],
      weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
  }

  /// A normal, a Laplace and a logistic law beside one whose mass crowds the end of its support
  /// (`PersuasionComponent.crowdsItsEnd`), which goes last in the nesting (`NestedConvolution`
  /// then takes the pieces at that end in its probability variable); in the other grouping order
  /// it is paired first (`Convolution`'s own route for crowded ends).
  static func crowdedLast(_ family: Distribution.Family) -> @Sendable () throws -> Model {
    {
      try Model(
        submodules: [
          Submodule(name: "A", distribution: .normal(mean: 1, standardDeviation: 1), truth: 1, persuasion: 1),
          Submodule(name: "L", distribution: Distribution(family: .laplace, location: 0, scale: 1), truth: 0.5, persuasion: 1),
          Submodule(name: "G", distribution: Distribution(family: .logistic, location: 0, scale: 1), truth: 0, persuasion: 1),
          Submodule(name: "X", distribution: Distribution(family: family, location: 0, scale: 1), truth: 0, persuasion: 1),
        ],
        weights: [0.25, 0.25, 0.25, 0.25])
    }
  }

  /// The models, each with two grouping orders of its components (file order, the merged
  /// normal last); the first is the one `PersuasionLaw` picks for "none analytic" (the Laplace
  /// law first), and that model's second starts with the two bounded laws, whose sum's density
  /// has a point of the form (g − g₀)^{3/2} where their supports' ends meet.
  static let models: [(String, @Sendable () throws -> Model, [Int], [Int])] = [
    ("three symmetric", threeLaws, [0, 1, 2], [2, 1, 0]),
    ("four skewed", fourSkewedLaws, [3, 0, 1, 2], [3, 2, 1, 0]),
    ("four and a normal", fourLawsAndANormal, [0, 1, 2, 3, 4], [4, 3, 2, 1, 0]),
    ("none analytic", noneAnalytic, [2, 0, 1], [0, 1, 2]),
    ("crowded lognormal last", crowdedLast(.lognormal(sigma: 3, orientation: .right)), [0, 1, 2, 3], [3, 1, 2, 0]),
    ("crowded left Weibull last", crowdedLast(.weibull(shape: 0.5, orientation: .left)), [0, 1, 2, 3], [3, 1, 2, 0]),
  ]

  /// The law of S built from `model`'s components (unmerged) in the given order:
  /// ((c[o0] + c[o1]) + c[o2]) + ...
  static func law(_ model: Model, order: [Int]) -> PersuasionLaw {
    let parts = Decomposition(model: model)
    let components = order.map { parts.components[$0] }
    var sum: any CentredSum = Convolution(components[0], components[1])
    for component in components.dropFirst(2) {
      sum = NestedConvolution(partial: PartialSum(sum), last: component)
    }
    return PersuasionLaw(shape: .sum(sum), parts: parts, moments: model.moments)
  }

  /// Four normal submodules, all carrying persuasion with different truth ratios.
  static func fourNormals() throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", distribution: .normal(mean: 1, standardDeviation: 1), truth: 1, persuasion: 1),
        Submodule(name: "B", distribution: .normal(mean: 0.5, standardDeviation: 2), truth: 1, persuasion: 0.4),
        Submodule(name: "C", distribution: .normal(mean: 2, standardDeviation: 1), truth: 0, persuasion: 1),
        Submodule(name: "D", distribution: .normal(mean: -1, standardDeviation: 0.5), truth: -1, persuasion: 2),
      ],
      weights: [0.25, 0.25, 0.25, 0.25])
  }

  /// Four unmerged normal components through three and four levels of nesting against the
  /// closed forms: means to 1e-9 relative, variances to 1e-7.
  @Test(arguments: [[0, 1, 2], [3, 1, 0, 2]])
  func nestedNormalsMatchClosedForms(order: [Int]) throws {
    var model = try ManyLawsSumTests.fourNormals()
    if order.count == 3 { model = try Model(submodules: model.submodules, weights: [0.3, 0.3, 0.4, 0]) }
    let closed = try model.jointLaw()
    let law = ManyLawsSumTests.law(model, order: order)
    for n in [2.0, 10, 1000, 1e6] {
      let exact = try closed.bestOfN(n)
      let nested = try law.bestOfN(n)
      #expect(heavyTailRelativeError(nested.meanTruth ?? .nan, exact.meanTruth!) < 1e-9, "n=\(n)")
      #expect(heavyTailRelativeError(nested.meanPersuasiveness ?? .nan, exact.meanPersuasiveness!) < 1e-9, "n=\(n)")
      #expect(heavyTailRelativeError(nested.varianceTruth ?? .nan, exact.varianceTruth!) < 1e-7, "n=\(n)")
    }
    for tau in [-0.5, 1.5, 4] {
      let exact = try closed.threshold(tau)
      let nested = try law.threshold(tau)
      #expect(heavyTailRelativeError(nested.acceptance, exact.acceptance) < 1e-9, "tau=\(tau)")
      #expect(heavyTailRelativeError(nested.outcome.meanTruth ?? .nan, exact.outcome.meanTruth!) < 1e-9)
      #expect(heavyTailRelativeError(nested.outcome.varianceTruth ?? .nan, exact.outcome.varianceTruth!) < 1e-7)
    }
    let exact = try closed.quantile(1e-4)
    let nested = try law.quantile(1e-4)
    #expect(heavyTailRelativeError(nested.threshold, exact.threshold) < 1e-9)
    for p in [-2.0, 0.6, 5] {
      let exact = try closed.conditionalTruth(givenPersuasiveness: p)
      let nested = try law.conditionalTruth(givenPersuasiveness: p)
      #expect(heavyTailRelativeError(nested.mean ?? .nan, exact.mean!) < 1e-9, "p=\(p)")
      #expect(heavyTailRelativeError(nested.variance ?? .nan, exact.variance!) < 1e-7, "p=\(p)")
    }
  }

  /// The model's own route (no refusal) against the tests' Monte Carlo (inverse-cdf sampling,
  /// SplitMix64): best-of-n truth and persuasiveness within 4 standard errors at n = 10 and 1000.
  @Test(arguments: 0..<models.count)
  func bestOfNAgreesWithMonteCarlo(index: Int) throws {
    let (name, make, _, _) = ManyLawsSumTests.models[index]
    let model = try make()
    let law = try #require(try model.outputLaw() as? PersuasionLaw, "\(name)")
    #expect(law.components.count >= 3)
    try expectBestOfNAgreesWithMonteCarlo(law, model, seed: 11, label: name)
  }

  /// A second exact route: the components grouped in another order give the same selections to
  /// 1e-6 relative (the acceptance figure; they agree far closer).
  @Test(arguments: 0..<models.count)
  func otherGroupingOrdersAgree(index: Int) throws {
    let (name, make, one, other) = ManyLawsSumTests.models[index]
    let model = try make()
    let first = ManyLawsSumTests.law(model, order: one)
    let second = ManyLawsSumTests.law(model, order: other)
    try expectRoutesAgree(first, second, counts: [10, 1000, 1e6], label: name)
  }

  /// At s = 0 the two sides of a nested sum whose partial sum is skewed meet: Q_S(0) + Q_−S(0)
  /// = 1 (the mirrored partial sum once read Q_G(0) for −G's tail at 0, −0.0 having no side).
  @Test(arguments: 0..<models.count)
  func tailsOfBothSidesAtZeroSumToOne(index: Int) throws {
    let (name, make, one, other) = ManyLawsSumTests.models[index]
    let model = try make()
    for order in [one, other] {
      guard case .sum(let sum) = ManyLawsSumTests.law(model, order: order).shape else {
        Issue.record("\(name): not a sum")
        return
      }
      let total = try sum.tail(0) + sum.mirrored.tail(0)
      #expect(abs(total - 1) <= 1e-12, "\(name) \(order): \(total)")
    }
  }

  /// A partial sum's extended table agrees with direct quadrature of the pair (tail, numerator,
  /// density and truth variance) in the bulk and far in both tails.
  @Test(arguments: [-3e3, -4.2, -0.3, 0.05, 1.7, 250])
  func partialSumTableMatchesDirectQuadrature(g: Double) throws {
    let parts = Decomposition(model: try ManyLawsSumTests.fourSkewedLaws())
    let pair = Convolution(parts.components[0], parts.components[3])
    let partial = PartialSum(pair)
    let values = try partial.values(at: g, variance: true)
    let side = g < 0 ? pair.mirrored : pair
    let x = abs(g)
    let density = try side.density(x)
    let sign = g < 0 ? -1.0 : 1.0
    #expect(heavyTailRelativeError(values.tail, try side.tail(x)) < 1e-9, "g=\(g)")
    #expect(heavyTailRelativeError(values.density, density) < 1e-9, "g=\(g)")
    #expect(heavyTailRelativeError(values.truthNumerator, sign * (try side.truthNumerator(x))) < 1e-9, "g=\(g)")
    #expect(heavyTailRelativeError(values.truthVariance, try side.truthSpreadVariance(x, density: density)) < 1e-8, "g=\(g)")
    let mirrored = try partial.mirrored.values(at: -g, variance: true)
    #expect(mirrored.density == values.density && mirrored.truthNumerator == -values.truthNumerator)
  }
}
