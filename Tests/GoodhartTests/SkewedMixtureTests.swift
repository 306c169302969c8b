import CGSL
import Foundation
import Testing

@testable import Goodhart

/// The mixture route with skewed personas: a right Gumbel, and a Gumbel with a negative
/// persuasion loading (its P is the mirror image, a left Gumbel). Every number against an
/// independent quadrature of the mixture's density and tails written out with GSL's Gumbel
/// functions (the mirror by hand), to 1e-7 relative; E[P] and best-of-10 against Monte Carlo.
@Suite struct SkewedMixtureTests {
  static let model = try! Model(
    submodules: [
      Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
      Submodule(
        name: "C", distribution: Distribution(family: .gumbel(orientation: .right), location: 0.5, scale: 0.8),
        truth: 0, persuasion: 1),
      Submodule(
        name: "D", distribution: Distribution(family: .gumbel(orientation: .right), location: 1, scale: 0.5),
        truth: 0.3, persuasion: -0.7),
    ],
    weights: [0.4, 0.35, 0.25], composition: .mixture)

  /// (weight, T/P, density of P, survival of P) per persona, written out independently.
  static let personas: [(weight: Double, ratio: Double, density: @Sendable (Double) -> Double, survival: @Sendable (Double) -> Double)] = [
    (0.4, 1, { gsl_ran_gaussian_pdf($0 - 1, 1) }, { gsl_cdf_gaussian_Q($0 - 1, 1) }),
    (0.35, 0, { gsl_ran_gumbel1_pdf(($0 - 0.5) / 0.8, 1, 1) / 0.8 }, { gsl_cdf_gumbel1_Q(($0 - 0.5) / 0.8, 1, 1) }),
    // P = −0.7 X with X = 1 + 0.5 G: P > p ⇔ X < −p/0.7.
    (0.25, 0.3 / -0.7, { gsl_ran_gumbel1_pdf((-$0 / 0.7 - 1) / 0.5, 1, 1) / 0.35 },
     { gsl_cdf_gumbel1_P((-$0 / 0.7 - 1) / 0.5, 1, 1) }),
  ]

  static let quadrature = Quadrature(
    absoluteTolerance: 0, relativeTolerance: 1e-11, limit: 1000, rule: .gauss21, operation: "test")

  /// ∫_{−∞}^{∞} h: QAGIL below `at` − 5, QAG on [`at` − 5, `at` + 5], QAGIU above.
  static func integral(_ h: (Double) -> Double, splitAt at: Double = 0) throws -> Double {
    try quadrature.integrate(h, fromMinusInfinityTo: at - 5).value
      + quadrature.integrate(h, from: at - 5, to: at + 5).value
      + quadrature.integrate(h, from: at + 5).value
  }

  static func density(_ p: Double) -> Double { personas.reduce(0) { $0 + $1.weight * $1.density(p) } }
  static func truthDensity(_ p: Double) -> Double {
    personas.reduce(0) { $0 + $1.weight * $1.ratio * $1.density(p) }
  }
  static func survival(_ p: Double) -> Double { personas.reduce(0) { $0 + $1.weight * $1.survival(p) } }

  @Test func thresholdMatchesQuadrature() throws {
    let law = try SkewedMixtureTests.model.outputLaw()
    for tau in [-1.0, 0.5, 3, 8] {
      let selection = try law.threshold(tau)
      let kept = SkewedMixtureTests.survival(tau)
      let q = SkewedMixtureTests.quadrature
      let meanP = tau + (try q.integrate(SkewedMixtureTests.survival, from: tau).value) / kept
      let meanT = try q.integrate({ $0 * SkewedMixtureTests.truthDensity($0) }, from: tau).value / kept
      #expect(relativeError(selection.acceptance, kept) <= 1e-9, "τ \(tau)")
      #expect(relativeError(try #require(selection.outcome.meanPersuasiveness), meanP) <= 1e-7, "τ \(tau)")
      #expect(abs(try #require(selection.outcome.meanTruth) - meanT) <= 1e-7 * max(1, abs(meanT)), "τ \(tau)")
    }
  }

  /// Best-of-n at n = 10, 10³, 10⁹: E[P] and E[T] of the maximum, n F^{n−1} f integrated from
  /// the median of the maximum (found by bisection on n ln F = −ln 2) to either side.
  @Test(arguments: [10.0, 1e3, 1e9])
  func bestOfNMatchesQuadrature(n: Double) throws {
    let law = try SkewedMixtureTests.model.outputLaw()
    let outcome = try law.bestOfN(n)
    func logF(_ p: Double) -> Double { log1p(-SkewedMixtureTests.survival(p)) }
    var (low, high) = (-50.0, 200.0)
    for _ in 0..<200 { let mid = (low + high) / 2; if n * logF(mid) < -M_LN2 { low = mid } else { high = mid } }
    let median = (low + high) / 2
    func weight(_ p: Double) -> Double { exp(log(n) + (n - 1) * logF(p)) }
    let meanP = try SkewedMixtureTests.integral({ $0 * weight($0) * SkewedMixtureTests.density($0) }, splitAt: median)
    let meanT = try SkewedMixtureTests.integral({ $0 * weight($0) * SkewedMixtureTests.truthDensity($0) }, splitAt: median)
    #expect(relativeError(try #require(outcome.meanPersuasiveness), meanP) <= 1e-7, "n \(n): \(meanP)")
    // At n = 10⁹ the maximum comes from the Gumbel persona C, which carries no truth: E[T] is
    // about 7e-35, far below the quadrature's absolute tolerance (1e-13 of the scale of T).
    #expect(abs(try #require(outcome.meanTruth) - meanT) <= 1e-7 * abs(meanT) + 1e-12, "n \(n): \(meanT)")
  }

  /// The tilt at KL 0.5: E_θ[P], E_θ[T] and KL = θ E_θ[P] − ln E[e^{θP}] at the θ = 1/β it
  /// returns, by quadrature of e^{θp} f(p). The Gumbel personas' cumulants are ln Γ(1 ∓ σθ).
  @Test func tiltMatchesQuadrature() throws {
    let law = try SkewedMixtureTests.model.outputLaw()
    let tilt = try law.tilt(kl: 0.5)
    let theta = 1 / (try #require(tilt.beta))
    let outcome = try #require(tilt.outcome)
    // e^{θp} f(p), 0 where f underflows (e^{θp} may overflow there).
    func tilted(_ f: @escaping (Double) -> Double) -> (Double) -> Double {
      { p in
        let value = f(p)
        return value == 0 ? 0 : exp(theta * p) * value
      }
    }
    let mass = try SkewedMixtureTests.integral(tilted(SkewedMixtureTests.density))
    let meanP = try SkewedMixtureTests.integral(tilted { $0 * SkewedMixtureTests.density($0) }) / mass
    let meanT = try SkewedMixtureTests.integral(tilted { $0 * SkewedMixtureTests.truthDensity($0) }) / mass
    #expect(relativeError(try #require(outcome.meanPersuasiveness), meanP) <= 1e-7)
    #expect(relativeError(try #require(outcome.meanTruth), meanT) <= 1e-7)
    #expect(relativeError(outcome.kl, theta * meanP - log(mass)) <= 1e-7)
    #expect(relativeError(outcome.kl, 0.5) <= 1e-9)
  }

  /// The cumulants against ln Γ by GSL at a point away from the series, and the series against
  /// them just below its switch (|u| < 1e-3), for both orientations; the exponential Weibull
  /// against −ln(1 ∓ u).
  @Test func cumulantsMatchTheirClosedForms() {
    for side in [Distribution.Orientation.right, .left] {
      let law = StandardLaw(.gumbel(orientation: side))
      let s = side == .right ? 1.0 : -1.0
      for (scale, theta) in [(0.8, 0.5), (2.0, 4e-4), (1.0, 9.99e-4)] {
        let u = s * scale * theta
        #expect(relativeError(TiltCumulant.value(law, scale: scale, theta), gsl_sf_lngamma(1 - u)) <= 1e-12)
        #expect(relativeError(TiltCumulant.derivative(law, scale: scale, theta), -s * scale * gsl_sf_psi(1 - u)) <= 1e-12)
        #expect(relativeError(TiltCumulant.secondDerivative(law, scale: scale, theta), scale * scale * gsl_sf_psi_1(1 - u)) <= 1e-12)
      }
      let exponential = StandardLaw(.weibull(shape: 1, orientation: side))
      #expect(relativeError(TiltCumulant.value(exponential, scale: 2, 0.1), -log(1 - s * 0.2)) <= 1e-15)
    }
    #expect(TiltCumulant.abscissa(StandardLaw(.gumbel(orientation: .right)), scale: 0.8) == 1.25)
    #expect(TiltCumulant.abscissa(StandardLaw(.gumbel(orientation: .left)), scale: 0.8) == .infinity)
    #expect(TiltCumulant.abscissa(StandardLaw(.lognormal(sigma: 1, orientation: .right)), scale: 1) == 0)
  }

  /// A right lognormal persona: no exponential moment, so no tilt is normalisable; a left one and
  /// a left Weibull with k < 1 (its density unbounded at the end of its support): finite
  /// cumulants by quadrature, so tilts at the KL asked. Best-of-n is exact for all three.
  @Test func tiltsWithoutAClosedForm() throws {
    func model(_ family: Distribution.Family) throws -> Model {
      try Model(
        submodules: [
          Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
          Submodule(name: "L", distribution: Distribution(family: family, location: 0, scale: 1), truth: 0, persuasion: 1),
        ], weights: [0.5, 0.5], composition: .mixture)
    }
    let right = try model(.lognormal(sigma: 0.5, orientation: .right)).outputLaw()
    #expect(try right.tilt(kl: 0.5).obstruction != nil)
    _ = try right.bestOfN(100)
    let left = try model(.lognormal(sigma: 0.5, orientation: .left)).outputLaw()
    #expect(try left.tilt(kl: 0.5).obstruction == nil)
    _ = try left.bestOfN(100)
    let singular = try model(.weibull(shape: 0.5, orientation: .left)).outputLaw()
    guard case .normalisable(_, let outcome) = try singular.tilt(kl: 0.5) else {
      Issue.record("the left Weibull's tilt is normalisable")
      return
    }
    #expect(relativeError(outcome.kl, 0.5) <= 1e-10)
    _ = try singular.bestOfN(100)
  }

  /// Monte Carlo: E[P] and the best of 10 within 4 standard errors of the exact route.
  @Test func monteCarloAgrees() throws {
    let law = try SkewedMixtureTests.model.outputLaw()
    let result = try Simulation(
      model: SkewedMixtureTests.model, samples: 400_000, seed: 21, bestOfN: [try BestOfNTrials(n: 10, trials: 100_000)]
    ).run(threads: 1)
    let p = try #require(result.moments.meanPersuasiveness)
    #expect(abs(p.estimate - law.moments.meanPersuasiveness!) <= 4 * p.standardError)
    let best = try law.bestOfN(10)
    let simulated = try #require(result.bestOfN.first)
    let truth = try #require(simulated.meanTruth)
    #expect(abs(truth.estimate - best.meanTruth!) <= 4 * truth.standardError)
  }
}
