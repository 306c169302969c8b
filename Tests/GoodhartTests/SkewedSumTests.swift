import Foundation
import Testing
@testable import Goodhart

/// The sum reading's quadrature with a skewed law carrying persuasion (lognormal, Lomax, Gumbel,
/// Weibull, either orientation, either sign of the coefficient), beside a normal part of P:
/// against an independent reference that integrates over the skewed part's quantile variable
/// (no density of it, no centring, no mirrored sum), and against the tests' own Monte Carlo.
@Suite struct SkewedSumTests {
  /// One test model: A ~ N(1, 1) (truth 1, persuasion 1), B ~ N(1, 1) (truth only) and C skewed.
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let family: Distribution.Family
    let location: Double
    let scale: Double
    let truth: Double
    let persuasion: Double
    let weights: [Double]

    var testDescription: String { name }

    func model() throws -> Model {
      try Model(
        submodules: [
          Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
          Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
          Submodule(
            name: "C", distribution: Distribution(family: family, location: location, scale: scale),
            truth: truth, persuasion: persuasion),
        ], weights: weights)
    }

    /// Right-oriented Z with P(Z > z) = v (`upper`) or P(Z <= z) = v, written here from the
    /// contract's definitions by inversion; lognormal is integrated in its normal variable instead.
    func standardDraw(tail v: Double, upper: Bool) -> Double {
      switch family {
      case .pareto(let alpha, _): return upper ? expm1(-log(v) / alpha) : expm1(-log1p(-v) / alpha)
      case .gumbel: return upper ? -log(-log1p(-v)) : -log(-log(v))
      case .weibull(let k, _): return upper ? pow(-log(v), 1 / k) : pow(-log1p(-v), 1 / k)
      default: return .nan
      }
    }

    /// X_C for the right-oriented draw z.
    func draw(_ z: Double) -> Double {
      family.orientation == .left ? location - scale * z : location + scale * z
    }

    static let all: [Case] = [
      Case(
        name: "lognormal error (Kwa et al.)", family: .lognormal(sigma: 1, orientation: .right),
        location: 0, scale: 1, truth: 0, persuasion: 1, weights: [1.0 / 3, 1.0 / 3, 1.0 / 3]),
      Case(
        name: "Lomax under a negative coefficient", family: .pareto(alpha: 3, orientation: .right),
        location: 0.5, scale: 1, truth: 0.5, persuasion: -1, weights: [0.4, 0.2, 0.4]),
      Case(
        name: "left Gumbel carrying truth", family: .gumbel(orientation: .left), location: 1,
        scale: 0.7, truth: 1, persuasion: 2, weights: [0.3, 0.3, 0.4]),
      Case(
        name: "Weibull k = 1/2 against truth", family: .weibull(shape: 0.5, orientation: .right),
        location: -1, scale: 0.5, truth: -0.5, persuasion: 1, weights: [0.5, 0.25, 0.25]),
    ]
  }

  /// The law of P = b_A X_A + b_C X_C (+ nothing else) and of T, by integrating over X_C in its
  /// quantile variable (its normal variable for lognormal) with X_A's normal law in closed form.
  struct Reference {
    let c: Case
    let bA: Double, aA: Double, bC: Double, aC: Double, truthOffset: Double

    init(_ c: Case) {
      self.c = c
      (bA, aA) = (c.weights[0], c.weights[0])
      (bC, aC) = (c.weights[2] * c.persuasion, c.weights[2] * c.truth)
      truthOffset = c.weights[1]  // a_B E[X_B]
    }

    static let inner = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-11, limit: 1000, rule: .gauss31,
      operation: "reference")

    /// E[g(X_C)], where g peaks near X_C = x0 with width `width` (the normal kernel of X_A):
    /// over C's normal variable n in [−40, 40] (lognormal), Z in [−10, 60] (Gumbel), or over each
    /// half of its quantile variable, v = P(Z > z) and v = P(Z <= z) in (0, 1/2] (so both tails
    /// keep their digits), cut where X_C = x0 + k · width and around the integrand's largest
    /// value on a grid.
    func expectation(
      near x0: Double, width: Double, absoluteTolerance: Double = 0, _ g: @escaping (Double) -> Double
    ) throws -> Double {
      var quadrature = Reference.inner
      quadrature.absoluteTolerance = absoluteTolerance
      var halves: [(x: (Double) -> Double, weight: (Double) -> Double, range: (Double, Double))] = []
      if case .lognormal(let sigma, _) = c.family {
        halves = [({ n in c.draw(exp(sigma * n)) }, StandardNormal.density, (-40, 40))]
      } else if case .gumbel = c.family {
        // In Z itself, with the max-Gumbel density e^{−z − e^{−z}}: its lower tail falls faster
        // than any quantile variable resolves (F = e^{−e^{−z}} underflows by z = −6.6).
        halves = [({ z in c.draw(z) }, { z in exp(-z - exp(-z)) }, (-10, 60))]
      } else {
        halves = [true, false].map { upper in
          ({ v in c.draw(c.standardDraw(tail: v, upper: upper)) }, { _ in 1 }, (0, 0.5))
        }
      }
      var total = 0.0
      for half in halves {
        var cuts = [half.range.0, half.range.1]
        for k in [-30.0, -8, -2, 0, 2, 8, 30] {
          if let u = Reference.solve(half.x, x0 + k * width, in: half.range) { cuts.append(u) }
        }
        // Where the integrand peaks far from x0 (a light tail of C against X_A's kernel), cuts
        // around the largest value on a grid (log-spaced in v, to 1e-300).
        let grid = (0...600).map { i in
          let t = Double(i) / 600
          return half.range.0 == 0 ? 0.5 * pow(10, -300 * (1 - t)) : half.range.0 + t * (half.range.1 - half.range.0)
        }
        let values = grid.map { u in abs(half.weight(u) * g(half.x(u))) }
        if let peak = values.indices.max(by: { values[$0] < values[$1] }), values[peak] > 0 {
          cuts += grid[max(0, peak - 2)...min(grid.count - 1, peak + 2)]
        }
        cuts = Array(Set(cuts)).sorted()
        for (a, b) in zip(cuts, cuts.dropFirst()) where b > a {
          total += try quadrature.integrate({ u in half.weight(u) * g(half.x(u)) }, from: a, to: b).value
        }
      }
      return total
    }

    /// The u in `range` with x(u) = target for a monotone x, or `nil` when none.
    static func solve(_ x: (Double) -> Double, _ target: Double, in range: (Double, Double)) -> Double? {
      var (low, high) = range
      let rising = x(0.75 * low + 0.25 * high) < x(0.25 * low + 0.75 * high)
      guard (x(low) - target) * (x(high) - target) < 0 || x(low).isInfinite || x(high).isInfinite else {
        return nil
      }
      for _ in 0..<200 {
        let middle = 0.5 * (low + high)
        if (x(middle) < target) == rising { low = middle } else { high = middle }
      }
      let root = 0.5 * (low + high)
      return root > range.0 && root < range.1 ? root : nil
    }

    /// E[g(X_C)] for g peaked by X_A's kernel at P = p.
    func expectation(at p: Double, absoluteTolerance: Double = 0, _ g: @escaping (Double) -> Double) throws -> Double {
      try expectation(near: (p - bA) / bC, width: bA / abs(bC), absoluteTolerance: absoluteTolerance, g)
    }

    /// z of X_A's standard normal given P = p and X_C = x.
    func z(_ p: Double, _ x: Double) -> Double { (p - bC * x - bA) / bA }

    func survival(_ p: Double) throws -> Double { try expectation(at: p) { x in StandardNormal.survival(z(p, x)) } }
    func cdf(_ p: Double) throws -> Double { try expectation(at: p) { x in StandardNormal.survival(-z(p, x)) } }
    func density(_ p: Double) throws -> Double {
      try expectation(at: p) { x in StandardNormal.density(z(p, x)) / bA }
    }
    /// E[T · 1{P ∈ dp}]/dp, to 1e-11 of E[|T| · 1{P ∈ dp}]/dp (T changes sign, so the integral
    /// can vanish).
    func truthDensity(_ p: Double) throws -> Double {
      let g: (Double) -> Double = { x in
        StandardNormal.density(z(p, x)) / bA * (aA * (p - bC * x) / bA + aC * x + truthOffset)
      }
      let magnitude = try expectation(at: p) { x in abs(g(x)) }
      return try expectation(at: p, absoluteTolerance: 1e-11 * magnitude, g)
    }

    /// ln F(p), from whichever tail is smaller.
    func logCDF(_ p: Double) throws -> Double {
      let q = try survival(p)
      return q < 0.5 ? log1p(-q) : log(try cdf(p))
    }

    /// (E[T], E[P]) of the best of n, split at the median of the maximum.
    func bestOfN(_ n: Double) throws -> (truth: Double, persuasion: Double) {
      var (low, high) = (-50.0, 500.0)
      let target = -M_LN2 / n
      for _ in 0..<200 {
        let middle = 0.5 * (low + high)
        if try logCDF(middle) < target { low = middle } else { high = middle }
      }
      let median = 0.5 * (low + high)
      let width = try survival(median) / density(median)
      let outer = Quadrature(
        absoluteTolerance: 0, relativeTolerance: 1e-9, limit: 1000, rule: .gauss21, operation: "reference")
      var failure: Error?
      func weighted(_ h: @escaping (Double) throws -> Double) throws -> Double {
        let f: (Double) -> Double = { y in
          let p = median + width * y
          do {
            let weight = n * exp((n - 1) * (try logCDF(p)))
            return weight == 0 ? 0 : width * weight * (try h(p))
          } catch {
            failure = error
            return 0
          }
        }
        let total = try outer.integrate(f, from: 0).value + outer.integrate(f, fromMinusInfinityTo: 0).value
        if let failure { throw failure }
        return total
      }
      return (
        try weighted { p in try truthDensity(p) },
        try weighted { p in try p * density(p) })
    }
  }

  @Test(arguments: Case.all)
  func pointFunctionsMatchTheReference(c: Case) throws {
    let law = try #require(try c.model().outputLaw() as? PersuasionLaw)
    let reference = Reference(c)
    for p in [-3.0, -1, 0, 0.4, 1, 2.5, 6, 12] {
      let tail = try reference.survival(p)
      let lower = try reference.cdf(p)
      let density = try reference.density(p)
      // Each tail is checked relative to itself where it is the smaller one; the other to 1e-12.
      let (small, large) = tail < lower ? (try law.survival(p), try law.cdf(p)) : (try law.cdf(p), try law.survival(p))
      #expect(relativeError(small, min(tail, lower)) <= 1e-9, "the smaller tail at \(p)")
      #expect(abs(large - max(tail, lower)) <= 1e-12, "the larger tail at \(p)")
      guard density > 1e-280 else { continue }
      #expect(relativeError(try law.density(p), density) <= 1e-9, "f_P(\(p))")
      let mean = try #require(try law.conditionalTruth(givenPersuasiveness: p).mean)
      #expect(abs(mean - (try reference.truthDensity(p)) / density) <= 1e-9 * (1 + abs(mean)), "E[T | P = \(p)]")
    }
  }

  @Test(arguments: Case.all)
  func selectionsMatchTheReference(c: Case) throws {
    let law = try #require(try c.model().outputLaw() as? PersuasionLaw)
    let reference = Reference(c)
    let tolerance = Quadrature(absoluteTolerance: 0, relativeTolerance: 1e-9, limit: 1000, rule: .gauss21)
    for q in [0.9, 0.3, 0.01] {
      let kept = try law.quantile(q)
      #expect(relativeError(try reference.survival(kept.threshold), q) <= 1e-9, "Q_P at the \(q) quantile")
      let truth = try tolerance.integrate({ p in (try? reference.truthDensity(p)) ?? .nan }, from: kept.threshold).value / q
      let persuasion =
        try tolerance.integrate({ p in (try? p * reference.density(p)) ?? .nan }, from: kept.threshold).value / q
      #expect(relativeError(try #require(kept.outcome.meanTruth), truth) <= 1e-8, "E[T | top \(q)]")
      #expect(relativeError(try #require(kept.outcome.meanPersuasiveness), persuasion) <= 1e-8, "E[P | top \(q)]")
    }
    for n in [10.0, 1000, 1e6, 1e9] {
      let best = try law.bestOfN(n)
      let expected = try reference.bestOfN(n)
      #expect(relativeError(try #require(best.meanTruth), expected.truth) <= 1e-7, "E[T] best of \(n)")
      #expect(relativeError(try #require(best.meanPersuasiveness), expected.persuasion) <= 1e-7, "E[P] best of \(n)")
    }
  }

  /// The tests' own Monte Carlo (SplitMix64, inversion for C): best-of-n within 4 standard
  /// errors at n = 10 and 1000.
  @Test(arguments: Case.all)
  func bestOfNAgreesWithMonteCarlo(c: Case) throws {
    let law = try #require(try c.model().outputLaw() as? PersuasionLaw)
    let reference = Reference(c)
    var generator = SplitMix64(seed: 2026)
    for (n, trials) in [(10, 20_000), (1000, 1_000)] {
      var sum = 0.0
      var squares = 0.0
      for _ in 0..<trials {
        var best = (p: -Double.infinity, t: 0.0)
        for _ in 0..<n {
          let xA = 1 + generator.normal()
          let xB = 1 + generator.normal()
          let z: Double
          if case .lognormal(let sigma, _) = c.family { z = exp(sigma * generator.normal()) } else {
            z = c.standardDraw(tail: generator.uniform(), upper: true)
          }
          let xC = c.draw(z)
          let p = reference.bA * xA + reference.bC * xC
          if p > best.p { best = (p, reference.aA * xA + c.weights[1] * xB + reference.aC * xC) }
        }
        sum += best.t
        squares += best.t * best.t
      }
      let mean = sum / Double(trials)
      let error = ((squares / Double(trials) - mean * mean) / Double(trials)).squareRoot()
      let exact = try #require(try law.bestOfN(Double(n)).meanTruth)
      #expect(abs(exact - mean) <= 4 * error, "n = \(n): exact \(exact), Monte Carlo \(mean) ± \(error)")
    }
  }

  /// The tilt of a law with an exponential moment on the right (a left Gumbel; K′ shifted by the
  /// centring), against the tilted reference density; a right lognormal and a Weibull with k = 1/2
  /// have none, and the reason says so without calling their tails polynomial.
  @Test func tiltMatchesTheTiltedReference() throws {
    let c = Case.all[2]
    let law = try #require(try c.model().outputLaw() as? PersuasionLaw)
    guard case .normalisable(let beta, let outcome) = try law.tilt(kl: 0.7) else {
      Issue.record("a left Gumbel has every exponential moment")
      return
    }
    let reference = Reference(c)
    let theta = 1 / beta
    let outer = Quadrature(absoluteTolerance: 0, relativeTolerance: 1e-10, limit: 1000, rule: .gauss21)
    let shift = try #require(law.moments.meanPersuasiveness)
    // P's tails are lighter than e^{−p²/4} on both sides here: [−30, 30] holds all but 1e-100.
    func tilted(_ h: @escaping (Double) throws -> Double) throws -> Double {
      let cuts = [-30.0, -5, -1, 0, 1, 2, 5, 30]
      return try zip(cuts, cuts.dropFirst()).reduce(0) { total, piece in
        try total + outer.integrate({ p in exp(theta * (p - shift)) * ((try? h(p)) ?? .nan) }, from: piece.0, to: piece.1).value
      }
    }
    let mass = try tilted { p in try reference.density(p) }
    let truth = try tilted { p in try reference.truthDensity(p) } / mass
    let persuasion = try tilted { p in try p * reference.density(p) } / mass
    #expect(relativeError(try #require(outcome.meanTruth), truth) <= 1e-8)
    #expect(relativeError(try #require(outcome.meanPersuasiveness), persuasion) <= 1e-8)
    // A right lognormal and a Weibull with k = 1/2 have no exponential moment, though their tails
    // are not polynomial: the reason must say the first and not claim the second.
    for heavyCase in [Case.all[0], Case.all[3]] {
      let heavy = try #require(try heavyCase.model().outputLaw() as? PersuasionLaw)
      let selection = try heavy.tilt(kl: 0.7)
      #expect(selection == .notNormalisable(submodules: ["C"]))
      let reason = try #require(selection.obstruction)
      #expect(reason.contains("heavier than every exponential") && !reason.contains("polynomial"))
    }
  }

  /// One skewed component (P = C/2, C Weibull k = 1/2, whose density is unbounded at its start):
  /// best-of-n against the quantile-domain integral E[C_(n)] = ∫ n u^{n−1} (−ln(1 − u))² du, a
  /// threshold below the support keeps the base law (E[P] = 1, Var P = 5, Var T = 3/2 in closed
  /// form, KL 0), and one above a left Weibull's upper end keeps nothing (a clear error).
  @Test func oneSkewedComponent() throws {
    func model(_ side: Distribution.Orientation) throws -> Model {
      try Model(
        submodules: [
          Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 0),
          Submodule(
            name: "C", distribution: Distribution(family: .weibull(shape: 0.5, orientation: side), location: 0, scale: 1),
            truth: 0.5, persuasion: 1),
        ], weights: [0.5, 0.5])
    }
    let law = try model(.right).outputLaw()
    let quadrature = Quadrature(absoluteTolerance: 0, relativeTolerance: 1e-12, limit: 1000, rule: .gauss31)
    for n in [10.0, 1000, 1e6, 1e9] {
      // u = 1 − e^{−t}: ∫_0^∞ n (1 − e^{−t})^{n−1} t² e^{−t} dt, cut around t = ln n.
      let integrand: (Double) -> Double = { t in n * exp((n - 1) * log1p(-exp(-t)) - t) * t * t }
      let centre = log(n)
      let cuts = [0, max(0, centre - 10), centre, centre + 10, centre + 60]
      var maximum = try zip(cuts, cuts.dropFirst()).reduce(0.0) { total, piece in
        piece.1 > piece.0 ? total + (try quadrature.integrate(integrand, from: piece.0, to: piece.1).value) : total
      }
      maximum += try quadrature.integrate(integrand, from: centre + 60).value
      let best = try law.bestOfN(n)
      #expect(relativeError(try #require(best.meanPersuasiveness), 0.5 * maximum) <= 1e-8, "E[P], n = \(n)")
      #expect(relativeError(try #require(best.meanTruth), 0.5 + 0.25 * maximum) <= 1e-8, "E[T], n = \(n)")
    }
    let all = try law.threshold(-1)
    #expect(all.acceptance == 1 && all.outcome.kl == 0)
    #expect(relativeError(try #require(all.outcome.meanPersuasiveness), 1) <= 1e-8)
    #expect(relativeError(try #require(all.outcome.variancePersuasiveness), 5) <= 1e-8)
    #expect(relativeError(try #require(all.outcome.varianceTruth), 1.5) <= 1e-8)
    #expect(throws: SelectionError.self) { try model(.left).outputLaw().threshold(0.3) }
  }

  /// An empirical law carrying persuasion alone is exact in closed form; beside a normal part of
  /// P it is one of two components of the sum (`EmpiricalSumTests` checks its numbers).
  @Test func empiricalPersuasionAloneOrBesideANormal() throws {
    var generator = SplitMix64(seed: 5)
    let samples = (0..<400).map { _ in generator.normal() * 2 + 1 }
    let scores = try Distribution(
      family: .empirical(EmpiricalLaw(samples: samples, field: "samples"), orientation: .right), location: 0,
      scale: 1)
    let alone = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 0),
        Submodule(name: "R", distribution: scores, truth: 0.5, persuasion: 1),
      ], weights: [0.5, 0.5])
    let law = try #require(try alone.outputLaw() as? PersuasionLaw)
    // One component: P's quantile is R's, to rounding.
    let threshold = try law.quantile(0.05).threshold
    #expect(relativeError(threshold, 0.5 * scores.standardLaw.upperQuantile(0.05)) <= 1e-12)
    let beside = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "R", distribution: scores, truth: 0.5, persuasion: 1),
      ], weights: [0.5, 0.5])
    let sum = try #require(try beside.outputLaw() as? PersuasionLaw)
    #expect(sum.components.count == 2)
  }
}
