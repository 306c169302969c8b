import Foundation
import Testing

@testable import Goodhart

/// REINFORCE and pathwise: unbiased gradients, convergence to the exact optimum, reproducibility.
@Suite struct OptimizationPolicyGradientTests {
  typealias F = OptimizationFixtures

  /// Averaged over 400 batches of 500, each estimator's ∇_w J is within 5 standard errors of the
  /// analytic gradient, component by component (fixed seed).
  @Test(arguments: PolicyGradientSettings.Estimator.allCases)
  func estimatorsAreUnbiased(estimator: PolicyGradientSettings.Estimator) throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    let weights = [0.5, 0.2, 0.3]
    let law = family.normal(at: weights)
    for beta in [0.0, 0.3] {
      let exact = family.objectiveGradient(at: weights, beta: beta)!
      var random = RandomSource(seed: 42)
      var samples = [Double](repeating: 0, count: 3)
      let batches = 400
      var sums = [Double](repeating: 0, count: 3)
      var squares = [Double](repeating: 0, count: 3)
      for _ in 0..<batches {
        let estimate =
          estimator == .reinforce
          ? family.reinforceGradient(weights: weights, law: law, beta: beta, batch: 500, random: &random)
          : family.pathwiseGradient(
            weights: weights, law: law, beta: beta, batch: 500, random: &random, samples: &samples)
        for i in 0..<3 {
          sums[i] += estimate[i]
          squares[i] += estimate[i] * estimate[i]
        }
      }
      for i in 0..<3 {
        let mean = sums[i] / Double(batches)
        let standardError = ((squares[i] / Double(batches) - mean * mean) / Double(batches)).squareRoot()
        if beta == 0 && estimator == .reinforce {
          // With β = 0 REINFORCE scores P's own law; the gradient is p_i m_i exactly in mean.
          #expect(abs(mean - exact[i]) <= 5 * standardError + 1e-12, "\(estimator) i \(i)")
        } else {
          #expect(abs(mean - exact[i]) <= 5 * standardError, "\(estimator) beta \(beta) i \(i): \(mean) vs \(exact[i]) ± \(standardError)")
        }
        #expect(standardError <= 0.05 * max(1, abs(exact[i])), "the check is sharp")
      }
    }
  }

  /// With the default settings both estimators end within 0.02 (L1) of the exact optimum on both
  /// presets (the acceptance bound; observed distances are below 0.01). β = 0.03 on
  /// cheap-persuasion is the noisiest case (the optimum is near the vertex C, where Σ_w is
  /// nearly singular).
  @Test(arguments: [(Preset.cheapPersuasion, 0.03), (.honestPersuasion, 1)])
  func defaultsConvergeToTheExactOptimum(preset: Preset, beta: Double) throws {
    let family = try WeightFamily(model: preset.model)
    let exact = try family.optimum(beta: beta).outcome.weights
    for estimator in PolicyGradientSettings.Estimator.allCases {
      let result = try family.policyGradient(
        PolicyGradientSettings(estimator: estimator, beta: beta, seed: 7))
      #expect(F.distance(result.outcome.weights, exact) <= 0.02, "\(estimator) \(preset) \(beta)")
      #expect(result.steps == PolicyGradientSettings.defaultSteps)
    }
  }

  /// β = 0: the logits run off towards the vertex; the optimiser stops there.
  @Test(arguments: PolicyGradientSettings.Estimator.allCases)
  func betaZeroStopsAtTheVertex(estimator: PolicyGradientSettings.Estimator) throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    let result = try family.policyGradient(
      PolicyGradientSettings(estimator: estimator, beta: 0, steps: 20_000, batch: 64, learningRate: 0.2, seed: 3))
    #expect(result.stop == .vertex)
    #expect(result.averagedFromStep == nil, "beta = 0 reports the last iterate, at the vertex")
    #expect(result.steps < 20_000)
    #expect(result.outcome.weights[2] >= 1 - PolicyGradient.vertexTolerance)
    #expect(result.outcome.weights.allSatisfy { $0.isFinite })
  }

  @Test func sameSeedSameRunOtherSeedOtherRun() throws {
    let family = try WeightFamily(model: Preset.honestPersuasion.model)
    let settings = PolicyGradientSettings(estimator: .reinforce, beta: 0.3, steps: 200, batch: 32, seed: 11, logEvery: 50)
    let first = try family.policyGradient(settings)
    let second = try family.policyGradient(settings)
    #expect(first == second)
    var other = settings
    other.seed = 12
    #expect(try family.policyGradient(other).outcome.weights != first.outcome.weights)
  }

  /// The trajectory: steps 0, k, 2k, ..., the last; every point's numbers are those of its weights.
  @Test func trajectoryIsLoggedEveryKStepsAndConsistent() throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    let result = try family.policyGradient(
      PolicyGradientSettings(estimator: .pathwise, beta: 0.5, steps: 250, batch: 16, seed: 1, logEvery: 100))
    #expect(result.trajectory.map(\.step) == [0, 100, 200, 250])
    for point in result.trajectory {
      #expect(point.outcome == family.outcome(at: point.outcome.weights, beta: 0.5))
    }
    // The result averages the iterates of the last quarter (steps 188...250).
    #expect(result.averagedFromStep == 188)
    #expect(result.outcome == family.outcome(at: result.outcome.weights, beta: 0.5))
    #expect(abs(result.outcome.weights.reduce(0, +) - 1) <= 1e-12)
    #expect(result.trajectory.first?.outcome.weights == Softmax.weights(Softmax.logits(family.baseWeights)))
  }

  @Test(arguments: [
    PolicyGradientSettings(estimator: .reinforce, beta: -1),
    PolicyGradientSettings(estimator: .reinforce, beta: .nan),
    PolicyGradientSettings(estimator: .reinforce, beta: 0.1, steps: 0),
    PolicyGradientSettings(estimator: .pathwise, beta: 0.1, batch: 1),
    PolicyGradientSettings(estimator: .pathwise, beta: 0.1, learningRate: 0),
    PolicyGradientSettings(estimator: .pathwise, beta: 0.1, learningRate: .infinity),
    PolicyGradientSettings(estimator: .pathwise, beta: 0.1, logEvery: 0),
  ])
  func badSettingsAreErrors(settings: PolicyGradientSettings) throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model)
    #expect(throws: OptimisationError.self) { try family.policyGradient(settings) }
  }

  @Test func degenerateBaseWithPositiveBetaIsAnError() throws {
    let family = try WeightFamily(model: Preset.cheapPersuasion.model.withWeights([1, 0, 0]))
    #expect(throws: OptimisationError.degenerateBase) {
      try family.policyGradient(PolicyGradientSettings(estimator: .reinforce, beta: 0.1))
    }
  }

  /// The optimisers' random source: the same seed repeats, the normals have mean 0 and variance 1 (5 SE).
  @Test func randomStreamIsSeededAndNormal() {
    var a = RandomSource(seed: 5)
    var b = RandomSource(seed: 5)
    #expect((0..<10).map { _ in a.nextBits() } == (0..<10).map { _ in b.nextBits() })
    var random = RandomSource(seed: 9)
    let count = 200_000
    var sum = 0.0
    var squares = 0.0
    for _ in 0..<count {
      let x = random.normal()
      sum += x
      squares += x * x
    }
    let mean = sum / Double(count)
    let variance = squares / Double(count) - mean * mean
    #expect(abs(mean) <= 5 / Double(count).squareRoot())
    #expect(abs(variance - 1) <= 5 * (2 / Double(count)).squareRoot())
  }

  /// The ziggurat's blocks, wedges and tail: P(|Z| > c) within 5 binomial standard errors for c
  /// inside the blocks, at the tail start R = 3.4426 and beyond it.
  @Test(arguments: [0.5, 1.5, 2.5, 3.442619855899, 4.0])
  func normalTailsMatchTheNormalLaw(cut: Double) {
    var random = RandomSource(seed: UInt64(cut * 1000))
    let count = 300_000
    var beyond = 0
    for _ in 0..<count where abs(random.normal()) > cut { beyond += 1 }
    let probability = 2 * StandardNormal.survival(cut)
    let standardError = (probability * (1 - probability) / Double(count)).squareRoot()
    #expect(abs(Double(beyond) / Double(count) - probability) <= 5 * standardError, "cut \(cut)")
  }
}
