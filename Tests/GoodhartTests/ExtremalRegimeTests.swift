import Foundation
import Testing
@testable import Goodhart

@Suite struct ExtremalRegimeTests {
  @Test func studentTPersuasionOnlySubmoduleIsStrongGoodhart() throws {
    let regime = try PersuasionLaw(model: heavyTailModel(c: .studentT(degreesOfFreedom: 3))).goodhartRegime(count: 13)
    #expect(regime.verdict == .strongGoodhart, "\(regime.evidence)")
    #expect(regime.peak.n > 1 && regime.peak.n < 1e12)
    #expect(regime.fallback > 0.9, "falls back almost to the unselected mean: \(regime.fallback)")
    #expect(heavyTailRelativeError(regime.baseMeanTruth, 2.0 / 3) < 1e-15)
  }

  @Test func gaussianModelIsRegressional() throws {
    let regime = try PersuasionLaw(model: Preset.cheapPersuasion.model).goodhartRegime(count: 13)
    #expect(regime.verdict == .regressional, "\(regime.evidence)")
    #expect(regime.peak.n == 1e12)
    // The same curve from the closed form E[T] = μ_T + (c/σ_P) e_n.
    let law = try Preset.cheapPersuasion.model.jointLaw()
    for point in regime.points where point.n <= 1e6 {
      #expect(heavyTailRelativeError(point.meanTruth, try law.bestOfN(point.n).meanTruth!) < 1e-9)
    }
  }

  /// An exponential (Laplace) persuasion-only tail: E[A | P = p] tends to the constant
  /// σ_A²/σ_C, so truth levels off.
  @Test func laplacePersuasionOnlySubmoduleIsWeakGoodhart() throws {
    let regime = try PersuasionLaw(model: heavyTailModel(c: .laplace)).goodhartRegime(count: 13)
    #expect(regime.verdict == .weakGoodhart, "\(regime.evidence)")
  }

  @Test func truthIndependentOfPersuasivenessHasNoGain() throws {
    let normal = try Distribution.normal(mean: 1, standardDeviation: 1)
    let model = try Model(
      submodules: [
        Submodule(name: "B", distribution: normal, truth: 1, persuasion: 0),
        Submodule(name: "C", distribution: .init(family: .studentT(degreesOfFreedom: 3), location: 0, scale: 1), truth: 0, persuasion: 1),
      ], weights: [0.5, 0.5])
    #expect(try PersuasionLaw(model: model).goodhartRegime(count: 5).verdict == .noGain)
  }

  @Test func regimeArgumentsAreChecked() throws {
    let law = try PersuasionLaw(model: heavyTailModel(c: .laplace))
    for count in [0, 2, 1001] {
      #expect(throws: SelectionError.self) { try law.goodhartRegime(count: count) }
    }
    for largest in [1.0, 0, .nan, 1e16] {
      #expect(throws: SelectionError.self) { try law.goodhartRegime(maximumN: largest) }
    }
    let cauchyTruth = try heavyTailModel(
      a: Distribution(family: .cauchy, location: 1, scale: 1), b: .normal(mean: 1, standardDeviation: 1),
      c: .normal(mean: 2, standardDeviation: 1))
    #expect {
      try PersuasionLaw(model: cauchyTruth).goodhartRegime(count: 5)
    } throws: { error in (error as? SelectionError)?.field == .model }
  }

  @Test func tiltIsNotNormalisableWithAPolynomialTail() throws {
    for family in [Distribution.Family.studentT(degreesOfFreedom: 3), .cauchy] {
      let tilt = try heavyTailModel(c: family).outputLaw().tilt(kl: 1)
      #expect(tilt == .notNormalisable(submodules: ["C"]))
      #expect(tilt.obstruction?.contains("catastrophic Goodhart") == true)
    }
  }

  @Test func gaussianTiltMatchesTheClosedForm() throws {
    let model = Preset.cheapPersuasion.model
    for kl in [0.01, 1, 7] {
      guard case .normalisable(let beta, let outcome) = try model.outputLaw().tilt(kl: kl) else {
        Issue.record("a Gaussian tilt is normalisable")
        continue
      }
      let exact = try model.jointLaw().tilt(kl: kl)
      #expect(heavyTailRelativeError(beta, exact.beta!) < 1e-12)
      #expect(heavyTailRelativeError(outcome.meanTruth ?? .nan, exact.outcome!.meanTruth!) < 1e-12)
      #expect(heavyTailRelativeError(outcome.meanPersuasiveness ?? .nan, exact.outcome!.meanPersuasiveness!) < 1e-12)
      #expect(heavyTailRelativeError(outcome.kl, kl) < 1e-12)
    }
  }

  /// Laplace and logistic tilts against direct quadrature of the tilted density of one component:
  /// E_β[P] = ∫ p f(p) e^{p/β} dp / ∫ f(p) e^{p/β} dp and KL = E_β[P]/β − ln E[e^{P/β}].
  @Test(arguments: [Distribution.Family.laplace, .logistic])
  func exponentialTailTiltMatchesQuadrature(family: Distribution.Family) throws {
    let c = try Distribution(family: family, location: 0.5, scale: 1.5)
    let model = try Model(
      submodules: [Submodule(name: "C", distribution: c, truth: 2, persuasion: 1)], weights: [1])
    guard case .normalisable(let beta, let outcome) = try model.outputLaw().tilt(kl: 0.8) else {
      Issue.record("Laplace/logistic tilts are normalisable")
      return
    }
    #expect(beta > 1.5, "needs β > |b| S")
    // Finite range: the tilted tails decay like e^{−|p|/S} on the left and e^{−(1/S − 1/β) p} on
    // the right, so e^{−80} of them is left out; split at the location (Laplace's kink).
    let quadrature = Quadrature(relativeTolerance: 1e-12, limit: 400)
    let right = 0.5 + 80 / (1 / 1.5 - 1 / beta)
    func integral(_ f: (Double) -> Double) throws -> Double {
      try quadrature.integrate(f, from: 0.5 - 80 * 1.5, to: 0.5).value
        + quadrature.integrate(f, from: 0.5, to: right).value
    }
    let mass = try integral { p in c.density(p) * exp(p / beta) }
    let first = try integral { p in p * c.density(p) * exp(p / beta) }
    let mean = first / mass
    #expect(heavyTailRelativeError(outcome.meanPersuasiveness ?? .nan, mean) < 1e-9)
    #expect(heavyTailRelativeError(outcome.meanTruth ?? .nan, 2 * mean) < 1e-9)
    #expect(heavyTailRelativeError(mean / beta - log(mass), 0.8) < 1e-9)
  }

  @Test(arguments: [0.0, 1e-6, 0.5, 3, 20])
  func bestOfNCountInvertsTheKL(kl: Double) throws {
    let n = try PersuasionLaw.bestOfNCount(forKL: kl)
    #expect(abs(log(n) - (n - 1) / n - kl) < 1e-12 * max(1, kl))
  }
}

/// The regime's true peak n* and best quantilizer: maximisers, checked against a dense scan.
@Suite struct RegimePeakTests {
  /// C ~ t(3): n* = 21.49 with E[T] = 0.95954, and the best quantilizer q = 0.0762 with
  /// E[T] = 0.97730; no point of a 21-point scan around either beats it by 1e-9 relative.
  @Test func studentTPeakAndQuantilizerAreMaximisers() throws {
    let law = try PersuasionLaw(model: heavyTailModel(c: .studentT(degreesOfFreedom: 3)))
    let regime = try law.goodhartRegime(count: 25)
    let peak = try #require(regime.truePeak)
    #expect(peak.n > 21 && peak.n < 22)
    for k in 0...20 {
      let n = exp(log(15.0) + (log(30.0) - log(15.0)) * Double(k) / 20)
      let truth = try law.bestOfN(n).meanTruth!
      #expect(truth <= peak.meanTruth * (1 + 1e-9), "n = \(n): \(truth) > \(peak.meanTruth)")
    }
    let best = try #require(regime.bestQuantilizer)
    #expect(best.q > 0.07 && best.q < 0.08)
    for k in 0...20 {
      let q = exp(log(0.05) + (log(0.11) - log(0.05)) * Double(k) / 20)
      let truth = try law.quantile(q).outcome.meanTruth!
      #expect(truth <= best.meanTruth * (1 + 1e-9), "q = \(q): \(truth) > \(best.meanTruth)")
    }
    #expect(best.meanTruth > peak.meanTruth)
  }

  /// No interior maximum: a normal C keeps rising; a Laplace C levels off (its largest grid value
  /// is rounding above the plateau, not a peak), under best-of-n and under quantilizers alike.
  @Test func risingAndLevellingCurvesHaveNoPeak() throws {
    for family in [Distribution.Family.normal, .laplace] {
      let regime = try PersuasionLaw(model: heavyTailModel(c: family)).goodhartRegime(count: 25)
      #expect(regime.truePeak == nil, "\(family)")
      #expect(regime.bestQuantilizer == nil, "\(family)")
    }
    #expect(try Preset.cheapPersuasion.model.outputLaw().goodhartRegime(count: 20).truePeak == nil)
  }
}
