import CGSL
import Foundation
import Testing

@testable import Goodhart

/// The cumulant generating function by quadrature (`TiltCumulant.byQuadrature`), for the laws
/// with a finite one and no closed form: against the closed forms where they exist (Gumbel,
/// the exponential Weibull, the Rayleigh law that is the Weibull k = 2), against an independent
/// quadrature in the normal variable for a left lognormal, an empirical law's closed-form body
/// against quadrature over its knots, and a mixture's tilt against the tilted density integrated
/// directly.
@Suite struct NumericCumulantTests {
  static let quadrature = Quadrature(
    absoluteTolerance: 1e-15, relativeTolerance: 1e-12, limit: 1000, rule: .gauss21, operation: "test")

  /// ∫_{−∞}^{∞} h, cut at `cuts` (QAGIL below the first, QAG between, QAGIU above the last).
  static func integral(_ h: (Double) -> Double, cuts: [Double]) throws -> Double {
    var total = try quadrature.integrate(h, fromMinusInfinityTo: cuts[0]).value
    total += try quadrature.integrate(h, from: cuts[cuts.count - 1]).value
    for (a, b) in zip(cuts, cuts.dropFirst()) { total += try quadrature.integrate(h, from: a, to: b).value }
    return total
  }

  /// The quadrature agrees with the closed forms of the max-Gumbel (both orientations) and the
  /// exponential Weibull to 1e-9 relative in K, K′ and K″, from small θ to near the abscissa.
  @Test func quadratureMatchesClosedForms() {
    let laws: [(Distribution.Family, Double)] = [
      (.gumbel(orientation: .right), 0.8), (.gumbel(orientation: .left), 0.8),
      (.weibull(shape: 1, orientation: .right), 1.5), (.weibull(shape: 1, orientation: .left), 1.5),
    ]
    for (family, scale) in laws {
      let law = StandardLaw(family)
      for fraction in [0.01, 0.3, 0.9] {
        let theta = fraction / scale
        let numeric = TiltCumulant.byQuadrature(law, scale: scale, theta)
        let closed = (
          TiltCumulant.value(law, scale: scale, theta), TiltCumulant.derivative(law, scale: scale, theta),
          TiltCumulant.secondDerivative(law, scale: scale, theta)
        )
        #expect(relativeError(numeric.value, closed.0) <= 1e-9, "\(family) θσ \(fraction): K")
        #expect(relativeError(numeric.derivative, closed.1) <= 1e-9, "\(family) θσ \(fraction): K′")
        #expect(relativeError(numeric.second, closed.2) <= 1e-9, "\(family) θσ \(fraction): K″")
      }
    }
  }

  /// The Weibull with k = 2 is a Rayleigh law: M(t) = 1 + (√π/2) t e^{t²/4} erfc(−t/2), and
  /// M′(t) = (√π/2) e^{t²/4} erfc(−t/2) (1 + t²/2) + t/2. K and K′ to 1e-9 at t up to 40, where
  /// M is about e^{400}.
  @Test func weibullTwoMatchesTheRayleighForm() {
    let law = StandardLaw(.weibull(shape: 2, orientation: .right))
    for t in [0.05, 0.7, 3, 12, 40] {
      let root = Double.pi.squareRoot() / 2
      let e = exp(t * t / 4) * erfc(-t / 2)
      let m = 1 + root * t * e
      let slope = root * e * (1 + t * t / 2) + t / 2
      let numeric = TiltCumulant.byQuadrature(law, scale: 1, t)
      #expect(relativeError(numeric.value, log(m)) <= 1e-9, "t \(t): K")
      #expect(relativeError(numeric.derivative, slope / m) <= 1e-9, "t \(t): K′")
    }
  }

  /// An empirical law's body in closed form (`EmpiricalLaw.bodyExponentialMoments`) against the
  /// same cumulant integrated by quadrature over every knot, both orientations, from θ near 0 to
  /// a θ that puts the tilted law's peak in a fitted tail: K, K′ and K″ to 1e-9.
  @Test(arguments: [Distribution.Orientation.right, .left])
  func empiricalBodyInClosedFormMatchesQuadrature(orientation: Distribution.Orientation) {
    let law = StandardLaw(.empirical(EmpiricalLawTests.law, orientation: orientation))
    for theta in [1e-4, 0.05, 0.8, 4, 30] {
      let closed = TiltCumulant.byQuadrature(law, scale: 1.3, theta)
      let quadrature = TiltCumulant.byQuadrature(law, scale: 1.3, theta, bodyInClosedForm: false)
      #expect(relativeError(closed.value, quadrature.value) <= 1e-9, "θ \(theta): K")
      #expect(relativeError(closed.derivative, quadrature.derivative) <= 1e-9, "θ \(theta): K′")
      #expect(relativeError(closed.second, quadrature.second) <= 1e-9, "θ \(theta): K″")
    }
  }

  /// A left Weibull with k = 1/2, W = −σ E² (E exponential), whose density is unbounded at 0:
  /// M(θ) = ∫ e^{−x − u x²} dx = √(π/(4u)) e^{1/(4u)} erfc(1/(2√u)) with u = σθ, so
  /// K = ln M to 1e-9, and K′ = σ d ln M/du against a central difference of that closed form to
  /// 1e-6.
  @Test func leftWeibullHalfMatchesItsClosedForm() {
    let law = StandardLaw(.weibull(shape: 0.5, orientation: .left))
    func logM(_ u: Double) -> Double {
      0.5 * log(Double.pi / (4 * u)) + 1 / (4 * u) + log(erfc(1 / (2 * u.squareRoot())))
    }
    for u in [0.1, 1, 10] {
      let scale = 1.3
      let numeric = TiltCumulant.byQuadrature(law, scale: scale, u / scale)
      #expect(relativeError(numeric.value, logM(u)) <= 1e-9, "u \(u): K")
      let step = 1e-5 * u
      let slope = scale * (logM(u + step) - logM(u - step)) / (2 * step)
      #expect(relativeError(numeric.derivative, slope) <= 1e-6, "u \(u): K′")
    }
  }

  /// A left lognormal, W = −σ_W e^{sN}: E[e^{θW}] = ∫ φ(n) exp(−θσ_W e^{sn}) dn, integrated in n
  /// by GSL (QAGI), to 1e-9 in K; its tilted mean to 1e-8.
  @Test func leftLognormalMatchesTheNormalVariable() throws {
    let law = StandardLaw(.lognormal(sigma: 0.6, orientation: .left))
    for theta in [0.1, 1, 10] {
      let scale = 1.3
      func weight(_ n: Double) -> Double { gsl_ran_ugaussian_pdf(n) * exp(-theta * scale * exp(0.6 * n)) }
      let cuts = [-8.0, -2, 0, 2, 8]
      let m0 = try NumericCumulantTests.integral(weight, cuts: cuts)
      let m1 = try NumericCumulantTests.integral({ n in -scale * exp(0.6 * n) * weight(n) }, cuts: cuts)
      let numeric = TiltCumulant.byQuadrature(law, scale: scale, theta)
      #expect(relativeError(numeric.value, log(m0)) <= 1e-9, "θ \(theta): K")
      #expect(relativeError(numeric.derivative, m1 / m0) <= 1e-8, "θ \(theta): K′")
    }
  }

  /// A mixture with a normal persona and a right Weibull k = 2 persona (no closed-form cumulant):
  /// the tilt at KL 0.5 against the tilted density integrated directly at the same θ = 1/β:
  /// E_θ[P] = ∫ p e^{θp} f(p) dp / ∫ e^{θp} f(p) dp and KL = θ E_θ[P] − ln E[e^{θP}], to 1e-8.
  @Test func mixtureTiltMatchesTheTiltedDensity() throws {
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(
          name: "W", distribution: Distribution(family: .weibull(shape: 2, orientation: .right), location: 0.5, scale: 1.2),
          truth: 0, persuasion: 1),
      ], weights: [0.6, 0.4], composition: .mixture)
    guard case .normalisable(let beta, let outcome) = try model.outputLaw().tilt(kl: 0.5) else {
      Issue.record("the tilt is normalisable")
      return
    }
    let theta = 1 / beta
    func density(_ p: Double) -> Double {
      0.6 * gsl_ran_ugaussian_pdf(p - 1) + 0.4 * gsl_ran_weibull_pdf(p - 0.5, 1.2, 2)
    }
    let cuts = [-6.0, 0.5, 2, 4, 10]
    let mass = try NumericCumulantTests.integral({ p in exp(theta * p) * density(p) }, cuts: cuts)
    let meanP = try NumericCumulantTests.integral({ p in p * exp(theta * p) * density(p) }, cuts: cuts) / mass
    let meanT =
      try NumericCumulantTests.integral({ p in 0.6 * p * exp(theta * p) * gsl_ran_ugaussian_pdf(p - 1) }, cuts: cuts)
      / mass
    #expect(relativeError(try #require(outcome.meanPersuasiveness), meanP) <= 1e-8)
    #expect(relativeError(try #require(outcome.meanTruth), meanT) <= 1e-8)
    #expect(relativeError(outcome.kl, theta * meanP - log(mass)) <= 1e-8)
    #expect(relativeError(outcome.kl, 0.5) <= 1e-10)
  }
}
