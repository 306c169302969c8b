import Foundation
import Goodhart
import Testing

/// The mixture reading ("personas"): each output is written by one submodule chosen with
/// probability w_i. Checked against the closed forms (a one-submodule mixture is a Gaussian law),
/// against direct numerical integration written here from the definitions, and against Monte
/// Carlo (the package's sampler and an independent one in this file) within 4 standard errors.
@Suite struct MixtureLawTests {
  /// A mixture model from (mean, sd, truth, persuasion) rows and weights.
  static func mixture(_ rows: [(Double, Double, Double, Double)], weights: [Double]) throws -> Model {
    let submodules = try rows.enumerated().map { index, row in
      try Submodule(name: "S\(index)", mean: row.0, sd: row.1, truth: row.2, persuasion: row.3)
    }
    return try Model(submodules: submodules, weights: weights, composition: .mixture)
  }

  /// |a − b| / max(|b|, floor).
  static func close(_ a: Double?, _ b: Double?, _ tolerance: Double, floor: Double = 1e-12) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= tolerance * max(abs(b), floor)
  }

  static func expectSame(_ a: SelectionOutcome, _ b: SelectionOutcome, _ tolerance: Double, _ label: String) {
    #expect(close(a.meanTruth, b.meanTruth, tolerance), "\(label) E[T] \(a) vs \(b)")
    #expect(close(a.meanPersuasiveness, b.meanPersuasiveness, tolerance), "\(label) E[P]")
    #expect(close(a.varianceTruth, b.varianceTruth, tolerance), "\(label) Var T \(a) vs \(b)")
    #expect(close(a.variancePersuasiveness, b.variancePersuasiveness, tolerance), "\(label) Var P \(a) vs \(b)")
    #expect(close(a.kl, b.kl, tolerance, floor: 1e-300), "\(label) KL \(a.kl) vs \(b.kl)")
  }

  /// One submodule: T = t X and P = p X in both readings, so the mixture route must reproduce
  /// the closed forms of the bivariate normal (degenerate) law, to 1e-9 relative.
  @Test(arguments: [(1.0, 2.0, 0.5, 1.5), (-0.7, 0.3, -2.0, 0.8), (2.0, 1.0, 0.0, -1.0)])
  func oneSubmoduleMatchesTheClosedForms(mean: Double, sd: Double, truth: Double, persuasion: Double) throws {
    let row = (mean, sd, truth, persuasion)
    let mixture = try MixtureLawTests.mixture([row], weights: [1]).outputLaw()
    let gaussian = try MixtureLawTests.mixture([row], weights: [1]).composed(as: .sum).outputLaw()
    #expect(mixture.route == .mixture && gaussian.route == .closedForm)
    let centre = persuasion * mean
    let spread = abs(persuasion) * sd
    for z in [-3.0, -0.5, 0, 1, 4, 9] {
      let tau = centre + z * spread
      let a = try mixture.threshold(tau)
      let b = try gaussian.threshold(tau)
      #expect(MixtureLawTests.close(a.acceptance, b.acceptance, 1e-12))
      MixtureLawTests.expectSame(a.outcome, b.outcome, 1e-9, "threshold z = \(z)")
    }
    for q in [1, 0.5, 0.01, 1e-12] {
      let a = try mixture.quantile(q)
      let b = try gaussian.quantile(q)
      #expect(a.threshold == b.threshold || MixtureLawTests.close(a.threshold, b.threshold, 1e-12, floor: spread))
      MixtureLawTests.expectSame(a.outcome, b.outcome, 1e-9, "quantile q = \(q)")
    }
    for n in [1.0, 2, 10, 1e6, 1e15] {
      MixtureLawTests.expectSame(try mixture.bestOfN(n), try gaussian.bestOfN(n), 1e-9, "best-of-\(n)")
    }
    for kl in [1e-6, 0.3, 5] {
      let a = try #require(try mixture.tilt(kl: kl).outcome)
      let b = try #require(try gaussian.tilt(kl: kl).outcome)
      MixtureLawTests.expectSame(a, b, 1e-9, "tilt KL = \(kl)")
    }
    let moments = try MixtureLawTests.mixture([row], weights: [1]).moments
    #expect(MixtureLawTests.close(moments.varianceTruth, truth * truth * sd * sd, 1e-14))
    #expect(MixtureLawTests.close(moments.covariance, truth * persuasion * sd * sd, 1e-14, floor: 1e-300))
  }

  /// Var[max of n standard normals] in closed form: 1 − 1/π at n = 2 and
  /// 1 + √3/(2π) − 9/(4π) at n = 3 (from E[M₃] = 3/(2√π) and E[M₃²] = 1 + √3/(2π)).
  @Test func varianceOfTheMaximumMatchesClosedForms() throws {
    #expect(relativeError(try ExpectedMaximum.varianceOfStandardNormals(1), 1) < 1e-15)
    #expect(relativeError(try ExpectedMaximum.varianceOfStandardNormals(2), 1 - 1 / Double.pi) < 1e-10)
    let three = 1 + 3.0.squareRoot() / (2 * Double.pi) - 9 / (4 * Double.pi)
    #expect(relativeError(try ExpectedMaximum.varianceOfStandardNormals(3), three) < 1e-10)
  }

  /// The presets read as mixtures: the base moments, thresholds on both sides of the atom and
  /// best-of-n against the package's sampler (`Simulation`, mixture draws), within 4 SE.
  @Test func presetsAsMixturesMatchMonteCarlo() throws {
    for preset in Preset.allCases {
      let model = preset.model.composed(as: .mixture)
      let law = try model.outputLaw()
      let result = try Simulation(
        model: model, samples: 400_000, seed: 11, windows: [.threshold(-0.5), .threshold(1.5)],
        bestOfN: [BestOfNTrials(n: 16, trials: 20_000)]
      ).run(threads: 2)
      let moments = law.moments
      SimulationFixtures.expectAgreement(result.moments.meanTruth, moments.meanTruth!, 4, "\(preset) E[T]")
      SimulationFixtures.expectAgreement(result.moments.meanPersuasiveness, moments.meanPersuasiveness!, 4, "\(preset) E[P]")
      SimulationFixtures.expectAgreement(result.moments.varianceTruth, moments.varianceTruth!, 4, "\(preset) Var T")
      SimulationFixtures.expectAgreement(result.moments.covariance, moments.covariance!, 4, "\(preset) Cov")
      for (index, tau) in [-0.5, 1.5].enumerated() {
        let exact = try law.threshold(tau)
        SimulationFixtures.expectAgreement(result.windows[index].acceptance, exact.acceptance, 4, "\(preset) acceptance \(tau)")
        SimulationFixtures.expectAgreement(result.windows[index].meanTruth, exact.outcome.meanTruth!, 4, "\(preset) E[T | P >= \(tau)]")
        SimulationFixtures.expectAgreement(result.windows[index].meanPersuasiveness, exact.outcome.meanPersuasiveness!, 4, "\(preset) E[P | P >= \(tau)]")
      }
      let best = try law.bestOfN(16)
      SimulationFixtures.expectAgreement(result.bestOfN[0].meanTruth, best.meanTruth!, 4, "\(preset) best-of-16 E[T]")
      SimulationFixtures.expectAgreement(result.bestOfN[0].meanPersuasiveness, best.meanPersuasiveness!, 4, "\(preset) best-of-16 E[P]")
    }
  }

  /// Means and variances of every selected law of a mixture with an atom (cheap-persuasion as a
  /// mixture: B has persuasion 0) and a Laplace part, against an independent Monte Carlo written
  /// here (own generator, own selection, ties at the atom broken at random), within 4 SE.
  @Test func selectedMeansAndVariancesMatchAnIndependentSampler() throws {
    let laplace = try Distribution(family: .laplace, location: 0.5, scale: 0.8)
    let model = try Model(
      submodules: [
        try Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        try Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
        try Submodule(name: "C", distribution: laplace, truth: -0.5, persuasion: 1.5),
      ],
      weights: [0.3, 0.3, 0.4], composition: .mixture)
    let law = try model.outputLaw()
    var random = SplitMix64(seed: 2026)
    func draw() -> (t: Double, p: Double) {
      let u = random.uniform()
      if u < 0.3 { let x = 1 + random.normal(); return (x, x) }
      if u < 0.6 { return (1 + random.normal(), 0) }
      let v = random.uniform() - 0.5
      let x = 0.5 - 0.8 * (v < 0 ? -1 : 1) * log(1 - 2 * abs(v))
      return (-0.5 * x, 1.5 * x)
    }
    let count = 400_000
    let sample = (0..<count).map { _ in draw() }
    func check(_ kept: [(t: Double, p: Double)], _ outcome: SelectionOutcome, _ label: String) {
      for (values, mean, variance, name) in [
        (kept.map(\.t), outcome.meanTruth!, outcome.varianceTruth!, "T"),
        (kept.map(\.p), outcome.meanPersuasiveness!, outcome.variancePersuasiveness!, "P"),
      ] {
        let m = Double(values.count)
        let average = values.reduce(0, +) / m
        let centred = values.map { ($0 - average) * ($0 - average) }
        let spread = centred.reduce(0, +) / (m - 1)
        let fourth = centred.map { $0 * $0 }.reduce(0, +) / m
        let meanError = (spread / m).squareRoot()
        let varianceError = (max(fourth - spread * spread, 0) / m).squareRoot()
        #expect(abs(average - mean) <= 4 * meanError, "\(label) E[\(name)] \(average) vs \(mean)")
        #expect(abs(spread - variance) <= 4 * varianceError, "\(label) Var \(name) \(spread) vs \(variance)")
      }
    }
    for tau in [-0.3, 0.0, 1.2] {
      check(sample.filter { $0.p >= tau }, try law.threshold(tau).outcome, "threshold \(tau)")
    }
    // Quantiles, one cutting into the atom (P(P > 0) < 0.75 <= P(P >= 0)), ties at random.
    var order = Array(sample.indices)
    var tieBreak = SplitMix64(seed: 7)
    let keys = sample.map { ($0.p, tieBreak.uniform()) }
    order.sort { keys[$0] > keys[$1] }
    for q in [0.75, 0.2] {
      let selection = try law.quantile(q)
      let kept = order.prefix(Int(q * Double(count))).map { sample[$0] }
      check(kept, selection.outcome, "quantile \(q)")
    }
    let atomShare = try law.quantile(0.75)
    #expect(atomShare.threshold == 0 && atomShare.outcome.kl < -log(0.75))
    // Best-of-8 by P (ties: the first of equal scores, an i.i.d. draw like a random one).
    var winners: [(t: Double, p: Double)] = []
    for trial in 0..<(count / 8) {
      let group = sample[(8 * trial)..<(8 * trial + 8)]
      winners.append(group.max { $0.p < $1.p }!)
    }
    check(winners, try law.bestOfN(8), "best-of-8")
    // The tilt at KL 0.4 by importance weights exp(P / beta) on the base sample.
    let tilt = try law.tilt(kl: 0.4)
    let beta = try #require(tilt.beta)
    let outcome = try #require(tilt.outcome)
    let weights = sample.map { exp($0.p / beta) }
    let total = weights.reduce(0, +)
    let tiltedTruth = zip(sample, weights).reduce(0) { $0 + $1.0.t * $1.1 } / total
    let effective = total * total / weights.map { $0 * $0 }.reduce(0, +)
    let spread = (zip(sample, weights).reduce(0) { $0 + ($1.0.t - tiltedTruth) * ($1.0.t - tiltedTruth) * $1.1 } / total)
    #expect(abs(tiltedTruth - outcome.meanTruth!) <= 4 * (spread / effective).squareRoot(), "tilt E[T]")
  }

  /// The exact best-of-n KL with an atom against direct numerical integration of its definition
  /// over P: ∫ g ln(g / f) with g = n F^{n−1} f off the atom, plus the atom's term (Simpson,
  /// 4e5 panels, error far below the 1e-9 asked).
  @Test func bestOfNDivergenceWithAnAtomMatchesItsDefinition() throws {
    let model = try MixtureLawTests.mixture(
      [(1, 1, 1, 0), (-2, 1, 0, 1), (1, 0.5, 1, 1)], weights: [0.5, 0.3, 0.2])
    let law = try model.outputLaw()
    func cdf(_ p: Double) -> Double {
      let continuous = 0.3 * StandardNormal.cdf(p + 2) + 0.2 * StandardNormal.cdf((p - 1) / 0.5)
      return continuous + (p >= 0 ? 0.5 : 0)
    }
    func density(_ p: Double) -> Double {
      0.3 * StandardNormal.density(p + 2) + 0.2 * StandardNormal.density((p - 1) / 0.5) / 0.5
    }
    for n in [2.0, 5, 40] {
      // Composite Simpson on [−12, 0] and [0, 12] separately (F jumps at 0: the left piece
      // takes F(0⁻) at its right end, the right piece F(0) at its left end).
      func simpson(from a: Double, to b: Double, cdfAt: (Double) -> Double) -> Double {
        let steps = 200_000
        let h = (b - a) / Double(steps)
        var sum = 0.0
        for i in 0...steps {
          let x = a + Double(i) * h
          let f = density(x)
          let g = n * pow(cdfAt(x), n - 1) * f
          let value = g > 0 ? g * log(g / f) : 0
          sum += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * value
        }
        return sum * h / 3
      }
      let integral =
        simpson(from: -12, to: 0) { x in x == 0 ? cdf(-1e-300) : cdf(x) }
        + simpson(from: 0, to: 12) { x in cdf(x) }
      let below = cdf(-1e-300)
      let above = cdf(0)
      let wins = pow(above, n) - pow(below, n)
      let expected = integral + wins * log(wins / 0.5)
      let kl = try law.bestOfN(n).kl
      #expect(abs(kl - expected) <= 1e-9 * expected, "n = \(n): \(kl) vs \(expected)")
      #expect(kl < log(n) - (n - 1) / n)
    }
  }

  /// Conditioning: at the atom the atom alone; elsewhere the posterior weights of the parts.
  @Test func conditioningUsesTheAtomAndThePosterior() throws {
    let law = try Preset.cheapPersuasion.model.composed(as: .mixture).outputLaw()
    let atZero = try law.conditionalTruth(givenPersuasiveness: 0)
    #expect(atZero.mean == 1 && atZero.variance == 1)
    // At p = 1.5: A (truth ratio 1) has density φ(0.5), C (ratio 0) φ(0.5) too: equal weights.
    let middle = try law.conditionalTruth(givenPersuasiveness: 1.5)
    #expect(relativeError(middle.mean!, 0.75) < 1e-14)
    #expect(relativeError(middle.variance!, 1.5 * 1.5 * 0.25) < 1e-14)
    // Far in the tail the posterior is still defined (log densities).
    let far = try law.conditionalTruth(givenPersuasiveness: 60)
    #expect(relativeError(far.mean!, 0) <= 1e-12 || abs(far.mean!) < 1e-12)
  }

  /// Only atoms: P is constant, every selection is an error naming its parameter.
  @Test func onlyAnAtomIsAnError() throws {
    let law = try MixtureLawTests.mixture([(1, 1, 1, 0), (2, 1, 1, 0)], weights: [0.5, 0.5]).outputLaw()
    #expect(throws: SelectionError.self) { try law.threshold(0) }
    #expect(throws: SelectionError.self) { try law.bestOfN(3) }
    #expect(throws: SelectionError.self) { try law.quantile(0.5) }
  }
}
