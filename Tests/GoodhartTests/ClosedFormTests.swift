import Foundation
import Testing

@testable import Goodhart

/// Each closed form against the direct quadrature of its defining integral.
@Suite struct ClosedFormQuadratureTests {
  let law = try! Preset.cheapPersuasion.model.jointLaw()
  let quadrature = Quadrature(relativeTolerance: 1e-12, limit: 500, rule: .gauss61)

  /// Density of P at p.
  func density(_ p: Double) -> Double {
    let sd = law.standardDeviationPersuasiveness
    return StandardNormal.density((p - law.meanPersuasiveness) / sd) / sd
  }

  @Test(arguments: [-3.0, -0.5, 0, 1.3, 4.0, 8.0])
  func thresholdMatchesItsDefiningIntegrals(z: Double) throws {
    let sd = law.standardDeviationPersuasiveness
    let tau = law.meanPersuasiveness + sd * z
    let selection = try law.threshold(tau)
    // acceptance = ∫_τ^∞ f_P, E[P | P >= τ] = ∫ p f_P / acceptance,
    // E[T | P >= τ] = ∫ E[T | P = p] f_P / acceptance, KL = ∫ f_P/acc ln(1/acc) = −ln acc.
    let acceptance = try quadrature.integrate(density, from: tau).value
    let meanP = try quadrature.integrate({ p in p * density(p) }, from: tau).value / acceptance
    let meanT = try quadrature.integrate({ p in
      (try? law.conditionalTruth(givenPersuasiveness: p).mean)! * density(p)
    }, from: tau).value / acceptance
    #expect(relativeError(selection.acceptance, acceptance) <= 1e-10)
    #expect(relativeError(selection.outcome.meanPersuasiveness!, meanP) <= 1e-10)
    #expect(relativeError(selection.outcome.meanTruth!, meanT) <= 1e-10)
    #expect(relativeError(selection.outcome.kl, -log(acceptance)) <= 1e-10)
  }

  @Test(arguments: [0.9, 0.5, 0.1, 1e-4, 1e-9])
  func quantileKeepsExactlyItsFraction(q: Double) throws {
    let selection = try law.quantile(q)
    let kept = try quadrature.integrate(density, from: selection.threshold).value
    let meanP = try quadrature.integrate({ p in p * density(p) }, from: selection.threshold).value
    #expect(relativeError(kept, q) <= 1e-10)
    #expect(relativeError(selection.outcome.meanPersuasiveness!, meanP / kept) <= 1e-10)
    #expect(selection.outcome.kl == -log(q))
  }

  @Test(arguments: [2.0, 2.5, 10.0, 1000.0])
  func bestOfNDivergenceMatchesItsDefiningIntegral(n: Double) throws {
    // KL = ∫ g ln(g/φ), g = n φ Φ^{n−1} the density of the maximum: ln g/φ = ln n + (n−1) ln Φ.
    let direct = try quadrature.integrateOverRealLine { x in
      let logCDF = StandardNormal.logCDF(x)
      let g = n * StandardNormal.density(x) * exp((n - 1) * logCDF)
      return g == 0 ? 0 : g * (log(n) + (n - 1) * logCDF)
    }
    #expect(relativeError(try law.bestOfN(n).kl, direct.value) <= 1e-10)
  }

  @Test(arguments: [0.05, 0.3, 1.0, 4.0])
  func tiltMatchesItsDefiningIntegrals(beta: Double) throws {
    // π(p) ∝ f_P(p) e^{p/β}: normaliser Z, E_π[P], KL = E_π[P]/β − ln Z. Integrate around the
    // tilted mean so the quadrature sees the mass.
    let selection = try law.tilt(beta: beta)
    let centre = selection.outcome!.meanPersuasiveness!
    let sd = law.standardDeviationPersuasiveness
    let weight: (Double) -> Double = { p in
      let z = (p - law.meanPersuasiveness) / sd
      return exp(-0.5 * z * z + (p - centre) / beta) * StandardNormal.inverseSqrtTwoPi / sd
    }
    let (low, high) = (centre - 40 * sd, centre + 40 * sd)
    let normaliser = try quadrature.integrate(weight, from: low, to: high).value
    let meanP = try quadrature.integrate({ p in p * weight(p) }, from: low, to: high).value / normaliser
    let kl = (meanP - centre) / beta - log(normaliser)
    #expect(relativeError(selection.outcome!.meanPersuasiveness!, meanP) <= 1e-10)
    #expect(relativeError(selection.outcome!.kl, kl) <= 1e-9)
  }
}

/// The tails and edges of the closed forms.
@Suite struct ClosedFormTailTests {
  let law = try! Preset.cheapPersuasion.model.jointLaw()

  @Test(arguments: [1e3, 1e5, 1e10, 1e100])
  func thresholdFarInTheUpperTailFollowsTheAsymptotics(z: Double) throws {
    let sd = law.standardDeviationPersuasiveness
    let selection = try law.threshold(law.meanPersuasiveness + sd * z)
    let zz = (selection.threshold - law.meanPersuasiveness) / sd
    // λ(z) = z + 1/z − 2/z³ + …, −ln Q(z) = z²/2 + ln(z sqrt(2π)) + 1/z² + …
    let lambda = zz + 1 / zz - 2 / (zz * zz * zz)
    let kl = 0.5 * zz * zz + log(zz) + StandardNormal.logSqrtTwoPi + 1 / (zz * zz)
    #expect(selection.acceptance == 0)
    #expect(relativeError(selection.outcome.kl, kl) <= 1e-13)
    #expect(relativeError(selection.outcome.meanPersuasiveness! - law.meanPersuasiveness, sd * lambda) <= 1e-13)
  }

  @Test func thresholdBeyondOverflowHasInfiniteKLNotNaN() throws {
    let selection = try law.threshold(1e300)
    #expect(selection.outcome.kl == .infinity)
    #expect(selection.outcome.meanPersuasiveness!.isFinite)
  }

  @Test(arguments: [-5.0, -10, -20, -37])
  func thresholdFarInTheLowerTailKeepsTheTinyKL(z: Double) throws {
    let sd = law.standardDeviationPersuasiveness
    let tau = law.meanPersuasiveness + sd * z
    let selection = try law.threshold(tau)
    let exactZ = (tau - law.meanPersuasiveness) / sd
    // KL = −ln(1 − Φ(z)) = Φ + Φ²/2 + Φ³/3 + …; E[Z | Z >= z] = φ(z)/Q(z) (tiny, kept in logs).
    let lower = StandardNormal.cdf(exactZ)
    #expect(relativeError(selection.outcome.kl, lower + lower * lower / 2 + lower * lower * lower / 3) <= 1e-14)
    #expect(selection.outcome.kl > 0)
    let hazard = StandardNormal.upperTail(exactZ).inverseMillsRatio
    #expect(relativeError(hazard, StandardNormal.density(exactZ) / (1 - lower)) <= 1e-13)
    #expect(relativeError(StandardNormal.inverseMillsRatio(exactZ), hazard) <= 1e-13)
  }

  @Test(arguments: [1e-300, 1e-300 / 1e10, Double.leastNonzeroMagnitude])
  func quantileDownToSubnormalFractions(q: Double) throws {
    let selection = try law.quantile(q)
    let threshold = try law.threshold(selection.threshold)
    // The same cut seen from both ends: shift = λ(z) = φ(z)/q.
    #expect(relativeError(selection.outcome.meanPersuasiveness!, threshold.outcome.meanPersuasiveness!) <= 1e-12)
    #expect(relativeError(selection.outcome.kl, -log(q)) == 0)
    #expect(relativeError(threshold.outcome.kl, -log(q)) <= 1e-12)
  }

  @Test func quantileOfOneIsTheBaseLaw() throws {
    let selection = try law.quantile(1)
    #expect(selection.threshold == -.infinity)
    #expect(selection.outcome.meanTruth == law.meanTruth)
    #expect(selection.outcome.kl == 0)
  }

  @Test(arguments: [1 + 1e-12, 1 + 1e-6, 1.01, 1.2])
  func bestOfNDivergenceNearOneKeepsItsDigits(n: Double) {
    // ln n − (n−1)/n = Σ_{k>=2} (−1)^k (k−1)/k m^k with m = n − 1 (alternating, exact terms).
    let m = n - 1
    var series = 0.0
    var power = m
    for k in 2...60 {
      power *= m
      series += (k % 2 == 0 ? 1 : -1) * Double(k - 1) / Double(k) * power
    }
    #expect(relativeError(JointLaw.bestOfNDivergence(n), series) <= 1e-14)
  }

  @Test func zeroVarianceOfTruthGivesZeroCorrelationAndNoNaN() throws {
    let model = try Model(
      submodules: [Submodule(name: "A", mean: 1, sd: 1, truth: 0, persuasion: 1)], weights: [1])
    let law = try model.jointLaw()
    #expect(law.correlation == 0)
    #expect(try law.threshold(2).outcome.meanTruth == 0)
    #expect(try law.conditionalTruth(givenPersuasiveness: 3).variance == 0)
  }

  @Test func residualVarianceIsExactlyZeroForProportionalLoadings() throws {
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 0.3, truth: 2, persuasion: 1),
        Submodule(name: "B", mean: -1, sd: 1.7, truth: 0.2, persuasion: 0.1),
      ], weights: [0.3, 0.7])
    let law = try model.jointLaw()
    #expect(law.residualVarianceTruth >= 0)
    #expect(law.residualVarianceTruth <= 1e-30 * law.varianceTruth)
  }
}

/// Every selection on a constant P is an error that says so, never NaN.
@Suite struct ZeroVarianceTests {
  static let law = try! Model(
    submodules: [
      Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 0),
      Submodule(name: "B", mean: 2, sd: 1, truth: 1, persuasion: 0),
    ], weights: [0.5, 0.5]
  ).jointLaw()

  static let selections: [(String, @Sendable () throws -> Void)] = [
    ("persuasiveness", { _ = try law.conditionalTruth(givenPersuasiveness: 0) }),
    ("tau", { _ = try law.threshold(0) }),
    ("q", { _ = try law.quantile(0.5) }),
    ("n", { _ = try law.bestOfN(10) }),
    ("beta", { _ = try law.tilt(beta: 1) }),
    ("kl", { _ = try law.tilt(kl: 1) }),
    ("target", { _ = try law.bestOfN(reachingMeanPersuasiveness: 1) }),
    ("target", { _ = try law.threshold(reachingMeanPersuasiveness: 1) }),
    ("target", { _ = try law.tilt(reachingMeanPersuasiveness: 1) }),
  ]

  @Test(arguments: 0..<selections.count)
  func selectionOnConstantPersuasivenessIsAnError(index: Int) {
    let (field, selection) = Self.selections[index]
    do {
      try selection()
      Issue.record("expected an error for \(field)")
    } catch let error as SelectionError {
      #expect(error.field.description == field)
      #expect(error.rule.contains("zero variance"))
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
