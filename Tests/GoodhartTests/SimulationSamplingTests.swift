import Foundation
import Goodhart
import Testing

/// Every family's sampler against its exact distribution function (Kolmogorov–Smirnov at a fixed
/// seed), and the submodule-by-submodule sampler of heavy-tailed models against their exact
/// moments.
@Suite struct SimulationSamplingTests {
  /// Closed-form distribution functions of the standard families.
  static func cdf(_ family: Distribution.Family, at z: Double) -> Double {
    if family.orientation == .left { return 1 - cdf(family.mirrored, at: -z) }
    switch family {
    case .lognormal(let sigma, _): return z <= 0 ? 0 : StandardNormal.cdf(log(z) / sigma)
    case .pareto(let alpha, _): return z <= 0 ? 0 : 1 - pow(1 + z, -alpha)
    case .gumbel: return exp(-exp(-z))
    case .weibull(let k, _): return z <= 0 ? 0 : 1 - exp(-pow(z, k))
    case .empirical: return StandardLaw(family).cdf(z)  // its own tests: EmpiricalLawTests
    case .normal: return StandardNormal.cdf(z)
    case .laplace: return z < 0 ? 0.5 * exp(z) : 1 - 0.5 * exp(-z)
    case .logistic: return 1 / (1 + exp(-z))
    case .cauchy: return 0.5 + atan(z) / .pi
    case .studentT(let dof):
      switch dof {
      case 1: return 0.5 + atan(z) / .pi
      case 2: return 0.5 + z / (2 * (2 + z * z).squareRoot())
      case 3:
        let s = z / 3.squareRoot()
        return 0.5 + (s / (1 + s * s) + atan(s)) / .pi
      default:  // 4
        let r = 1 + z * z / 4
        return 0.5 + 0.375 * z / r.squareRoot() * (1 - z * z / (12 * r))
      }
    }
  }

  static let cases: [Distribution.Family] = [
    .normal, .laplace, .logistic, .cauchy, .studentT(degreesOfFreedom: 1),
    .studentT(degreesOfFreedom: 2), .studentT(degreesOfFreedom: 3), .studentT(degreesOfFreedom: 4),
    .lognormal(sigma: 0.7, orientation: .right), .pareto(alpha: 2.5, orientation: .left),
    .gumbel(orientation: .right), .weibull(shape: 0.8, orientation: .left),
  ]

  /// The KS statistic D = sup |F_n − F| of 20 000 draws stays below the 0.1% critical value
  /// 1.95/√n. Location 0.5 and scale 2 test the affine map as well.
  @Test(arguments: 0..<12)
  func familyMatchesItsDistributionFunction(index: Int) throws {
    let family = SimulationSamplingTests.cases[index]
    let law = try Distribution(family: family, location: 0.5, scale: 2)
    var source = RandomSource(seed: 2024, stream: UInt64(index))
    let n = 20_000
    let draws = (0..<n).map { _ in law.sample(using: &source) }.sorted()
    var statistic = 0.0
    for (rank, x) in draws.enumerated() {
      let f = SimulationSamplingTests.cdf(family, at: (x - 0.5) / 2)
      statistic = max(statistic, f - Double(rank) / Double(n), Double(rank + 1) / Double(n) - f)
    }
    #expect(draws.allSatisfy { $0.isFinite })
    #expect(statistic < 1.95 / Double(n).squareRoot(), "\(family): D = \(statistic)")
  }

  /// A model mixing every family with finite fourth moments (Student-t with ν = 9).
  static func mixedFamilyModel() throws -> Model {
    try Model(
      submodules: [
        Submodule(
          name: "laplace", distribution: Distribution(family: .laplace, location: 1, scale: 0.7),
          truth: 1, persuasion: 0.5),
        Submodule(
          name: "logistic", distribution: Distribution(family: .logistic, location: -0.5, scale: 0.4),
          truth: -0.3, persuasion: 1),
        Submodule(
          name: "t9",
          distribution: Distribution(family: .studentT(degreesOfFreedom: 9), location: 2, scale: 1),
          truth: 0.2, persuasion: 1),
        Submodule(name: "normal", mean: 0.3, sd: 1.5, truth: 1, persuasion: 0),
      ], weights: [0.25, 0.25, 0.3, 0.2])
  }

  /// Var Z of each standard family with a variance.
  static func standardVariance(_ law: Distribution) -> Double {
    switch law.family {
    case .normal: 1
    case .laplace: 2
    case .logistic: Double.pi * Double.pi / 3
    case .studentT: law.degreesOfFreedom.map { $0 / ($0 - 2) } ?? .nan
    case .cauchy, .lognormal, .pareto, .gumbel, .weibull, .empirical: .nan  // not in the mixed model
    }
  }

  @Test func heavyTailedMomentsMatchTheirClosedForms() throws {
    let model = try SimulationSamplingTests.mixedFamilyModel()
    var meanT = 0.0, meanP = 0.0, varT = 0.0, varP = 0.0, cov = 0.0
    for (submodule, weight) in zip(model.submodules, model.weights) {
      let (a, b) = (weight * submodule.truth, weight * submodule.persuasion)
      let variance = submodule.distribution.scale * submodule.distribution.scale
        * SimulationSamplingTests.standardVariance(submodule.distribution)
      meanT += a * submodule.distribution.location
      meanP += b * submodule.distribution.location
      varT += a * a * variance
      varP += b * b * variance
      cov += a * b * variance
    }
    let result = try Simulation(model: model, samples: 100_000, seed: 17).run(threads: 2)
    SimulationFixtures.expectAgreement(result.moments.meanTruth, meanT, 4, "E[T]")
    SimulationFixtures.expectAgreement(result.moments.meanPersuasiveness, meanP, 4, "E[P]")
    SimulationFixtures.expectAgreement(result.moments.varianceTruth, varT, 4, "Var T")
    SimulationFixtures.expectAgreement(result.moments.variancePersuasiveness, varP, 4, "Var P")
    SimulationFixtures.expectAgreement(result.moments.covariance, cov, 4, "Cov")
  }

  /// Selections on a heavy-tailed model (the submodule-by-submodule path) against closed forms.
  /// One Laplace(L, S) submodule with T = P = X: P(X >= a) = e^{−(a − L)/S}/2 and, by the
  /// memoryless tail, E[X | X >= a] = a + S for a >= L. One standard logistic submodule: the
  /// best of n has E[max] = H_{n−1} = 1 + 1/2 + ... + 1/(n − 1).
  @Test func heavyTailedSelectionsMatchClosedForms() throws {
    /// One submodule with T = P = X.
    func single(_ family: Distribution.Family, location: Double, scale: Double) throws -> Model {
      try Model(
        submodules: [
          Submodule(
            name: "X", distribution: Distribution(family: family, location: location, scale: scale),
            truth: 1, persuasion: 1)
        ], weights: [1])
    }
    let laplace = try single(.laplace, location: 0.5, scale: 2)
    let a = 2.5
    let thresholds = try Simulation(
      model: laplace, samples: 100_000, seed: 8, windows: [.threshold(a)]
    ).run(threads: 2)
    let window = thresholds.windows[0]
    SimulationFixtures.expectAgreement(window.acceptance, 0.5 * exp(-(a - 0.5) / 2), 4, "Laplace acceptance")
    SimulationFixtures.expectAgreement(window.meanTruth, a + 2, 4, "Laplace E[X | X >= a]")

    let logistic = try single(.logistic, location: 0, scale: 1)
    let best = try Simulation(
      model: logistic, samples: 2, seed: 8,
      bestOfN: [BestOfNTrials(n: 5, trials: 20_000), BestOfNTrials(n: 10, trials: 20_000)]
    ).run(threads: 2)
    for result in best.bestOfN {
      let harmonic = (1..<result.experiment.n).reduce(0.0) { $0 + 1 / Double($1) }
      SimulationFixtures.expectAgreement(
        result.meanPersuasiveness, harmonic, 4, "logistic best-of-\(result.experiment.n)")
    }
  }

  @Test func cauchyModelGivesNoNaN() throws {
    let model = try Model(
      submodules: [
        Submodule(
          name: "c", distribution: Distribution(family: .cauchy, location: 0, scale: 1),
          truth: 1, persuasion: 1),
        Submodule(
          name: "t", distribution: Distribution(family: .studentT(degreesOfFreedom: 0.05), location: 0, scale: 1),
          truth: 1, persuasion: -1),
      ], weights: [0.5, 0.5])
    let result = try Simulation(
      model: model, samples: 20_000, seed: 1, windows: [.threshold(0)],
      bestOfN: [BestOfNTrials(n: 10, trials: 100)]
    ).run()
    let all = [
      result.moments.meanTruth, result.moments.meanPersuasiveness, result.moments.varianceTruth,
      result.moments.variancePersuasiveness, result.moments.covariance,
      result.windows[0].meanTruth, result.bestOfN[0].meanTruth,
    ]
    #expect(all.allSatisfy { ($0.map { !$0.estimate.isNaN && !$0.standardError.isNaN }) ?? true })
  }
}
