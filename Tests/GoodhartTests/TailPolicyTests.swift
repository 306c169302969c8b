import Foundation
import Testing

@testable import Goodhart

/// Kwa et al.'s tail policy (`TailPolicy`): its exact means and KL against Monte Carlo and
/// quadrature, the reach of heavy tails, and the tilt bound that stops normal ones.
@Suite struct TailPolicyTests {
  static func model(_ c: Distribution) throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
        Submodule(name: "C", distribution: c, truth: 0.25, persuasion: 1),
      ],
      weights: [0.3, 0.3, 0.4])
  }

  static let heavy = try! model(
    Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1.5))

  /// Draws from the policy: with probability ε, X_C from its law given X_C > x_t (inversion of
  /// the upper tail), else from the base law; E_π[P], E_π[T] and KL = E_π[ln r(X_C)] by averages.
  @Test(arguments: [(8.0, 0.05), (40.0, 0.01), (3.0, 0.5)])
  func meansAndKLAgreeWithMonteCarlo(_ threshold: Double, _ mixing: Double) throws {
    let policy = try TailPolicy(model: Self.heavy, submodule: 2, threshold: threshold, mixing: mixing)
    let c = Self.heavy.submodules[2].distribution
    let q = c.survival(threshold)
    var source = RandomSource(seed: 17)
    let draws = 400_000
    var (sumP, sumT, sumKL) = (0.0, 0.0, 0.0)
    var (squareP, squareT, squareKL) = (0.0, 0.0, 0.0)
    let w = Self.heavy.weights
    for _ in 0..<draws {
      let a = 1 + source.normal(), b = 1 + source.normal()
      let x = source.uniform() < mixing ? c.upperQuantile(q * source.uniform()) : c.sample(using: &source)
      let p = w[0] * a + w[2] * x
      let t = w[0] * a + w[1] * b + w[2] * 0.25 * x
      let ratio = (1 - mixing) + (x > threshold ? mixing / q : 0)
      let kl = log(ratio)
      (sumP, sumT, sumKL) = (sumP + p, sumT + t, sumKL + kl)
      (squareP, squareT, squareKL) = (squareP + p * p, squareT + t * t, squareKL + kl * kl)
    }
    let n = Double(draws)
    func check(_ sum: Double, _ square: Double, _ exact: Double) {
      let mean = sum / n
      let error = ((square / n - mean * mean) / n).squareRoot()
      #expect(abs(mean - exact) <= 4 * error, "mean \(mean) exact \(exact) SE \(error)")
    }
    check(sumP, squareP, policy.meanPersuasiveness)
    check(sumT, squareT, policy.meanTruth)
    check(sumKL, squareKL, policy.kl)
  }

  /// The Student-t conditional mean in closed form against quadrature of the upper partial
  /// moment (the package's general route), to 1e-9 relative.
  @Test(arguments: [0.5, 3.0, 20.0])
  func studentConditionalMeanMatchesQuadrature(_ z: Double) throws {
    let standard = StandardLaw(.studentT(degreesOfFreedom: 3))
    let moments = try standard.tailMoments(above: z)
    let quadrature = z + moments.first! / moments.survival
    // With ε = 1 and C = Z (mean 0, weight 0.4, persuasion 1), E_π[P] − E_0[P] = 0.4 E[Z | Z > z].
    let centred = try Self.model(Distribution(family: .studentT(degreesOfFreedom: 3), location: 0, scale: 1))
    let policy = try TailPolicy(model: centred, submodule: 2, threshold: z, mixing: 1)
    let lift = (policy.meanPersuasiveness - centred.moments.meanPersuasiveness!) / 0.4
    #expect(abs(lift - quadrature) <= 1e-9 * quadrature)
  }

  /// Any target at any budget with the t(3) error, E[T] moved only through C's own small truth
  /// loading; with t_C = 0 E[T] is the base exactly.
  @Test func heavyTailReachesAnyTargetWithinAnyBudget() throws {
    let untrue = try TailPolicyTests.modelWithoutTruthInC()
    for budget in [0.1, 1e-3, 1e-5] {
      for gain in [1.0, 100, 1e4] {
        let policy = try #require(
          try TailPolicy.reaching(gain: gain, klBound: budget, model: untrue, submodule: 2))
        #expect(policy.kl <= budget)
        #expect(policy.meanPersuasiveness - untrue.moments.meanPersuasiveness! >= gain * (1 - 1e-12))
        #expect(policy.meanTruth == untrue.moments.meanTruth!)
      }
    }
  }

  /// Donsker–Varadhan: on a normal model no tail policy beats σ_P sqrt(2 KL), and `reaching`
  /// finds none above it.
  @Test func normalErrorCannotBeatTheTiltBound() throws {
    let normal = try Self.model(Distribution.normal(mean: 2, standardDeviation: 1.5))
    for threshold in [2.5, 4.0, 8.0, 16.0] {
      for mixing in [1e-4, 1e-2, 0.3, 1] {
        let policy = try TailPolicy(model: normal, submodule: 2, threshold: threshold, mixing: mixing)
        let gain = policy.meanPersuasiveness - normal.moments.meanPersuasiveness!
        let ceiling = try TailPolicy.tiltBound(model: normal, klBound: policy.kl)
        #expect(gain <= ceiling * (1 + 1e-12))
      }
    }
    let bound = try TailPolicy.tiltBound(model: normal, klBound: 0.01)
    let beyond = try TailPolicy.reaching(gain: 1.01 * bound, klBound: 0.01, model: normal, submodule: 2)
    #expect(beyond == nil)
  }

  static func modelWithoutTruthInC() throws -> Model {
    try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
        Submodule(
          name: "C", distribution: Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1),
          truth: 0, persuasion: 1),
      ],
      weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
  }
}
