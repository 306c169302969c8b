import CGSL
import Foundation
import Testing

@testable import Goodhart

/// The skewed families (lognormal, Lomax, max-Gumbel, Weibull, in both orientations): their
/// closed forms against GSL's own distributions, against quadrature of the density, their
/// moments, the model file's keys and errors, and what the routes do with them.
@Suite struct SkewedFamilyTests {
  static let families: [Distribution.Family] = [
    .lognormal(sigma: 0.6, orientation: .right), .lognormal(sigma: 1.5, orientation: .left),
    .pareto(alpha: 3, orientation: .right), .pareto(alpha: 0.8, orientation: .left),
    .gumbel(orientation: .right), .gumbel(orientation: .left),
    .weibull(shape: 0.5, orientation: .right), .weibull(shape: 2.5, orientation: .left),
    .weibull(shape: 1, orientation: .right),
  ]

  /// GSL's right-oriented density and upper tail at x (an independent implementation):
  /// gsl_ran_lognormal (ζ = 0), gsl_ran_pareto shifted by 1 (b = 1, so Lomax is Pareto − 1),
  /// gsl_ran_gumbel1 (a = b = 1), gsl_ran_weibull (a = 1, b = k).
  static func reference(_ family: Distribution.Family, at x: Double)
    -> (density: Double, lower: Double, upper: Double)
  {
    switch family {
    case .lognormal(let sigma, _):
      guard x > 0 else { return (0, 0, 1) }
      return (gsl_ran_lognormal_pdf(x, 0, sigma), gsl_cdf_lognormal_P(x, 0, sigma), gsl_cdf_lognormal_Q(x, 0, sigma))
    case .pareto(let alpha, _):
      guard x > 0 else { return (0, 0, 1) }
      return (gsl_ran_pareto_pdf(x + 1, alpha, 1), gsl_cdf_pareto_P(x + 1, alpha, 1), gsl_cdf_pareto_Q(x + 1, alpha, 1))
    case .gumbel: return (gsl_ran_gumbel1_pdf(x, 1, 1), gsl_cdf_gumbel1_P(x, 1, 1), gsl_cdf_gumbel1_Q(x, 1, 1))
    case .weibull(let k, _):
      guard x > 0 else { return (0, 0, 1) }
      return (gsl_ran_weibull_pdf(x, 1, k), gsl_cdf_weibull_P(x, 1, k), gsl_cdf_weibull_Q(x, 1, k))
    default: return (.nan, .nan, .nan)
    }
  }

  /// Density, both tails and their logarithms against GSL (the left orientation read at −z), to
  /// 1e-12 relative wherever GSL's value is above 1e-300.
  @Test(arguments: families)
  func closedFormsMatchGSL(family: Distribution.Family) {
    let law = StandardLaw(family)
    let sign = family.orientation == .left ? -1.0 : 1.0
    for x in [-3.0, -0.5, 1e-3, 0.2, 1, 2.5, 7, 30, 120] {
      let z = sign * x
      let (density, lower, upper) = SkewedFamilyTests.reference(family, at: x)
      let (survival, cdf) = sign > 0 ? (upper, lower) : (lower, upper)
      #expect(relativeError(law.density(z), density) <= 1e-12, "\(family) density at \(z)")
      if survival > 1e-300, survival < 1 - 1e-6 {
        #expect(relativeError(law.survival(z), survival) <= 1e-12, "\(family) Q at \(z)")
        // A logarithm's error is the value's relative error: 1e-12, or relative beyond 1.
        #expect(abs(law.logSurvival(z) - log(survival)) <= 1e-12 * max(1, -log(survival)), "\(family) ln Q at \(z)")
      }
      if cdf > 1e-300, cdf < 1 - 1e-6 {
        #expect(relativeError(law.cdf(z), cdf) <= 1e-12, "\(family) F at \(z)")
        #expect(abs(law.logCDF(z) - log(cdf)) <= 1e-12 * max(1, -log(cdf)), "\(family) ln F at \(z)")
      }
      #expect(abs(law.cdf(z) + law.survival(z) - 1) <= 1e-15)
    }
  }

  /// The density at the start of the support: 0 (lognormal), α (Lomax), and for Weibull ∞, 1,
  /// 0 as k < 1, k = 1, k > 1; 0 just outside it.
  @Test func densityAtTheStartOfTheSupport() {
    #expect(StandardLaw(.lognormal(sigma: 1, orientation: .right)).density(0) == 0)
    #expect(StandardLaw(.pareto(alpha: 2.5, orientation: .right)).density(0) == 2.5)
    #expect(StandardLaw(.pareto(alpha: 2.5, orientation: .left)).density(0) == 2.5)
    #expect(StandardLaw(.weibull(shape: 0.5, orientation: .right)).density(0) == .infinity)
    #expect(StandardLaw(.weibull(shape: 1, orientation: .right)).density(0) == 1)
    #expect(StandardLaw(.weibull(shape: 2, orientation: .left)).density(0) == 0)
    #expect(StandardLaw(.pareto(alpha: 2.5, orientation: .right)).density(-1e-300) == 0)
    #expect(StandardLaw(.weibull(shape: 1, orientation: .left)).density(1e-300) == 0)
  }

  /// Quantiles invert both tails down to 1e-300, and F(z) equals ∫_{−∞}^z g by quadrature.
  @Test(arguments: families)
  func quantilesInvertAndTheDensityIntegratesToTheCDF(family: Distribution.Family) throws {
    let law = StandardLaw(family)
    // Where the quantile is a double: F⁻¹(1e-300) of a left Lomax with α = 0.8 is about −10^375,
    // and of a Weibull with k = 1/2 about 10^−600 (both round to the end of the doubles).
    for q in [0.9, 0.5, 0.1, 1e-3, 1e-12, 1e-100, 1e-300] {
      let upper = law.upperQuantile(q)
      if upper.isFinite, upper != 0 {
        #expect(relativeError(law.survival(upper), q) <= 1e-11, "\(family) Q(Q⁻¹(\(q)))")
      }
      let lower = law.quantile(q)
      if lower.isFinite, lower != 0 {
        #expect(relativeError(law.cdf(lower), q) <= 1e-11, "\(family) F(F⁻¹(\(q)))")
      }
    }
    let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 400, rule: .gauss21, operation: "test")
    for p in [0.01, 0.3, 0.7, 0.99] {
      let z = law.quantile(p)
      // From F⁻¹(1e-18) (a density may be singular at the end of the support), split at 0.
      let low = law.quantile(1e-18)
      let ends = [low] + (low < 0 && 0 < z ? [0] : []) + [z]
      var total = 0.0
      for (a, b) in zip(ends.dropLast(), ends.dropFirst()) where b > a {
        total += try quadrature.integrate({ law.density($0) }, from: a, to: b).value
      }
      #expect(abs(total - p) <= 1e-9, "\(family): ∫ g to F⁻¹(\(p)) = \(total)")
    }
  }

  /// Mean and variance against quadrature of z g(z) and z² g(z) (moments that do not exist are
  /// nil: Lomax with α <= 1 has no mean).
  @Test(arguments: families)
  func momentsMatchQuadrature(family: Distribution.Family) throws {
    let law = try Distribution(family: family, location: 0.5, scale: 2)
    let standard = StandardLaw(family)
    if case .pareto(let alpha, _) = family, alpha <= 1 {
      #expect(law.mean == nil && law.variance == nil)
      return
    }
    let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 400, rule: .gauss21, operation: "test")
    func moment(_ power: Double) throws -> Double {
      try quadrature.integrate({ pow($0, power) * standard.density($0) }, from: 0).value
        + quadrature.integrate({ pow(-$0, power) * standard.density(-$0) }, from: 0).value
    }
    let (first, second) = (try moment(1), try moment(2))
    #expect(relativeError(try #require(law.mean), 0.5 + 2 * first) <= 1e-9, "\(family) mean")
    #expect(relativeError(try #require(law.variance), 4 * (second - first * first)) <= 1e-8, "\(family) variance")
  }

  /// The closed forms that name the families: E[Gumbel] = γ, the Lomax with α = 3 has mean 1/2
  /// and variance 3/4, the exponential (Weibull k = 1) has mean and variance 1, the lognormal
  /// e^{σ²/2}; the left orientation negates the mean.
  @Test func namedMoments() throws {
    func law(_ family: Distribution.Family) throws -> Distribution {
      try Distribution(family: family, location: 0, scale: 1)
    }
    #expect(relativeError(try law(.gumbel(orientation: .right)).mean!, 0.5772156649015329) <= 1e-15)
    #expect(relativeError(try law(.gumbel(orientation: .left)).mean!, -0.5772156649015329) <= 1e-15)
    #expect(relativeError(try law(.pareto(alpha: 3, orientation: .right)).mean!, 0.5) <= 1e-15)
    #expect(relativeError(try law(.pareto(alpha: 3, orientation: .right)).variance!, 0.75) <= 1e-15)
    #expect(try law(.pareto(alpha: 2, orientation: .right)).variance == nil)
    #expect(relativeError(try law(.weibull(shape: 1, orientation: .right)).mean!, 1) <= 1e-15)
    #expect(relativeError(try law(.weibull(shape: 1, orientation: .right)).variance!, 1) <= 1e-14)
    #expect(relativeError(try law(.lognormal(sigma: 1, orientation: .left)).mean!, -exp(0.5)) <= 1e-15)
  }

  /// The largest σ and smallest k whose variance is a double are accepted.
  @Test func parametersAtTheEdgeOfTheDoublesAreAccepted() throws {
    let lognormal = try Distribution(family: .lognormal(sigma: 18.8, orientation: .left), location: 0, scale: 1)
    #expect(lognormal.variance?.isFinite == true && lognormal.mean?.isFinite == true)
    let weibull = try Distribution(family: .weibull(shape: 0.0118, orientation: .right), location: 0, scale: 1)
    #expect(weibull.variance?.isFinite == true && weibull.mean?.isFinite == true)
  }

  /// The model file: every family with its key and orientation reads back to the same model.
  @Test func modelFileKeysRoundTrip() throws {
    let text = """
      {"submodules": [
        {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
        {"name": "L", "distribution": {"family": "lognormal", "location": 0, "scale": 1, "sigma": 0.5},
         "truth": 1, "persuasion": 0},
        {"name": "P", "distribution": {"family": "pareto", "location": 1, "scale": 2, "alpha": 3,
         "orientation": "left"}, "truth": 0.5, "persuasion": 0},
        {"name": "G", "distribution": {"family": "gumbel", "location": 0, "scale": 1}, "truth": 0, "persuasion": 0},
        {"name": "W", "distribution": {"family": "weibull", "location": 0, "scale": 1, "shape": 1.5,
         "orientation": "right"}, "truth": 1, "persuasion": 0}
      ], "weights": [0.2, 0.2, 0.2, 0.2, 0.2]}
      """
    let model = try Model(json: Data(text.utf8))
    #expect(model.submodules[1].distribution.family == .lognormal(sigma: 0.5, orientation: .right))
    #expect(model.submodules[2].distribution.family == .pareto(alpha: 3, orientation: .left))
    #expect(model.submodules[4].distribution.family == .weibull(shape: 1.5, orientation: .right))
    #expect(try Model(json: model.json) == model)
  }

  /// Bad keys name the field and say the rule.
  @Test(arguments: [
    (#""family": "lognormal""#, "distribution.sigma", "is required for the lognormal family"),
    (#""family": "lognormal", "sigma": 0"#, "distribution.sigma", "must be finite and > 0 (got 0.0)"),
    (#""family": "lognormal", "sigma": 1, "dof": 3"#, "distribution.dof",
     "is not a parameter of the lognormal family (its parameter is sigma)"),
    (#""family": "gumbel", "alpha": 2"#, "distribution.alpha", "is not a parameter of the gumbel family (it has none)"),
    (#""family": "pareto", "alpha": -1"#, "distribution.alpha", "must be finite and > 0 (got -1.0)"),
    (#""family": "lognormal", "sigma": 19"#, "distribution.sigma",
     "must keep the law's variance a finite double (σ <= 18.8 for lognormal, k >= 0.0117 for weibull; got 19.0)"),
    (#""family": "weibull", "shape": 0.0116"#, "distribution.shape", nil),
    (#""family": "weibull", "shape": 2, "orientation": "up""#, "distribution.orientation",
     #"must be "right" or "left" (got "up")"#),
    (#""family": "laplace", "orientation": "left""#, "distribution.orientation",
     "is only allowed for the skewed families lognormal, pareto, gumbel and weibull (got laplace)"),
    (#""family": "weibull", "shape": 2, "orientation": 1"#, "distribution.orientation", nil),
  ])
  func badKeysNameTheField(keys: String, field: String, rule: String?) {
    let text = """
      {"submodules": [{"name": "X", "distribution": {\(keys), "location": 0, "scale": 1},
        "truth": 1, "persuasion": 1}], "weights": [1]}
      """
    #expect {
      try Model(json: Data(text.utf8))
    } throws: { error in
      guard let error = error as? ModelError else { return false }
      return error.field == "submodules[0].\(field)" && (rule == nil || error.rule == rule)
    }
  }

  /// A skewed law that carries persuasion takes the sum reading's quadrature (`SkewedSumTests`
  /// checks its numbers) and the mixture route; one that carries truth only is exact (through its
  /// mean and variance), and Monte Carlo agrees with its moments within 4 standard errors.
  @Test func routesTakeSkewedPersuasionAndSkewedTruth() throws {
    let skewed = try Submodule(
      name: "C", distribution: Distribution(family: .lognormal(sigma: 0.5, orientation: .right), location: -1, scale: 1),
      truth: 0.5, persuasion: 1)
    let a = try Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1)
    let persuading = try Model(submodules: [a, skewed], weights: [0.5, 0.5])
    #expect(try persuading.outputLaw().route == .quadrature)
    let mixture = try Model(submodules: [a, skewed], weights: [0.5, 0.5], composition: .mixture)
    #expect(try mixture.outputLaw().route == .mixture, "the mixture route covers skewed personas")

    let truthOnly = try Model(
      submodules: [a, Submodule(name: "C", distribution: skewed.distribution, truth: 0.5, persuasion: 0)],
      weights: [0.5, 0.5])
    let law = try truthOnly.outputLaw()
    let mean = -1 + exp(0.125)  // location + e^{σ²/2}
    #expect(relativeError(try #require(truthOnly.moments.meanTruth), 0.5 + 0.25 * mean) <= 1e-15)
    let result = try Simulation(model: truthOnly, samples: 400_000, seed: 11).run(threads: 1)
    let truth = try #require(result.moments.meanTruth)
    #expect(abs(truth.estimate - law.moments.meanTruth!) <= 4 * truth.standardError)
    let persuadingMC = try Simulation(model: persuading, samples: 400_000, seed: 12).run(threads: 1)
    let p = try #require(persuadingMC.moments.meanPersuasiveness)
    #expect(abs(p.estimate - (0.5 + 0.5 * mean)) <= 4 * p.standardError)
  }

  /// The asymptote of best-of-n truth reads the right tail of b·X: a right Lomax is polynomial
  /// (a truthless one returns E[T] to base), a right Gumbel exponential, a lognormal or Weibull
  /// k < 1 subexponential (base beside normal parts), and a right Lomax under a negative
  /// coefficient (its bounded side turned right) never carries the extremes: beside a normal part
  /// that carries truth, E[T] is unbounded.
  @Test func asymptoteReadsTheOrientedTail() throws {
    func model(_ family: Distribution.Family, persuasion: Double) throws -> Model {
      try Model(
        submodules: [
          Submodule(name: "B", mean: 0, sd: 1, truth: 1, persuasion: 1),
          Submodule(
            name: "C", distribution: Distribution(family: family, location: 0, scale: 1),
            truth: 0, persuasion: persuasion),
        ], weights: [0.5, 0.5])
    }
    let lomax = try model(.pareto(alpha: 3, orientation: .right), persuasion: 1).bestOfNAsymptote()
    #expect(lomax.kind == .base, "\(lomax.reason)")
    let gumbel = try model(.gumbel(orientation: .right), persuasion: 1).bestOfNAsymptote()
    // C's share of P, X_C/2, has an exponential tail of rate r = 2; B's share X_B/2 is tilted by
    // e^{r X_B/2} = e^{X_B}, so E[X_B] becomes 1 and the limit is a_B · 1 = 1/2 (base 0).
    #expect(gumbel.kind == .plateau, "\(gumbel.reason)")
    #expect(abs((gumbel.limit ?? .nan) - 0.5) <= 1e-12)
    // Lognormal and Weibull k < 1 are subexponential with every other part of P normal: base,
    // and the quadrature's E[T] closes in on it (the approach is slow: ln n grows slowly).
    for family in [Distribution.Family.lognormal(sigma: 1, orientation: .right), .weibull(shape: 0.5, orientation: .right)] {
      let subexponential = try model(family, persuasion: 1)
      let verdict = subexponential.bestOfNAsymptote()
      #expect(verdict.kind == .base, "\(family): \(verdict.reason)")
      let law = try subexponential.outputLaw()
      let gaps = try [1e3, 1e9, 1e15].map { n in abs(try #require(try law.bestOfN(n).meanTruth) - 0) }
      #expect(gaps[0] > gaps[1] && gaps[1] > gaps[2], "\(family): \(gaps)")
    }
    // A right Lomax under a negative coefficient turns its bounded side right: B's normal tail
    // carries P's extremes (and tilts C's share towards its end), so E[T] grows with n.
    let boundedModel = try model(.pareto(alpha: 3, orientation: .right), persuasion: -1)
    let bounded = boundedModel.bestOfNAsymptote()
    #expect(bounded.kind == .unbounded, "\(bounded.reason)")
    let boundedLaw = try boundedModel.outputLaw()
    let truths = try [1e3, 1e9, 1e15].map { n in try #require(try boundedLaw.bestOfN(n).meanTruth) }
    #expect(truths[0] < truths[1] && truths[1] < truths[2], "\(truths)")
    // A lognormal beside another lognormal leaves a part without an exponential moment: no
    // theorem.
    let twoLognormals = try Model(
      submodules: [
        Submodule(
          name: "B", distribution: Distribution(family: .lognormal(sigma: 0.5, orientation: .right), location: 0, scale: 1),
          truth: 1, persuasion: 1),
        Submodule(
          name: "C", distribution: Distribution(family: .lognormal(sigma: 1, orientation: .right), location: 0, scale: 1),
          truth: 0, persuasion: 1),
      ], weights: [0.5, 0.5])
    #expect(twoLognormals.bestOfNAsymptote().kind == .undetermined)
  }
}
