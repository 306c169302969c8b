import Foundation
import Testing
@testable import Goodhart

@Suite struct HeavyTailQuadratureTests {
  /// The cheap-persuasion preset's law of P as a convolution of its two normal persuasion
  /// components (A: r = 1, C: r = 0), so the nested two-component path runs on a Gaussian model.
  static func nestedGaussianLaw() -> PersuasionLaw {
    // cheap-persuasion's own decomposition: A and C carry persuasion, unmerged.
    let model = Preset.cheapPersuasion.model
    let parts = Decomposition(model: model)
    return PersuasionLaw(
      shape: .sum(Convolution(parts.components[0], parts.components[1])), parts: parts,
      moments: model.moments)
  }

  static func gaussianLaws() throws -> [(String, PersuasionLaw)] {
    [
      ("merged (one normal)", try PersuasionLaw(model: Preset.cheapPersuasion.model)),
      ("nested (two normals)", nestedGaussianLaw()),
    ]
  }

  @Test func normalFamilyThroughQuadratureMatchesClosedForms() throws {
    let closed = try Preset.cheapPersuasion.model.jointLaw()
    for (name, law) in try HeavyTailQuadratureTests.gaussianLaws() {
      for n in [2.0, 10, 1000, 1e6] {
        let exact = try closed.bestOfN(n)
        let quadrature = try law.bestOfN(n)
        #expect(heavyTailRelativeError(quadrature.meanTruth ?? .nan, exact.meanTruth!) < 1e-9, "\(name) n=\(n)")
        #expect(
          heavyTailRelativeError(quadrature.meanPersuasiveness ?? .nan, exact.meanPersuasiveness!) < 1e-9,
          "\(name) n=\(n)")
        #expect(quadrature.kl == exact.kl)
      }
      for tau in [-0.5, 1, 2.5, 4] {
        let exact = try closed.threshold(tau)
        let quadrature = try law.threshold(tau)
        #expect(heavyTailRelativeError(quadrature.acceptance, exact.acceptance) < 1e-9, "\(name) tau=\(tau)")
        #expect(heavyTailRelativeError(quadrature.outcome.meanTruth ?? .nan, exact.outcome.meanTruth!) < 1e-9)
        #expect(
          heavyTailRelativeError(quadrature.outcome.meanPersuasiveness ?? .nan, exact.outcome.meanPersuasiveness!)
            < 1e-9)
      }
      for q in [0.7, 0.1, 1e-6] {
        let exact = try closed.quantile(q)
        let quadrature = try law.quantile(q)
        #expect(heavyTailRelativeError(quadrature.threshold, exact.threshold) < 1e-9, "\(name) q=\(q)")
        #expect(heavyTailRelativeError(quadrature.outcome.meanTruth ?? .nan, exact.outcome.meanTruth!) < 1e-9)
      }
      for p in [-1.0, 1, 3.5] {
        let exact = try closed.conditionalTruth(givenPersuasiveness: p)
        let quadrature = try law.conditionalTruth(givenPersuasiveness: p)
        #expect(heavyTailRelativeError(quadrature.mean ?? .nan, exact.mean!) < 1e-9, "\(name) p=\(p)")
        #expect(heavyTailRelativeError(quadrature.variance ?? .nan, exact.variance!) < 1e-9)
      }
    }
  }

  /// At huge n the merged one-dimensional route and the nested convolution are two independent
  /// computations of the same Gaussian numbers.
  @Test(arguments: [1e9, 1e12, 1e15])
  func nestedAndMergedGaussianAgreeAtHugeN(n: Double) throws {
    let merged = try PersuasionLaw(model: Preset.cheapPersuasion.model).bestOfN(n)
    let nested = try HeavyTailQuadratureTests.nestedGaussianLaw().bestOfN(n)
    #expect(heavyTailRelativeError(nested.meanTruth ?? .nan, merged.meanTruth ?? 0) < 1e-9)
    #expect(heavyTailRelativeError(nested.meanPersuasiveness ?? .nan, merged.meanPersuasiveness ?? 0) < 1e-9)
  }

  @Test func studentTConvergesToTheGaussianAsDofGrows() throws {
    let gaussian = try heavyTailModel(c: .normal).jointLaw().bestOfN(100)
    var previous = Double.infinity
    for nu in [4.0, 16, 64, 256, 1024] {
      let outcome = try PersuasionLaw(model: heavyTailModel(c: .studentT(degreesOfFreedom: nu))).bestOfN(100)
      let error = heavyTailRelativeError(outcome.meanTruth ?? .nan, gaussian.meanTruth!)
        + heavyTailRelativeError(outcome.meanPersuasiveness ?? .nan, gaussian.meanPersuasiveness!)
      #expect(error < previous, "dof \(nu): \(error) after \(previous)")
      previous = error
    }
    #expect(previous < 1e-3)
  }

  /// A single persuasion component needs no convolution: E[max] also equals
  /// ∫_0^1 G⁻¹(u^{1/n}) du, an independent route through the quantile function.
  @Test(arguments: [2.0, 10, 1000])
  func singleComponentMatchesTheQuantileRoute(n: Double) throws {
    let normal = try Distribution.normal(mean: 1, standardDeviation: 1)
    let t3 = try Distribution(family: .studentT(degreesOfFreedom: 3), location: 2, scale: 1)
    let model = try Model(
      submodules: [
        Submodule(name: "B", distribution: normal, truth: 1, persuasion: 0),
        Submodule(name: "C", distribution: t3, truth: 0.5, persuasion: 1),
      ], weights: [0.5, 0.5])
    let outcome = try PersuasionLaw(model: model).bestOfN(n)
    // u = w⁶ on [0, 1/2] and 1 − u = v³ on [1/2, 1] remove the endpoint singularities
    // (G⁻¹(u^{1/n}) ~ −u^{−1/(3n)} and ~ ((1 − u)/n)^{−1/3} for Student-t(3)).
    let quadrature = Quadrature(relativeTolerance: 1e-11, limit: 400)
    let lower = try quadrature.integrate(
      { w in 6 * pow(w, 5) * t3.quantile(exp(6 * log(w) / n)) }, from: 0, to: pow(0.5, 1.0 / 6)
    ).value
    let upper = try quadrature.integrate(
      { v in 3 * v * v * t3.quantile(exp(log1p(-v * v * v) / n)) }, from: 0, to: pow(0.5, 1.0 / 3)
    ).value
    let expectedMaximum = lower + upper
    #expect(heavyTailRelativeError(outcome.meanPersuasiveness ?? .nan, 0.5 * expectedMaximum) < 1e-8)
    #expect(heavyTailRelativeError(outcome.meanTruth ?? .nan, 0.5 + 0.25 * expectedMaximum) < 1e-8)
  }

  static let monteCarloModels: [(String, Distribution.Family)] = [
    ("Student-t(3) C", .studentT(degreesOfFreedom: 3)), ("Laplace C", .laplace), ("logistic C", .logistic),
    ("Cauchy C", .cauchy),
  ]

  @Test(arguments: monteCarloModels)
  func bestOfNMatchesMonteCarlo(name: String, family: Distribution.Family) throws {
    let model = try heavyTailModel(c: family)
    let law = try PersuasionLaw(model: model)
    for (n, trials, seed) in [(10, 20_000, UInt64(7)), (1000, 300, UInt64(11))] {
      let exact = try law.bestOfN(Double(n))
      let sample = heavyTailMonteCarloBestOfN(model, n: n, trials: trials, seed: seed)
      let truth = try #require(exact.meanTruth)
      #expect(abs(truth - sample.truth) < 4 * sample.truthError, "\(name) n=\(n) E[T]")
      if family == .cauchy {
        #expect(exact.meanPersuasiveness == nil, "E[P] of the best of n Cauchy draws is +∞")
      } else {
        let persuasion = try #require(exact.meanPersuasiveness)
        #expect(abs(persuasion - sample.persuasion) < 4 * sample.persuasionError, "\(name) n=\(n) E[P]")
      }
    }
  }

  @Test func thresholdAndQuantileMatchMonteCarlo() throws {
    let model = try heavyTailModel(c: .studentT(degreesOfFreedom: 3))
    let law = try PersuasionLaw(model: model)
    let tau = 2.0
    let exact = try law.threshold(tau)
    var random = HeavyTailSplitMix(seed: 2026)
    var kept: [(Double, Double)] = []
    let samples = 200_000
    for _ in 0..<samples {
      let (t, p) = heavyTailDraw(model, &random)
      if p >= tau { kept.append((t, p)) }
    }
    let m = Double(kept.count)
    let acceptance = m / Double(samples)
    #expect(abs(exact.acceptance - acceptance) < 4 * (acceptance * (1 - acceptance) / Double(samples)).squareRoot())
    let meanT = kept.reduce(0) { $0 + $1.0 } / m
    let sdT = (kept.reduce(0) { $0 + ($1.0 - meanT) * ($1.0 - meanT) } / (m - 1) / m).squareRoot()
    #expect(abs((exact.outcome.meanTruth ?? .nan) - meanT) < 4 * sdT)
    let meanP = kept.reduce(0) { $0 + $1.1 } / m
    let sdP = (kept.reduce(0) { $0 + ($1.1 - meanP) * ($1.1 - meanP) } / (m - 1) / m).squareRoot()
    #expect(abs((exact.outcome.meanPersuasiveness ?? .nan) - meanP) < 4 * sdP)
    // The quantilizer keeping exactly that fraction is threshold filtering at the same tau.
    let quantile = try law.quantile(exact.acceptance)
    #expect(heavyTailRelativeError(quantile.threshold, tau) < 1e-9)
    #expect(heavyTailRelativeError(quantile.outcome.meanTruth ?? .nan, exact.outcome.meanTruth ?? 0) < 1e-8)
  }

  @Test func extremeSelectionReturnsToTheUnselectedMean() throws {
    let law = try PersuasionLaw(model: heavyTailModel(c: .studentT(degreesOfFreedom: 3)))
    let base = 2.0 / 3
    let huge = try law.bestOfN(1e12)
    let truth = try #require(huge.meanTruth)
    #expect(truth > base && truth - base < 1e-3, "E[T] at n = 10^12: \(truth)")
    // The survival of P at the best-of-10^12 median is resolved relative to itself.
    let median = try law.upperQuantile(-expm1(-M_LN2 / 1e12))
    #expect(heavyTailRelativeError(try law.survival(median), -expm1(-M_LN2 / 1e12)) < 1e-9)
  }

  @Test func momentsThatDoNotExistStayNil() throws {
    let cauchyTruth = try heavyTailModel(
      a: .normal(mean: 1, standardDeviation: 1),
      b: Distribution(family: .cauchy, location: 1, scale: 1),
      c: .normal(mean: 2, standardDeviation: 1))
    let outcome = try PersuasionLaw(model: cauchyTruth).bestOfN(10)
    #expect(outcome.meanTruth == nil)
    #expect(outcome.meanPersuasiveness != nil)
    #expect(cauchyTruth.moments.meanTruth == nil)
    #expect(cauchyTruth.moments.covariance == nil)
    #expect(cauchyTruth.moments.variancePersuasiveness != nil)
    let t2 = try heavyTailModel(c: .studentT(degreesOfFreedom: 2)).moments
    #expect(t2.meanPersuasiveness != nil && t2.variancePersuasiveness == nil && t2.correlation == nil)
  }

  @Test func unsupportedModelsAndBadArgumentsAreClearErrors() throws {
    let laplace = try Distribution(family: .laplace, location: 0, scale: 1)
    let silent = try Model(
      submodules: [Submodule(name: "A", distribution: laplace, truth: 1, persuasion: 0)], weights: [1])
    #expect(throws: SelectionError.self) { try PersuasionLaw(model: silent) }
    let law = try PersuasionLaw(model: heavyTailModel(c: .laplace))
    for n in [0.0, -3, .nan, .infinity, 2e15] {
      #expect(throws: SelectionError.self) { try law.bestOfN(n) }
    }
    for q in [0.0, -0.1, 1.5, .nan] {
      #expect(throws: SelectionError.self) { try law.quantile(q) }
    }
    #expect(throws: SelectionError.self) { try law.threshold(.infinity) }
    #expect(throws: SelectionError.self) { try law.conditionalTruth(givenPersuasiveness: .nan) }
  }
}
