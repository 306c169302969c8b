import Foundation
import Testing

@testable import Goodhart

/// The empirical law: its generalised Pareto fits against the likelihood's own score equations
/// and a dense grid, and against shapes known in advance; its functions against each other and
/// against quadrature; its best-of-n and thresholds in the mixture reading against routes that
/// do not share the mixture's quadrature; its sampler and Monte Carlo.
@Suite struct EmpiricalLawTests {
  /// The mixture of the one persona `law` with T = P.
  static func onePersona() throws -> Model {
    try Model(
      submodules: [
        Submodule(
          name: "C", distribution: Distribution(family: .empirical(law, orientation: .right), location: 0, scale: 1),
          truth: 1, persuasion: 1)
      ],
      weights: [1], composition: .mixture)
  }

  /// m draws of a generalised Pareto law with shape ξ and scale σ, by inversion.
  static func paretoDraws(shape xi: Double, scale sigma: Double, count m: Int, seed: UInt64) -> [Double] {
    var random = SplitMix64(seed: seed)
    return (0..<m).map { _ in
      let u = random.uniform()
      return xi == 0 ? -sigma * log(u) : sigma * expm1(-xi * log(u)) / xi
    }
  }

  /// The generalised Pareto log-likelihood of `excesses`, written out.
  static func logLikelihood(_ excesses: [Double], shape xi: Double, scale sigma: Double) -> Double {
    var total = -Double(excesses.count) * log(sigma)
    for y in excesses {
      let t = 1 + xi * y / sigma
      guard t > 0 else { return -.infinity }
      total -= xi == 0 ? y / sigma : (1 + 1 / xi) * log(t)
    }
    return total
  }

  /// A law of 1000 samples with a normal body, a heavier right tail and a lighter left one.
  static let law: EmpiricalLaw = {
    var random = SplitMix64(seed: 2026)
    let samples = (0..<1000).map { i -> Double in
      let z = random.normal()
      return i % 4 == 0 ? abs(z) * 2 + 0.5 * expm1(-log(random.uniform()) / 3) : z
    }
    return try! EmpiricalLaw(samples: samples, field: "samples")
  }()

  /// At the fit, both partial derivatives of the likelihood vanish (per exceedance, to 1e-6 of
  /// the scale), and no point of a dense (ξ, σ) grid has a larger likelihood.
  @Test(arguments: [-0.3, 0.0, 0.25, 1.0])
  func fitMaximisesTheLikelihood(shape: Double) throws {
    let excesses = EmpiricalLawTests.paretoDraws(shape: shape, scale: 2, count: 500, seed: 7)
    let tail = try #require(GeneralizedParetoTail(fitting: excesses, threshold: 0, mass: 0.1))
    let (xi, sigma) = (tail.shape, tail.scale)
    let k = Double(excesses.count)
    var dSigma = -k / sigma
    var dXi = 0.0
    for y in excesses {
      let t = 1 + xi * y / sigma
      dSigma += (1 + xi) / (sigma * sigma) * y / t
      dXi += log(t) / (xi * xi) - (1 + 1 / xi) * (y / sigma) / t
    }
    #expect(abs(dSigma * sigma) / k <= 1e-6, "∂ℓ/∂σ at ξ \(xi), σ \(sigma)")
    #expect(abs(dXi) / k <= 1e-6, "∂ℓ/∂ξ at ξ \(xi), σ \(sigma)")
    let best = EmpiricalLawTests.logLikelihood(excesses, shape: xi, scale: sigma)
    for i in 0...120 {
      for j in 0...120 {
        let trial = (-0.9 + 2.4 * Double(i) / 120, 2 * exp(-1.5 + 3 * Double(j) / 120))
        let value = EmpiricalLawTests.logLikelihood(excesses, shape: trial.0, scale: trial.1)
        #expect(value <= best + 1e-9 * abs(best), "grid point ξ \(trial.0), σ \(trial.1)")
      }
    }
  }

  /// Samples whose tails are generalised Pareto beyond any threshold (Lomax α = 2: ξ = 1/2; the
  /// exponential: ξ = 0): the fitted shape lies within 4 standard errors of the truth, and the
  /// tail index 2 within 4 of its own.
  @Test func fitRecoversKnownShapes() throws {
    let lomax = EmpiricalLawTests.paretoDraws(shape: 0.5, scale: 0.5, count: 20_000, seed: 11)
    let heavy = try EmpiricalLaw(samples: lomax, field: "samples").rightTail
    let se = try #require(heavy.shapeStandardError)
    #expect(abs(heavy.shape - 0.5) <= 4 * se, "ξ \(heavy.shape) ± \(se)")
    let index = try #require(heavy.tailIndex)
    let indexError = try #require(heavy.tailIndexStandardError)
    #expect(abs(index - 2) <= 4 * indexError, "α \(index) ± \(indexError)")
    let exponential = EmpiricalLawTests.paretoDraws(shape: 0, scale: 1, count: 20_000, seed: 12)
    let light = try EmpiricalLaw(samples: exponential, field: "samples").rightTail
    #expect(abs(light.shape) <= 4 * (try #require(light.shapeStandardError)), "ξ \(light.shape)")
  }

  /// F + Q = 1 to 1e-15; the density integrates to F's increments to 1e-10 (quadrature cut at
  /// the knots); F is continuous at both thresholds and within one knot spacing of the
  /// empirical distribution function at every sample of the body.
  @Test func functionsAgree() throws {
    let law = EmpiricalLawTests.law
    let points = stride(from: -8.0, through: 40, by: 0.37).map { $0 }
    for x in points {
      #expect(abs(law.cdf(x) + law.survival(x) - 1) <= 1e-15, "x \(x)")
      #expect(relativeError(law.logSurvival(x), log(law.survival(x))) <= 1e-13, "x \(x)")
      #expect(relativeError(law.logCDF(x), log(law.cdf(x))) <= 1e-13, "x \(x)")
    }
    let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 200, rule: .gauss21, operation: "test")
    let cuts = [-8.0] + law.breakpoints + [40]
    for (a, b) in zip(cuts, cuts.dropFirst()) where b > a {
      let mass = try quadrature.integrate(law.density, from: a, to: b).value
      #expect(abs(mass - (law.cdf(b) - law.cdf(a))) <= 1e-10 * max(mass, 1e-3), "[\(a), \(b)]")
    }
    for u in [law.leftTail.threshold, law.rightTail.threshold] {
      #expect(abs(law.cdf(u.nextDown) - law.cdf(u.nextUp)) <= 1e-14, "threshold \(u)")
    }
    let m = Double(law.samples.count)
    let spacing = (1 - 2 * law.rightTail.mass) / Double(EmpiricalLaw.maximumKnots - 1)
    for (index, x) in law.samples.enumerated()
    where x >= law.leftTail.threshold && x <= law.rightTail.threshold {
      let ecdf = (Double(index) + 0.5) / m
      #expect(abs(law.cdf(x) - ecdf) <= spacing + 1 / m, "sample \(index) at \(x)")
    }
  }

  /// Both quantiles invert their tails to 1e-12 relative (plus the rounding of x near an end):
  /// from the body to q = 1e-300 in a polynomial tail (Lomax samples, ξ > 0), to q = 1e-10 in
  /// tails that end (ξ < 0), where smaller q lie closer to the end than a double resolves.
  @Test func quantilesInvertTheTails() throws {
    let bounded = EmpiricalLawTests.law
    #expect(bounded.rightTail.shape < 0 && bounded.leftTail.shape < 0)
    let heavy = try EmpiricalLaw(
      samples: EmpiricalLawTests.paretoDraws(shape: 0.5, scale: 1, count: 2000, seed: 3), field: "samples")
    #expect(heavy.rightTail.shape > 0)
    let body = [0.7, 0.5, 0.2, 0.09, 1e-3, 1e-10]
    for (law, upper, lower) in [
      (bounded, body, body), (heavy, body + [1e-100, 1e-300], body),
    ] {
      // Near an end, rounding x (and u ± σ) by ε moves F by ε (|x| + …) g(x): the
      // conditioning allows that much.
      let reach = [law.leftTail, law.rightTail].reduce(0) { $0 + abs($1.threshold) + $1.scale }
      for q in upper {
        let x = law.upperQuantile(q)
        let conditioning = 8 * Double.ulpOfOne * (abs(x) + reach) * law.density(x) / q
        #expect(relativeError(law.survival(x), q) <= 1e-12 + conditioning, "upper q \(q)")
      }
      for q in lower {
        let x = law.lowerQuantile(q)
        let conditioning = 8 * Double.ulpOfOne * (abs(x) + reach) * law.density(x) / q
        #expect(relativeError(law.cdf(x), q) <= 1e-12 + conditioning, "lower q \(q)")
      }
    }
  }

  /// Mean and variance in closed form against quadrature of x g(x) and (x − μ)² g(x).
  @Test func momentsMatchQuadrature() throws {
    let law = EmpiricalLawTests.law
    let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 400, rule: .gauss21, operation: "test")
    func integral(_ h: (Double) -> Double) throws -> Double {
      let cuts = law.breakpoints
      var total = try quadrature.integrate(h, fromMinusInfinityTo: cuts[0]).value
      total += try quadrature.integrate(h, from: cuts[cuts.count - 1]).value
      for (a, b) in zip(cuts, cuts.dropFirst()) { total += try quadrature.integrate(h, from: a, to: b).value }
      return total
    }
    let mean = try integral { $0 * law.density($0) }
    #expect(relativeError(law.mean, mean) <= 1e-9)
    let variance = try integral { ($0 - mean) * ($0 - mean) * law.density($0) }
    #expect(relativeError(law.variance, variance) <= 1e-8)
  }

  /// A one-persona mixture of the empirical law (T = P): best-of-n's E[P] against the
  /// quantile-domain integral ∫₀¹ n uⁿ⁻¹ F⁻¹(u) du (in t = n(1 − u), no density involved), at
  /// n = 10, 10³ and 10⁹ (far beyond the 1000 samples), to 1e-7.
  @Test(arguments: [10.0, 1e3, 1e9])
  func bestOfNMatchesTheQuantileIntegral(n: Double) throws {
    let law = EmpiricalLawTests.law
    let model = try EmpiricalLawTests.onePersona()
    let outcome = try model.outputLaw().bestOfN(n)
    let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-11, limit: 1000, rule: .gauss21, operation: "test")
    // u = 1 − t/n: n u^{n−1} du = (1 − t/n)^{n−1} dt, F⁻¹(u) = Q⁻¹(t/n).
    func h(_ t: Double) -> Double {
      let q = t / n
      guard q < 1 else { return 0 }
      return exp((n - 1) * log1p(-q)) * (q > 0.5 ? law.lowerQuantile(1 - q) : law.upperQuantile(q))
    }
    // Cut where F⁻¹ has a kink (the knots' levels) and at t = 1, 10, 100, … (the weight is
    // about e^{−t}).
    let decades = (0...15).map { pow(10.0, Double($0)) }
    let cuts = ([0, n] + decades + (law.levels.map { 1 - $0 } + [law.rightTail.mass, 1 - law.leftTail.mass]).map { n * $0 })
      .filter { $0 >= 0 && $0 <= n }
    let points = Array(Set(cuts)).sorted()
    var expected = 0.0
    for (a, b) in zip(points, points.dropFirst()) { expected += try quadrature.integrate(h, from: a, to: b).value }
    #expect(relativeError(try #require(outcome.meanPersuasiveness), expected) <= 1e-7, "n \(n): \(outcome.meanPersuasiveness!) vs \(expected)")
    #expect(relativeError(try #require(outcome.meanTruth), expected) <= 1e-7, "n \(n)")
  }

  /// Thresholds in the fitted tail: E[X | X >= τ] = τ + (σ + ξ (τ − u))/(1 − ξ), the generalised
  /// Pareto law's closed form, against the mixture's quadrature, to 1e-9; in the body, against
  /// the mean of the law cut at τ by quadrature.
  @Test func thresholdsMatchTheTailClosedForm() throws {
    let law = EmpiricalLawTests.law
    let model = try EmpiricalLawTests.onePersona()
    let output = try model.outputLaw()
    let tail = law.rightTail
    #expect(tail.shape < 0, "the tail ends at u + σ/|ξ|")
    for tau in [tail.threshold + 0.1, tail.threshold + 3, tail.threshold + 0.999 * tail.end] {
      let selection = try output.threshold(tau)
      let expected = tau + (tail.scale + tail.shape * (tau - tail.threshold)) / (1 - tail.shape)
      #expect(relativeError(selection.acceptance, law.survival(tau)) <= 1e-12, "τ \(tau)")
      #expect(relativeError(try #require(selection.outcome.meanPersuasiveness), expected) <= 1e-9, "τ \(tau)")
    }
    let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 400, rule: .gauss21, operation: "test")
    let tau = 0.3
    let cuts = [tau] + law.breakpoints.filter { $0 > tau }
    var first = try quadrature.integrate({ $0 * law.density($0) }, from: cuts[cuts.count - 1]).value
    for (a, b) in zip(cuts, cuts.dropFirst()) { first += try quadrature.integrate({ $0 * law.density($0) }, from: a, to: b).value }
    let body = try output.threshold(tau)
    #expect(relativeError(try #require(body.outcome.meanPersuasiveness), first / law.survival(tau)) <= 1e-9)
  }

  /// A mixture of a normal persona that carries truth and the empirical one, which does not:
  /// best-of-n's E[T] and E[P] within 4 standard errors of Monte Carlo (the tests' own
  /// generator, each persona drawn by its quantile) at n = 10 and 1000.
  @Test(arguments: [(10, 20_000), (1000, 1_000)])
  func mixtureMatchesMonteCarlo(n: Int, trials: Int) throws {
    let empirical = try Distribution(
      family: .empirical(EmpiricalLawTests.law, orientation: .right), location: 0.5, scale: 0.8)
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "C", distribution: empirical, truth: 0, persuasion: 1),
      ],
      weights: [0.6, 0.4], composition: .mixture)
    let outcome = try model.outputLaw().bestOfN(Double(n))
    var random = SplitMix64(seed: UInt64(n))
    var truth = MeanEstimate()
    var persuasion = MeanEstimate()
    for _ in 0..<trials {
      var best = (t: 0.0, p: -Double.infinity)
      for _ in 0..<n {
        let draw: (t: Double, p: Double)
        if random.uniform() < 0.6 {
          let x = 1 + random.normal()
          draw = (x, x)
        } else {
          draw = (0, empirical.quantile(random.uniform()))
        }
        if draw.p > best.p { best = draw }
      }
      truth.add(best.t)
      persuasion.add(best.p)
    }
    let (meanT, meanP) = (try #require(outcome.meanTruth), try #require(outcome.meanPersuasiveness))
    #expect(abs(meanT - truth.value) <= 4 * truth.standardError, "E[T] \(meanT) vs \(truth.value) ± \(truth.standardError)")
    #expect(abs(meanP - persuasion.value) <= 4 * persuasion.standardError, "E[P] \(meanP) vs \(persuasion.value)")
  }

  /// The sampler's draws against F (Kolmogorov–Smirnov, 20 000 draws, the 0.1% critical value
  /// 1.949/√n), and the law's mean within 4 standard errors of theirs, in both orientations.
  @Test(arguments: [Distribution.Orientation.right, .left])
  func samplerMatchesTheLaw(orientation: Distribution.Orientation) throws {
    let distribution = try Distribution(
      family: .empirical(EmpiricalLawTests.law, orientation: orientation), location: 1, scale: 2)
    var source = RandomSource(seed: 5)
    let count = 20_000
    let draws = (0..<count).map { _ in distribution.sample(using: &source) }.sorted()
    var worst = 0.0
    for (i, x) in draws.enumerated() {
      let f = distribution.standardLaw.cdf((x - 1) / 2)
      worst = max(worst, abs(f - Double(i) / Double(count)), abs(f - Double(i + 1) / Double(count)))
    }
    #expect(worst <= 1.949 / Double(count).squareRoot(), "D = \(worst)")
    let mean = draws.reduce(0, +) / Double(count)
    let sd = (draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)).squareRoot()
    let expected = try #require(distribution.mean)
    #expect(abs(mean - expected) <= 4 * sd / Double(count).squareRoot(), "\(mean) vs \(expected)")
  }

  /// The mirrored law (a negative loading, or `"orientation": "left"`) is the law of −X:
  /// Q_left(z) = F(−z), its fitted upper tail the samples' lower one.
  @Test func leftOrientationMirrors() throws {
    let law = EmpiricalLawTests.law
    let left = StandardLaw(.empirical(law, orientation: .left))
    for z in [-30.0, -2, 0.3, 4] {
      #expect(left.survival(z) == law.cdf(-z))
      #expect(left.logDensity(z) == law.logDensity(-z))
    }
    let tails = try #require(
      Distribution(family: .empirical(law, orientation: .left), location: 1, scale: 2).fittedTails)
    #expect(tails.upper.shape == law.leftTail.shape)
    #expect(tails.upper.threshold == 1 - 2 * law.leftTail.threshold)
    #expect(tails.upper.scale == 2 * law.leftTail.scale)
  }
}
