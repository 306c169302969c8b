import Foundation
import Testing

@testable import Goodhart

/// The one-point certificate (`PenalisedObjective.lagrangianBound(at:over:)`): an upper bound of
/// J over a whole region from one point, checked against J at many points of the region (a bound
/// below any of them would be a false certificate), refused at a local optimum that is not
/// global, and settling the benchmark model with no box at all.
@Suite struct LagrangianBoundTests {
  /// A point of `box`'s region: a random point of the box, projected onto the region.
  static func point(in box: WeightBox, _ random: inout SplitMix64) -> [Double] {
    let raw = box.lower.indices.map { random.uniform(box.lower[$0], box.upper[$0]) }
    return box.projection(of: raw)
  }

  /// A random sub-box of the simplex around a random point (edges up to 0.3), tightened.
  static func subBox(count: Int, _ random: inout SplitMix64) -> WeightBox? {
    let centre = random.simplexPoint(count)
    let lower = centre.map { max(0, $0 - random.uniform(0, 0.3)) }
    let upper = centre.map { min(1, $0 + random.uniform(0, 0.3)) }
    return WeightBox(lower: lower, upper: upper, onSimplex: true).tightened()
  }

  /// 120 random models (3–6 submodules, β log-uniform in [0.01, 30], output-kl and
  /// persuasion-kl): at the ascent's end point from w0 and at a random point, over the simplex,
  /// a random sub-box of it, and the box [0, 2]ⁿ off the simplex, the bound is at least J at
  /// 400 points of the region, its vertices and the point itself.
  @Test func boundsEveryPointOfTheRegion() throws {
    var checked = 0
    for seed in UInt64(1)...120 {
      let count = 3 + Int(seed % 4)
      let model = CertifiedOptimumTests.model(count: count, seed: seed &* 13)
      var random = SplitMix64(seed: seed ^ 0xCAFE)
      let beta = pow(10, random.uniform(-2, log10(30)))
      let regulariser: Regulariser = seed % 3 == 0 ? .persuasionKL : .outputKL
      let objective = try model.penalisedObjective(beta: beta, regulariser: regulariser)
      let simplex = WeightBox(
        lower: [Double](repeating: 0, count: count), upper: [Double](repeating: 1, count: count), onSimplex: true)
      let orthant = WeightBox(
        lower: [Double](repeating: 0, count: count), upper: [Double](repeating: 2, count: count), onSimplex: false)
      var regions = [simplex, orthant]
      if let box = LagrangianBoundTests.subBox(count: count, &random) { regions.append(box) }
      for region in regions {
        let ascended = objective.ascend(from: region.projection(of: model.weights), domain: region.onSimplex ? .simplex : .nonnegative)
        let starts = [region.projection(of: ascended), LagrangianBoundTests.point(in: region, &random)]
        for start in starts {
          guard let bound = objective.lagrangianBound(at: start, over: region) else { continue }
          var points = (0..<400).map { _ in LagrangianBoundTests.point(in: region, &random) }
          points.append(start)
          if region.onSimplex {
            points += (0..<count).map { i in region.projection(of: (0..<count).map { $0 == i ? 2.0 : -1.0 }) }
          }
          for x in points {
            let value = objective.value(x)
            #expect(value <= bound, "seed \(seed), \(regulariser.rawValue), beta \(beta): J = \(value) > bound \(bound)")
          }
          checked += 1
        }
      }
    }
    #expect(checked >= 600)
  }

  /// The model of `OptimizationExactTests.faceSearchEscapesALocalOptimum`: at the local optimum
  /// on the face {S0, S2} (polished to a KKT point) the bound stays above the global maximum
  /// (J = −0.169832647538654, SciPy SLSQP from 200 starts), so the branch and bound must run, and
  /// it finds the global one.
  @Test func refusesALocalOptimum() throws {
    let model = OptimizationFixtures.localOptimumModel
    let beta = OptimizationFixtures.localOptimumBeta
    let objective = try model.penalisedObjective(beta: beta, regulariser: .outputKL)
    let local = objective.ascend(from: [0.6866208540751615, 0, 0.31337914592483856, 0], domain: .simplex)
    #expect(objective.value(local) < -0.1735)
    let simplex = WeightBox(lower: [0, 0, 0, 0], upper: [1, 1, 1, 1], onSimplex: true)
    let bound = try #require(objective.lagrangianBound(at: local, over: simplex))
    #expect(bound > -0.169832647538654)
    let found = try model.certifiedOptimum(objective, domain: .simplex, start: local)
    #expect(found.certificate == .global)
    #expect(abs(objective.value(found.weights) - -0.169832647538654) <= 1e-12)
  }

  /// The 6-submodule model of `OptimizationBenchmarks`: at every β from 0.01 to 30 the ascent's
  /// point is certified by the bound alone (no box), within the promise, and the independent
  /// dense search finds nothing better. (Before the bound, β = 1 took 148,000 boxes and
  /// β = 10 exhausted the 500,000.)
  @Test(arguments: [0.01, 0.1, 1, 10, 30])
  func benchmarkModelSettlesAtOnce(beta: Double) throws {
    let model = try Model(
      submodules: (0..<6).map { i in
        let x = Double(i)
        return try Submodule(
          name: "S\(i)", mean: 0.5 + 0.3 * x, sd: 0.6 + 0.15 * x,
          truth: cos(1.3 * x), persuasion: 0.4 + 0.25 * sin(0.9 * x + 1))
      },
      weights: [0.25, 0.15, 0.2, 0.1, 0.2, 0.1])
    let objective = try model.penalisedObjective(beta: beta, regulariser: .outputKL)
    let start = objective.ascend(from: model.weights, domain: .simplex)
    let simplex = WeightBox(lower: model.weights.map { _ in 0 }, upper: model.weights.map { _ in 1 }, onSimplex: true)
    let maximum = try #require(
      BranchAndBound(objective: objective, root: simplex, nodeBudget: 10).maximise(from: start) {
        objective.ascend(from: $0, domain: .simplex)
      })
    #expect(maximum.nodes == 0)
    #expect(maximum.upperBound <= BranchAndBound.closingThreshold(above: maximum.value))
    try CertifiedOptimumTests().check(model, .outputKL, beta: beta, domain: .simplex, points: 40, seed: 7)
  }
}
