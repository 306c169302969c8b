import Foundation
import Goodhart
import Testing

/// RL on the mixture weights: the output-law KL and the exact optimum of E_w[P] − β KL.
@Suite struct MixtureWeightsTests {
  /// A mixture from (mean, sd, truth, persuasion) rows.
  static func model(_ rows: [(Double, Double, Double, Double)], weights: [Double]) throws -> Model {
    try MixtureLawTests.mixture(rows, weights: weights)
  }

  /// Random points of the simplex from a seeded stream, corners and edges included.
  static func simplexPoints(_ count: Int, dimension: Int, seed: UInt64) -> [[Double]] {
    var random = SplitMix64(seed: seed)
    var points: [[Double]] = []
    for index in 0..<count {
      var raw = (0..<dimension).map { _ in -log(random.uniform()) }
      if index % 5 == 0 { raw[Int(random.next() % UInt64(dimension))] = 0 }
      let total = raw.reduce(0, +)
      points.append(raw.map { $0 / total })
    }
    return points
  }

  /// No two vectors parallel: KL = Σ w_i ln(w_i / w0_i), and the optimum w ∝ w0 exp(a / β)
  /// (checked here from the formula, 1e-12 relative), beaten by no point of a dense random search.
  @Test(arguments: [0.05, 0.3, 1, 7])
  func closedFormWithoutParallelVectors(beta: Double) throws {
    let model = try MixtureWeightsTests.model(
      [(1, 1, 1, 1), (1, 1, 1, 0), (2, 1, 0, 1), (0.5, 2, -1, 2)], weights: [0.1, 0.2, 0.3, 0.4])
    let family = try MixtureWeights(model: model)
    let optimum = try family.optimum(beta: beta)
    let rewards = [1.0, 0, 2, 1]
    let raw = zip(model.weights, rewards).map { $0 * exp($1 / beta) }
    let expected = raw.map { $0 / raw.reduce(0, +) }
    for (w, e) in zip(optimum.outcome.weights, expected) { #expect(relativeError(w, e) < 1e-12) }
    #expect(optimum.kktResidual < 1e-12)
    let objective = optimum.outcome.objective
    for w in MixtureWeightsTests.simplexPoints(20_000, dimension: 4, seed: 3) {
      let klFormula = zip(w, model.weights).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * log($1.0 / $1.1) : 0) }
      let kl = family.kl(at: w)
      #expect(abs(kl - klFormula) <= 1e-13 * max(1, klFormula))
      let j = zip(w, rewards).reduce(0) { $0 + $1.0 * $1.1 } - beta * kl
      #expect(j <= objective + 1e-12 * max(1, abs(objective)))
    }
  }

  /// Parallel vectors share a line: the group's KL against Simpson integration of
  /// f_w ln(f_w / f_w0) on the line (1e-9 relative), and the optimum against a dense random
  /// search (no point better by 1e-9 relative).
  @Test func parallelVectorsShareALine() throws {
    // A = (1, 1) and A2 = (2, 2) lie on one line: on it y = X_A and y = 2 X_A2.
    let model = try MixtureWeightsTests.model(
      [(1, 1, 1, 1), (1.5, 0.5, 2, 2), (1, 1, 1, 0), (2, 1, 0, 1)], weights: [0.25, 0.25, 0.25, 0.25])
    let family = try MixtureWeights(model: model)
    func lineDensity(_ y: Double, _ a: Double, _ b: Double) -> Double {
      a * StandardNormal.density(y - 1) + b * StandardNormal.density((y - 3) / 1) / 1
    }
    let w = [0.6, 0.1, 0.1, 0.2]
    let mass = 0.7
    let (a, b) = (0.6 / mass, 0.1 / mass)
    var inner = 0.0
    let steps = 200_000
    let h = 24.0 / Double(steps)
    for i in 0...steps {
      let y = -10 + Double(i) * h
      let f = lineDensity(y, a, b)
      let f0 = lineDensity(y, 0.5, 0.5)
      let value = f > 0 ? f * log(f / f0) : 0
      inner += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * value
    }
    inner *= h / 3
    let expected = mass * log(mass / 0.5) + mass * inner + 0.1 * log(0.1 / 0.25) + 0.2 * log(0.2 / 0.25)
    #expect(relativeError(family.kl(at: w), expected) < 1e-9)
    for beta in [0.2, 1.0, 4.0] {
      let optimum = try family.optimum(beta: beta)
      #expect(optimum.kktResidual < ExactOptimum.kktTolerance)
      let objective = optimum.outcome.objective
      for point in MixtureWeightsTests.simplexPoints(1500, dimension: 4, seed: 9) {
        let j = family.outcome(at: point, beta: beta).objective
        #expect(j <= objective + 1e-9 * max(1, abs(objective)), "β = \(beta) at \(point)")
      }
    }
  }

  /// Skewed personas alone on their lines (a right Gumbel, a left Lomax with a negative
  /// loading, an empirical law): the optimum is w ∝ w0 exp(a / β) with a_i = p_i E[X_i] from the
  /// laws' closed-form means (1e-12), and no point of a dense random search beats it.
  @Test(arguments: [0.1, 1])
  func skewedPersonasAloneOnTheirLines(beta: Double) throws {
    var random = SplitMix64(seed: 77)
    let samples = (0..<300).map { _ in random.normal() * 0.7 + 0.2 }
    let gumbel = try Distribution(family: .gumbel(orientation: .right), location: 0.5, scale: 0.8)
    let lomax = try Distribution(family: .pareto(alpha: 4, orientation: .left), location: 2, scale: 1)
    let empirical = try Distribution(
      family: .empirical(try EmpiricalLaw(samples: samples, field: "samples"), orientation: .right), location: 1,
      scale: 1)
    let submodules = try [
      Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
      Submodule(name: "G", distribution: gumbel, truth: 0.5, persuasion: 1),
      Submodule(name: "L", distribution: lomax, truth: 1, persuasion: -0.5),
      Submodule(name: "E", distribution: empirical, truth: 0, persuasion: 1.5),
    ]
    let model = try Model(submodules: submodules, weights: [0.4, 0.2, 0.2, 0.2], composition: .mixture)
    let family = try MixtureWeights(model: model)
    let optimum = try family.optimum(beta: beta)
    // E[X]: normal 1; Gumbel 0.5 + 0.8 γ; left Lomax 2 − 1/(α − 1); the empirical law's own
    // (checked against quadrature in EmpiricalLawTests).
    let empiricalMean = try #require(empirical.mean)
    let means: [Double] = [1, 0.5 + 0.8 * 0.577_215_664_901_532_9, 2 - 1.0 / 3, empiricalMean]
    let rewards = zip(submodules, means).map { $0.persuasion * $1 }
    let raw = zip(model.weights, rewards).map { $0 * exp($1 / beta) }
    for (w, r) in zip(optimum.outcome.weights, raw) { #expect(relativeError(w, r / raw.reduce(0, +)) < 1e-12) }
    let objective = optimum.outcome.objective
    for w in MixtureWeightsTests.simplexPoints(5_000, dimension: 4, seed: 4) {
      #expect(family.outcome(at: w, beta: beta).objective <= objective + 1e-12 * max(1, abs(objective)))
    }
  }

  /// Skewed personas sharing lines: a right Gumbel on the normal A's line, and a left Lomax
  /// (bounded above, its density jumping to α at its end) on a line with a normal of twice its
  /// loading. The KL against Simpson's rule on each line (the Lomax line in y = 2 − (e^t − 1), so
  /// its polynomial left tail is covered), and the optimum: a KKT point that no point of a dense
  /// random search beats.
  @Test func skewedPersonasSharingALine() throws {
    let gumbel = try Distribution(family: .gumbel(orientation: .right), location: 0.5, scale: 0.8)
    let lomax = try Distribution(family: .pareto(alpha: 4, orientation: .left), location: 2, scale: 1)
    let model = try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(name: "G", distribution: gumbel, truth: 1, persuasion: 1),
        Submodule(name: "L", distribution: lomax, truth: 1, persuasion: -0.5),
        Submodule(name: "N", mean: 0.5, sd: 0.7, truth: 2, persuasion: -1),
      ], weights: [0.3, 0.2, 0.25, 0.25], composition: .mixture)
    let family = try MixtureWeights(model: model)
    // Line 1: y = X_A or X_G. Line 2: y = X_L or 2 X_N ~ N(1, 1.4²).
    func first(_ y: Double, _ a: Double, _ g: Double) -> Double {
      let z = (y - 0.5) / 0.8
      return a * StandardNormal.density(y - 1) + g * exp(-z - exp(-z)) / 0.8
    }
    // The Lomax part lives on y <= 2; `right` evaluates the side y > 2, where only N does.
    func second(_ y: Double, _ l: Double, _ n: Double, right: Bool = false) -> Double {
      let lomaxDensity = right ? 0 : 4 * pow(3 - y, -5)
      return l * lomaxDensity + n * StandardNormal.density((y - 1) / 1.4) / 1.4
    }
    func simpson(_ f: (Double) -> Double, _ a: Double, _ b: Double, steps: Int = 200_000) -> Double {
      let h = (b - a) / Double(steps)
      var total = 0.0
      for i in 0...steps {
        total += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * f(a + Double(i) * h)
      }
      return total * h / 3
    }
    func divergence(_ f: @escaping (Double) -> Double, _ f0: @escaping (Double) -> Double) -> (Double) -> Double {
      { y in let v = f(y); return v > 0 ? v * log(v / f0(y)) : 0 }
    }
    let w = [0.5, 0.1, 0.05, 0.35]
    let (one, two) = (w[0] + w[1], w[2] + w[3])
    let inner1 = simpson(divergence({ first($0, w[0] / one, w[1] / one) }, { first($0, 0.6, 0.4) }), -15, 40)
    let inner2Left = divergence({ second($0, w[2] / two, w[3] / two) }, { second($0, 0.5, 0.5) })
    let inner2Right = divergence({ second($0, w[2] / two, w[3] / two, right: true) }, { second($0, 0.5, 0.5, right: true) })
    let inner2 =
      simpson({ t in inner2Left(2 - expm1(t)) * exp(t) }, 0, log(2002)) + simpson(inner2Right, 2, 20)
    let expected = one * log(one / 0.5) + one * inner1 + two * log(two / 0.5) + two * inner2
    #expect(relativeError(family.kl(at: w), expected) < 1e-8, "\(family.kl(at: w)) against \(expected)")
    for beta in [0.3, 1.0] {
      let optimum = try family.optimum(beta: beta)
      #expect(optimum.kktResidual < ExactOptimum.kktTolerance)
      let objective = optimum.outcome.objective
      for point in MixtureWeightsTests.simplexPoints(3000, dimension: 4, seed: 21) {
        #expect(family.outcome(at: point, beta: beta).objective <= objective + 1e-9 * max(1, abs(objective)))
      }
    }
  }

  /// β = 0: the reward maximiser's vertex, whose KL is finite in the mixture reading
  /// (−ln w0_i: only the component weights change), unlike the sum reading's.
  @Test func zeroBetaIsTheVertex() throws {
    let model = Preset.cheapPersuasion.model.composed(as: .mixture)
    let optimum = try MixtureWeights(model: model).optimum(beta: 0)
    #expect(optimum.outcome.weights == [0, 0, 1])
    #expect(relativeError(optimum.outcome.kl, log(3)) < 1e-15)
    #expect(optimum.outcome.meanTruth == 0 && optimum.outcome.meanPersuasiveness == 2)
  }
}
